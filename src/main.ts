import { DiscordjsErrorCodes, Events, Status } from "discord.js";
import { COMMANDS } from "../commands/index.js";
import { listBankFiles, loadBankFiles } from "./bank-files.js";
import { type Config, shardsOf } from "./config.js";
import { createBankLibrary } from "./core/bank/library.js";
import { formatProblem } from "./core/bank/problem.js";
import type { DojoContext } from "./core/context.js";
import type { Logger, Store } from "./core/ports.js";
import { canManageMessages } from "./discord/channel-permissions.js";
import { createDiscordClient } from "./discord/client.js";
import { syncCommands } from "./discord/command-sync.js";
import { createConfirmations } from "./discord/confirmations.js";
import { createDailyPoster } from "./discord/daily-poster.js";
import { startDailyTicker } from "./discord/daily-ticker.js";
import { createInteractionHandler } from "./discord/interactions.js";
import { createNameBook } from "./discord/member-names.js";
import { createMockClicks, createMockNotes } from "./discord/mock-clicks.js";
import { startMockTimer } from "./discord/mock-timer.js";
import { createPickClicks } from "./discord/pick-clicks.js";
import { createPracticeClicks } from "./discord/practice-clicks.js";
import { createReminderSender, startReminderTicker } from "./discord/practice-reminders.js";
import { createReactionHandler } from "./discord/reactions.js";
import { startRevealSweeper } from "./discord/reveal-sweeper.js";
import { createRoundMessages } from "./discord/round-messages.js";
import { createGuildOwnership } from "./discord/shard-ownership.js";
import { createUnrecordedNotices } from "./discord/unrecorded-notices.js";
import { createInFlight } from "./lib/in-flight.js";
import { createLogger } from "./logger.js";
import { startHealthServer } from "./operations/health-server.js";
import { instrumentStore } from "./operations/instrumented-store.js";
import { createMetrics } from "./operations/metrics.js";
import { logProcessEvents, readConfig, reason, StartupError, startOrExplain } from "./startup.js";
import { describeStore, openStore, type StoreTarget } from "./store/open-store.js";

/** Orchestrators (Docker, systemd) wait 10 s after SIGTERM before they kill; everything must end before. */
const SHUTDOWN_DEADLINE_MS = 9_500;
const DRAIN_MS = 6_000;

async function loadBank(config: Config, logger: Logger) {
	const files = await listBankFiles(config.BANKS_DIR).catch((error: unknown) => {
		throw new StartupError(`BANKS_DIR: cannot read the question bank folder ${config.BANKS_DIR} (${reason(error)})`);
	});
	const { bank, files: loaded, problems, skippedFiles } = await loadBankFiles(files);
	for (const problem of problems) logger.error({ file: problem.file, line: problem.line }, formatProblem(problem));
	if (skippedFiles.length > 0) logger.warn({ skippedFiles }, "bank files with problems were left out");
	if (bank.questions.length === 0) {
		throw new StartupError(`BANKS_DIR: no valid questions in ${config.BANKS_DIR} (run npm run bank:check)`);
	}
	logger.info({ questions: bank.questions.length, sections: bank.sections.length, files: files.length }, "bank loaded");
	return loaded;
}

async function connectStore(
	config: Config,
	logger: Logger,
): Promise<{ store: Store; target: StoreTarget; reachable: boolean }> {
	const target: StoreTarget = config.REDIS_URL
		? { kind: "redis", url: config.REDIS_URL }
		: { kind: "embedded", dataDir: config.DATA_DIR };
	let reachable = true;
	try {
		const events = {
			onProblem: (problem: string) => logger.warn({ problem }, "redis connection problem; retrying"),
			onReady: () => logger.info({}, "redis connection back"),
			onUnreachableAtStart: () => {
				reachable = false;
				logger.warn(
					{},
					"REDIS_URL: Redis is not answering; starting anyway and retrying with backoff (members are told scores are temporarily unavailable until it answers)",
				);
			},
		};
		const store = await openStore(target, events);
		return { store, target, reachable };
	} catch (error) {
		const variable = target.kind === "redis" ? "REDIS_URL: cannot connect to Redis" : "DATA_DIR: cannot open the store";
		throw new StartupError(`${variable} (${reason(error)})`);
	}
}

