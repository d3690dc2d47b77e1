import { z } from "zod";
import type { DojoContext } from "../context.js";
import { loadSettings } from "../settings.js";
import { loadDailyConfig } from "./config.js";
import { isNextDay, localDate } from "./schedule.js";

const streakSchema = z.object({
	/** The last daily date the member answered. */
	last: z.string(),
	current: z.number().int().min(0),
	best: z.number().int().min(0),
});

export type Streak = z.infer<typeof streakSchema>;

const streakKey = (guildId: string, memberId: string) => `streak:${guildId}:${memberId}`;
/** Members ranked by the current streak they last recorded; stale entries are pruned as they are read. */
const streakBoardKey = (guildId: string) => `streak-board:${guildId}`;

/** A streak counts while its last answer was today's daily or yesterday's. */
export function liveStreak(streak: Streak | undefined, today: string): number {
	if (!streak) return 0;
	return streak.last === today || isNextDay(streak.last, today) ? streak.current : 0;
}

/**
 * Counts a member's answer to the daily of `date`: the day after their last one extends the streak,
 * any gap starts again at 1, and a second answer the same day changes nothing.
 */
export async function recordDailyAnswer(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	memberId: string,
	date: string,
): Promise<Streak> {
	const key = streakKey(guildId, memberId);
	const previous = await ctx.store.get(key, streakSchema);
	if (previous && previous.last >= date) return previous;
	const current = previous && isNextDay(previous.last, date) ? previous.current + 1 : 1;
	const streak = { last: date, current, best: Math.max(current, previous?.best ?? 0) };
	await ctx.store.set(key, streak);
	await ctx.store.rankingSet(streakBoardKey(guildId), memberId, current);
	return streak;
}

export async function readStreak(ctx: Pick<DojoContext, "store">, guildId: string, memberId: string) {
	return ctx.store.get(streakKey(guildId, memberId), streakSchema);
}

/** The longest live streaks, highest first; members whose streak has lapsed are dropped from the board. */
export async function readStreakBoard(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	today: string,
	limit: number,
): Promise<Array<{ memberId: string; days: number }>> {
	const board = streakBoardKey(guildId);
	const live: Array<{ memberId: string; days: number }> = [];
	// Lapsed entries are removed as they are met, so the next unread entry is always at live.length.
	while (live.length < limit) {
		const entries = await ctx.store.rankingPage(board, live.length, limit - live.length);
		if (entries.length === 0) break;
		for (const entry of entries) {
			const days = liveStreak(await readStreak(ctx, guildId, entry.member), today);
			if (days > 0) live.push({ memberId: entry.member, days });
			else await ctx.store.rankingRemove(board, entry.member);
		}
	}
	return live.slice(0, limit);
}

/** Today's date for streaks: in the daily's zone when there is a daily, else the server's. */
export async function streakToday(ctx: Pick<DojoContext, "store" | "clock">, guildId: string): Promise<string> {
	const config = await loadDailyConfig(ctx, guildId);
	const timeZone = config?.timeZone ?? (await loadSettings(ctx, guildId)).timeZone;
	return localDate(ctx.clock.now(), timeZone);
}
