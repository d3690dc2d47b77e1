import pLimit from "p-limit";
import type { DojoContext } from "../context.js";
import { DAILIES_DUE, type DailyConfig, loadDailyConfig, recordAttempt } from "./config.js";
import { DEFAULT_GRACE_MS, dueDate, nextRunAt } from "./schedule.js";

export type DailyPost = { ok: true; messageId: string } | { ok: false; problem: string };

/** Posts one guild's daily question for a local date; the Discord edge implements it. */
export type DailyPoster = (guildId: string, config: DailyConfig, date: string) => Promise<DailyPost>;

export interface DailyRun {
	guildId: string;
	date: string;
	post: DailyPost;
}

const POSTS_IN_PARALLEL = 50;
/** Due entries read at a time when other shards' guilds are among them. */
const DUE_PAGE = 1_000;

const claimsKey = (guildId: string) => `daily-claims:${guildId}`;

/** Takes a guild's daily for one local date; true for exactly one caller, across processes and restarts. */
export function claimDailyDate(ctx: Pick<DojoContext, "store" | "clock">, guildId: string, date: string) {
	return ctx.store.hashSetIfAbsent(claimsKey(guildId), date, String(ctx.clock.now()));
}

/** Puts a guild's next daily on the schedule, after now. */
export async function scheduleDaily(ctx: Pick<DojoContext, "store" | "clock">, guildId: string, config: DailyConfig) {
	const at = nextRunAt(ctx.clock.now(), config.time, config.timeZone);
	await ctx.store.rankingSet(DAILIES_DUE, guildId, at);
	return at;
}

/**
 * Posts every guild whose daily is due: one pass reads only the guilds whose stored due time has
 * passed, so one tick a minute serves any number of guilds. A date is claimed before posting, so a
 * guild gets at most one daily per local date however many processes tick; a post that fails is
 * recorded and the guild waits for the next day.
 */
export async function runDueDailies(
	ctx: Pick<DojoContext, "store" | "clock" | "logger">,
	post: DailyPoster,
	options: { graceMs?: number; limit?: number; ownsGuild?: (guildId: string) => boolean } = {},
): Promise<DailyRun[]> {
	const now = ctx.clock.now();
	const owned = await ownedDueGuilds(ctx, now, options.limit ?? 5_000, options.ownsGuild);
	// Guilds are independent, and a post spends most of its time waiting on Discord's per-channel
	// reaction bucket: several at once keep the global request budget busy instead of idle.
	const concurrently = pLimit(POSTS_IN_PARALLEL);
	const runs = await Promise.all(
		owned.map(({ member: guildId }) => concurrently(() => runGuild(ctx, post, guildId, now, options.graceMs))),
	);
	return runs.filter((run): run is DailyRun => run !== undefined);
}

/**
 * With shards, each posts only its own guilds: the bot's view of a channel lives on one shard. Other
 * shards' due guilds stay on the schedule until their shard posts them, for as long as that shard is
 * down, so the read pages past them rather than letting them crowd this shard's guilds out.
 */
async function ownedDueGuilds(
	ctx: Pick<DojoContext, "store">,
	now: number,
	limit: number,
	ownsGuild: ((guildId: string) => boolean) | undefined,
) {
	if (!ownsGuild) return ctx.store.rankingUpTo(DAILIES_DUE, now, limit);
	const page = Math.min(limit, DUE_PAGE);
	const owned = [];
	for (let offset = 0; owned.length < limit; offset += page) {
		const due = await ctx.store.rankingUpTo(DAILIES_DUE, now, page, offset);
		owned.push(...due.filter((entry) => ownsGuild(entry.member)));
		if (due.length < page) break;
	}
	return owned.slice(0, limit);
}

async function runGuild(
	ctx: Pick<DojoContext, "store" | "clock" | "logger">,
	post: DailyPoster,
	guildId: string,
	now: number,
	graceMs = DEFAULT_GRACE_MS,
): Promise<DailyRun | undefined> {
	const config = await loadDailyConfig(ctx, guildId);
	if (!config) {
		await ctx.store.rankingRemove(DAILIES_DUE, guildId);
		return undefined;
	}
	const date = dueDate(now, config.time, config.timeZone, graceMs);
	let run: DailyRun | undefined;
	if (date && (await claimDailyDate(ctx, guildId, date))) {
		const result = await post(guildId, config, date).catch(
			(error: unknown): DailyPost => ({ ok: false, problem: error instanceof Error ? error.message : String(error) }),
		);
		await recordAttempt(ctx, guildId, {
			date,
			at: now,
			...(result.ok ? { messageId: result.messageId } : { problem: result.problem }),
		});
		run = { guildId, date, post: result };
		if (!result.ok) ctx.logger.warn({ guildId, date, problem: result.problem }, "daily question not posted");
	}
	await scheduleDaily(ctx, guildId, config);
	return run;
}