async function start(config: Config, rootLogger: Logger): Promise<void> {
	if (config.SHARDING_MANAGER && !process.send) {
		// discord.js would report to a manager over a channel this process does not have, and crash.
		throw new StartupError(
			"SHARDING_MANAGER: is set, but this process was not started by npm run start:sharded; remove it from the environment",
		);
	}
	const client = createDiscordClient(config.DISCORD_API_URL, shardsOf(config));
	const { shards, shardCount } = client.options;
	// Under the sharding manager several processes share one output; each line says whose it is.
	const logger = shardCount && shardCount > 1 ? rootLogger.child({ shards }) : rootLogger;
	const builtInFiles = await loadBank(config, logger);
	const { store: rawStore, target, reachable } = await connectStore(config, logger);
	if (reachable) logger.info({ store: describeStore(target) }, "store ready");
	const metrics = createMetrics(() => client.ws.ping);
	const store = instrumentStore(rawStore, metrics.observeStore);
	const clock = { now: Date.now };
	const banks = createBankLibrary({ store, logger, clock }, builtInFiles);
	const ctx: DojoContext = { store, bank: banks.builtIn, banks, clock, logger, random: Math.random, metrics };
	const health = config.HEALTH_PORT
		? await startHealthServer(config.HEALTH_PORT, {
				gatewayReady: () => client.ws.status === Status.Ready,
				store,
				registry: metrics.registry,
				logger,
			}).catch((error: unknown) => {
				throw new StartupError(`HEALTH_PORT: cannot listen on port ${config.HEALTH_PORT} (${reason(error)})`);
			})
		: undefined;
	if (health) logger.info({ port: config.HEALTH_PORT }, "health and metrics served on /healthz and /metrics");

	const ownsGuild = createGuildOwnership(client);
	const inFlight = createInFlight();
	const messages = createRoundMessages(ctx, client, {
		picksHidden: (round) => canManageMessages(client, round.channelId),
	});
	const postDaily = createDailyPoster(ctx, client);
	const confirmations = createConfirmations();
	const names = createNameBook(ctx);
	const handleInteraction = createInteractionHandler(
		COMMANDS,
		{
			buttons: [createPickClicks(messages), createPracticeClicks(), createMockClicks(), confirmations.route],
			modals: [createMockNotes()],
		},
		{ ...ctx, postDaily, confirmations },
		names,
	);
	client.on(Events.InteractionCreate, (interaction) => void inFlight.run(() => handleInteraction(interaction)));
	const unrecorded = createUnrecordedNotices(client, logger);
	const reactions = createReactionHandler(ctx, messages, unrecorded, {
		retryWindowMs: config.STORE_RETRY_SECONDS * 1000,
		names,
	});
	client.on(Events.MessageReactionAdd, (reaction, user) => void inFlight.run(() => reactions.handle(reaction, user)));
	let sweeper: ReturnType<typeof startRevealSweeper> | undefined;
	let dailies: ReturnType<typeof startDailyTicker> | undefined;
	let reminders: ReturnType<typeof startReminderTicker> | undefined;
	let mocks: ReturnType<typeof startMockTimer> | undefined;
	client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
	client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, "gateway closed"));
	client.on(Events.ShardReconnecting, (shardId) => logger.warn({ shardId }, "gateway reconnecting"));
	client.on(Events.ShardResume, (shardId, replayedEvents) =>
		logger.info({ shardId, replayedEvents }, "gateway resumed"),
	);
	client.once(Events.ClientReady, async (ready) => {
		logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, "ready");
		const scope = {
			applicationId: ready.application.id,
			...(config.DEV_GUILD_ID ? { guildId: config.DEV_GUILD_ID } : {}),
		};
		try {
			await syncCommands({ rest: ready.rest, store, logger, now: Date.now }, COMMANDS, scope, {
				knownGuilds: ready.guilds.cache.keys(),
			});
		} catch (error) {
			logger.error({ err: error }, "could not register slash commands; run npm run commands:deploy");
		}
		dailies = startDailyTicker(ctx, postDaily, { expression: config.DAILY_CRON, ownsGuild });
		await dailies.tick();
		reminders = startReminderTicker(ctx, createReminderSender(ready), { expression: config.DAILY_CRON, ownsGuild });
		sweeper = startRevealSweeper(ctx, messages, { ownsGuild });
		const overdue = await sweeper.sweep();
		if (overdue > 0) logger.info({ rounds: overdue }, "revealed rounds that fell due while the bot was down");
		mocks = startMockTimer(ctx, ready, { ownsGuild });
		const resumed = await mocks.sweep();
		if (resumed > 0)
			logger.info({ sessions: resumed }, "moved on mock interviews that fell due while the bot was down");
	});

	let stopping = false;
	const stop = async (signal: string) => {
		// A signal to the whole process group (Ctrl-C, systemd, docker stop with an init) arrives twice
		// under npm, which forwards its own; a repeat must not cut the shutdown short.
		if (stopping) {
			logger.info({ signal }, "already shutting down; signal ignored");
			return;
		}
		stopping = true;
		logger.info({ signal, inFlight: inFlight.size }, "shutting down");
		setTimeout(() => {
			logger.error({ inFlight: inFlight.size }, "shutdown took longer than 10 s; exiting anyway");
			process.exit(1);
		}, SHUTDOWN_DEADLINE_MS).unref();
		client.removeAllListeners(Events.InteractionCreate);
		client.removeAllListeners(Events.MessageReactionAdd);
		reactions.giveUp();
		await Promise.all([sweeper?.stop(), dailies?.stop(), reminders?.stop(), mocks?.stop()]);
		const unfinished = await inFlight.drain(DRAIN_MS);
		if (unfinished > 0) logger.warn({ unfinished }, "shutting down with work still running");
		await unrecorded.flush();
		messages.close();
		health?.close();
		await client.destroy();
		await store.close();
		logger.info({}, "stopped");
		process.exit(0);
	};
	process.on("SIGINT", () => void stop("SIGINT"));
	process.on("SIGTERM", () => void stop("SIGTERM"));
	// Under the sharding manager: a manager that died without stopping this shard leaves it unmanaged.
	if (process.send) process.once("disconnect", () => void stop("manager gone"));

	try {
		await client.login(config.DISCORD_TOKEN);
	} catch (error) {
		health?.close();
		await store.close();
		if (error instanceof Error && "code" in error && error.code === DiscordjsErrorCodes.TokenInvalid) {
			throw new StartupError(
				"DISCORD_TOKEN: Discord rejected the token (401); copy it again from the developer portal",
			);
		}
		throw new StartupError(`DISCORD_API_URL: cannot reach Discord at ${config.DISCORD_API_URL} (${reason(error)})`);
	}
}

const config = readConfig();
const logger = createLogger(config, [config.DISCORD_TOKEN]);
logProcessEvents(logger, [config.DISCORD_TOKEN]);
await startOrExplain(() => start(config, logger), [config.DISCORD_TOKEN]);
