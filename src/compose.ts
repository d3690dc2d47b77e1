import type { Server } from "node:http";
import { type Client, type Interaction, Status } from "discord.js";
import { COMMANDS } from "../commands/index.js";
import { listBankFiles, loadBankFiles } from "./bank-files.js";
import { type Config, shardsOf } from "./config.js";
import { createBankLibrary } from "./core/bank/library.js";
import { formatProblem } from "./core/bank/problem.js";
import type { DojoContext } from "./core/context.js";
import type { DailyPoster } from "./core/daily/runner.js";
import type { Logger, Store } from "./core/ports.js";
import { canManageMessages } from "./discord/channel-permissions.js";
import { createDiscordClient } from "./discord/client.js";
import { createConfirmations } from "./discord/confirmations.js";
import { createDailyPoster } from "./discord/daily-poster.js";
import { createInteractionHandler } from "./discord/interactions.js";
import { createLetterRemovals, type LetterRemovals } from "./discord/letter-removals.js";
import { createNameBook } from "./discord/member-names.js";
import { createMockClicks, createMockNotes } from "./discord/mock-clicks.js";
import { createPickClicks } from "./discord/pick-clicks.js";
import { createPracticeClicks } from "./discord/practice-clicks.js";
import { createReactionHandler, type ReactionHandler } from "./discord/reactions.js";
import { createRoundMessages, type RoundMessages } from "./discord/round-messages.js";
import { createGuildOwnership } from "./discord/shard-ownership.js";
import { createSuggestForm } from "./discord/suggest-form.js";
import { createSuggestionReview } from "./discord/suggestion-review.js";
import { createUnrecordedNotices, type UnrecordedNotices } from "./discord/unrecorded-notices.js";
import { createInFlight, type InFlight } from "./lib/in-flight.js";
import { startHealthServer } from "./operations/health-server.js";
import { instrumentStore } from "./operations/instrumented-store.js";
import { createMetrics } from "./operations/metrics.js";
import { reason, StartupError } from "./startup.js";
import { describeStore, openStore, type StoreTarget } from "./store/open-store.js";

/**
 * Every service the bot runs with, each built once here. Nothing in it listens to Discord or to
 * signals yet: lifecycle.ts does that, so what is built and when it runs are read apart.
 */
export interface Dojo {
	client: Client;
	/** The root logger, or under the sharding manager a child that names this process's shards. */
	logger: Logger;
	/** The instrumented store: every call is timed into the metrics. */
	store: Store;
	ctx: DojoContext;
	/** Serves /healthz and /metrics when HEALTH_PORT is set. */
	health: Server | undefined;
	/** Undefined when this process runs every shard, so every guild is its own. */
	ownsGuild: ReturnType<typeof createGuildOwnership>;
	/** Interactions and reactions being handled, for the shutdown to wait on. */
	inFlight: InFlight;
	messages: RoundMessages;
	postDaily: DailyPoster;
	handleInteraction: (interaction: Interaction) => Promise<void>;
	reactions: ReactionHandler;
	/** Letters taken off hidden-picks rounds, queued apart from the store work. */
	removals: LetterRemovals;
	unrecorded: UnrecordedNotices;
}

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

/** Builds the bot from its configuration: the bank, the store, the health server and every handler. */
export async function compose(config: Config, rootLogger: Logger): Promise<Dojo> {
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
	const suggestionReview = createSuggestionReview();
	const handleInteraction = createInteractionHandler(
		COMMANDS,
		{
			buttons: [
				createPickClicks(messages),
				createPracticeClicks(),
				createMockClicks(),
				confirmations.route,
				suggestionReview.button,
			],
			modals: [createMockNotes(), createSuggestForm(), suggestionReview.modal],
		},
		{ ...ctx, postDaily, confirmations },
		names,
	);
	const unrecorded = createUnrecordedNotices(client, logger);
	const removals = createLetterRemovals(client, logger);
	const reactions = createReactionHandler(ctx, messages, unrecorded, {
		retryWindowMs: config.STORE_RETRY_SECONDS * 1000,
		removals,
		names,
	});
	return {
		client,
		logger,
		store,
		ctx,
		health,
		ownsGuild,
		inFlight,
		messages,
		postDaily,
		handleInteraction,
		reactions,
		removals,
		unrecorded,
	};
}
