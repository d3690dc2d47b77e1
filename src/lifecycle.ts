import { DiscordjsErrorCodes, Events } from "discord.js";
import { COMMANDS } from "../commands/index.js";
import type { Dojo } from "./compose.js";
import type { Config } from "./config.js";
import { syncCommands } from "./discord/command-sync.js";
import { startDailyTicker } from "./discord/daily-ticker.js";
import { startMockTimer } from "./discord/mock-timer.js";
import { createReminderSender, startReminderTicker } from "./discord/practice-reminders.js";
import { startRevealSweeper } from "./discord/reveal-sweeper.js";
import { reason, StartupError } from "./startup.js";

/** Orchestrators (Docker, systemd) wait 10 s after SIGTERM before they kill; everything must end before. */
const SHUTDOWN_DEADLINE_MS = 9_500;
const DRAIN_MS = 6_000;

/** What runs on timers once the gateway is ready; empty until then, so a shutdown before it stops nothing. */
interface Timers {
	sweeper?: ReturnType<typeof startRevealSweeper>;
	dailies?: ReturnType<typeof startDailyTicker>;
	reminders?: ReturnType<typeof startReminderTicker>;
	mocks?: ReturnType<typeof startMockTimer>;
}

/** Interactions and reactions go to their handlers, tracked in flight; the gateway's troubles go to the log. */
function listen({ client, logger, inFlight, handleInteraction, reactions, removals }: Dojo): void {
	client.on(Events.InteractionCreate, (interaction) => void inFlight.run(() => handleInteraction(interaction)));
	client.on(Events.MessageReactionAdd, (reaction, user) => void inFlight.run(() => reactions.handle(reaction, user)));
	client.on(Events.MessageReactionRemove, (reaction, user) => reactions.handleRemoval(reaction, user));
	client.on(Events.MessageReactionRemoveEmoji, (reaction) =>
		removals.cleared(reaction.message.id, reaction.emoji.name ?? ""),
	);
	client.on(Events.MessageReactionRemoveAll, (message) => removals.cleared(message.id));
	client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
	client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, "gateway closed"));
	client.on(Events.ShardReconnecting, (shardId) => logger.warn({ shardId }, "gateway reconnecting"));
	client.on(Events.ShardResume, (shardId, replayedEvents) =>
		logger.info({ shardId, replayedEvents }, "gateway resumed"),
	);
}

/** Once ready: the slash commands are synced, then the tickers and sweepers start, catching up on what fell due while down. */
function whenReady(dojo: Dojo, config: Config, timers: Timers): void {
	const { client, logger, store, ctx, ownsGuild } = dojo;
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
		timers.dailies = startDailyTicker(ctx, dojo.postDaily, { expression: config.DAILY_CRON, ownsGuild });
		await timers.dailies.tick();
		timers.reminders = startReminderTicker(ctx, createReminderSender(ready), {
			expression: config.DAILY_CRON,
			ownsGuild,
		});
		timers.sweeper = startRevealSweeper(ctx, dojo.messages, { ownsGuild });
		const overdue = await timers.sweeper.sweep();
		if (overdue > 0) logger.info({ rounds: overdue }, "revealed rounds that fell due while the bot was down");
		timers.mocks = startMockTimer(ctx, ready, { ownsGuild });
		const resumed = await timers.mocks.sweep();
		if (resumed > 0)
			logger.info({ sessions: resumed }, "moved on mock interviews that fell due while the bot was down");
	});
}

/** SIGINT, SIGTERM, or the sharding manager gone: stop taking work, drain what is in flight, close, exit. */
function stopOnSignals(dojo: Dojo, timers: Timers): void {
	const { client, logger, inFlight } = dojo;
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
		dojo.reactions.giveUp();
		const dropped = dojo.removals.close();
		if (dropped > 0) logger.info({ letters: dropped }, "shutting down with letters still to hide");
		const { sweeper, dailies, reminders, mocks } = timers;
		await Promise.all([sweeper?.stop(), dailies?.stop(), reminders?.stop(), mocks?.stop()]);
		const unfinished = await inFlight.drain(DRAIN_MS);
		if (unfinished > 0) logger.warn({ unfinished }, "shutting down with work still running");
		await dojo.unrecorded.flush();
		dojo.messages.close();
		dojo.health?.close();
		await client.destroy();
		await dojo.store.close();
		logger.info({}, "stopped");
		process.exit(0);
	};
	process.on("SIGINT", () => void stop("SIGINT"));
	process.on("SIGTERM", () => void stop("SIGTERM"));
	// Under the sharding manager: a manager that died without stopping this shard leaves it unmanaged.
	if (process.send) process.once("disconnect", () => void stop("manager gone"));
}

/** Logs in; a refused token or an unreachable Discord closes what was opened and says which variable to fix. */
async function login({ client, health, store }: Dojo, config: Config): Promise<void> {
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

/** Runs a composed bot: handlers attached, the ready work and the shutdown in place, then the login. */
export async function run(dojo: Dojo, config: Config): Promise<void> {
	const timers: Timers = {};
	listen(dojo);
	whenReady(dojo, config, timers);
	stopOnSignals(dojo, timers);
	await login(dojo, config);
}
