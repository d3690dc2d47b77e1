import pLimit from "p-limit";
import type { DojoContext } from "../context.js";
import { loadSettings } from "../settings.js";
import {
	DAILIES_DUE,
	type DailyConfig,
	type DailyConfigRecord,
	dailyTimeZone,
	loadDailyConfig,
	recordAttempt,
	saveDailyConfig,
} from "./config.js";
import { DEFAULT_GRACE_MS, dueDate, localDate, nextRunAt } from "./schedule.js";

/** A daily that went out may still lack its discussion thread; that is reported, never a failed daily. */
export type DailyPost = { ok: true; messageId: string; threadProblem?: string } | { ok: false; problem: string };

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
export async function scheduleDaily(
	ctx: Pick<DojoContext, "store" | "clock">,
	guildId: string,
	config: Pick<DailyConfig, "time" | "timeZone">,
) {
	const timeZone = await dailyTimeZone(ctx, guildId, config);
	const at = nextRunAt(ctx.clock.now(), config.time, timeZone);
	await ctx.store.rankingSet(DAILIES_DUE, guildId, at);
	return at;
}

/** /daily set: stores the daily and puts its first post on the schedule. */
export async function turnOnDaily(
	ctx: Pick<DojoContext, "store" | "clock">,
	guildId: string,
	config: DailyConfigRecord,
) {
	await saveDailyConfig(ctx, guildId, config);
	const [next, settings] = await Promise.all([scheduleDaily(ctx, guildId, config), loadSettings(ctx, guildId)]);
	return { next, serverTimeZone: settings.timeZone };
}

/**
 * A daily without its own zone follows the server's: when that zone changes, its next post moves too.
 */
export async function followServerTimeZone(ctx: Pick<DojoContext, "store" | "clock">, guildId: string) {
	const config = await loadDailyConfig(ctx, guildId);
	if (config && config.timeZone === undefined) await scheduleDaily(ctx, guildId, config);
}

/**
 * Posts a guild's daily for a local date. Only a claimed date is recorded as the day's attempt: an
 * extra post (/daily now after today's went out) must not hide the day's own result from /daily status.
 */
async function postForDate(
	ctx: Pick<DojoContext, "store" | "clock" | "logger" | "metrics">,
	post: DailyPoster,
	target: { guildId: string; config: DailyConfig; date: string; claimed: boolean },
): Promise<DailyPost> {
	const { guildId, config, date } = target;
	const result = await post(guildId, config, date).catch(
		(error: unknown): DailyPost => ({ ok: false, problem: error instanceof Error ? error.message : String(error) }),
	);
	ctx.metrics.dailyAttempted(result.ok);
	if (target.claimed) {
		await recordAttempt(ctx, guildId, {
			date,
			at: ctx.clock.now(),
			...(result.ok ? postedFields(result) : { problem: result.problem }),
		});
	}
	if (!result.ok) ctx.logger.warn({ guildId, date, problem: result.problem }, "daily question not posted");
	return result;
}

export type DailyNowOutcome =
	| { kind: "no-daily" }
	| { kind: "attempted"; config: DailyConfig; countsAsToday: boolean; post: DailyPost };

/** /daily now: today's daily if it has not gone out yet, otherwise an extra one that does not count as today's. */
export async function postDailyNow(
	ctx: Pick<DojoContext, "store" | "clock" | "logger" | "metrics">,
	post: DailyPoster,
	guildId: string,
): Promise<DailyNowOutcome> {
	const config = await loadDailyConfig(ctx, guildId);
	if (!config) return { kind: "no-daily" };
	const today = localDate(ctx.clock.now(), await dailyTimeZone(ctx, guildId, config));
	const countsAsToday = await claimDailyDate(ctx, guildId, today);
	const result = await postForDate(ctx, post, { guildId, config, date: today, claimed: countsAsToday });
	return { kind: "attempted", config, countsAsToday, post: result };
}

/**
 * Posts every guild whose daily is due: one pass reads only the guilds whose stored due time has
 * passed, so one tick a minute serves any number of guilds. A date is claimed before posting, so a
 * guild gets at most one daily per local date however many processes tick; a post that fails is
 * recorded and the guild waits for the next day.
 */
export async function runDueDailies(
	ctx: Pick<DojoContext, "store" | "clock" | "logger" | "metrics">,
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
	ctx: Pick<DojoContext, "store" | "clock" | "logger" | "metrics">,
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
	const date = dueDate(now, config.time, await dailyTimeZone(ctx, guildId, config), graceMs);
	let run: DailyRun | undefined;
	if (date && (await claimDailyDate(ctx, guildId, date))) {
		run = { guildId, date, post: await postForDate(ctx, post, { guildId, config, date, claimed: true }) };
	}
	await scheduleDaily(ctx, guildId, config);
	return run;
}

/** What a daily that went out leaves in the guild's daily state: its message, and a thread problem if any. */
export function postedFields(post: Extract<DailyPost, { ok: true }>) {
	return { messageId: post.messageId, ...(post.threadProblem ? { threadProblem: post.threadProblem } : {}) };
}
