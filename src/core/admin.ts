import { z } from "zod";
import type { DojoContext } from "./context.js";
import { PERIODS, type Period, periodBuckets } from "./scoring/periods.js";
import { type GuildSettings, loadSettings } from "./settings.js";
import { boardKey, readMemberStats } from "./standings.js";
import { parseStoredJson } from "./stored-json.js";

const adjustmentsKey = (guildId: string) => `adjustments:${guildId}`;

const adjustmentSchema = z.object({
	guildId: z.string(),
	memberId: z.string(),
	points: z.number(),
	reason: z.string(),
	byId: z.string(),
	at: z.number(),
});

export interface Adjustment {
	guildId: string;
	memberId: string;
	points: number;
	reason: string;
	byId: string;
}

/**
 * Corrects a member's score on every current board (all time, this week, this month) and keeps an
 * audit entry: a moderator's correction must be traceable, since it changes a competition.
 */
export async function adjustScore(
	ctx: Pick<DojoContext, "store" | "clock">,
	adjustment: Adjustment,
	timeZone: string,
): Promise<number> {
	const at = ctx.clock.now();
	const buckets = periodBuckets(at, timeZone);
	await ctx.store.hashSet(
		adjustmentsKey(adjustment.guildId),
		`${at}:${adjustment.memberId}:${adjustment.byId}`,
		JSON.stringify({ ...adjustment, at }),
	);
	const totals = await Promise.all(
		PERIODS.map((period) =>
			ctx.store.rankingIncrement(
				boardKey(adjustment.guildId, period, buckets[period]),
				adjustment.memberId,
				adjustment.points,
			),
		),
	);
	return totals[0] ?? 0;
}

/** Empties the board of the current period; answers and accuracy stay, only the ranking restarts. */
/** What a reset would empty, for the confirmation: the board's current bucket and how many members are on it. */
export async function previewBoardReset(
	ctx: Pick<DojoContext, "store" | "clock">,
	guildId: string,
	period: Period,
): Promise<{ bucket: string; members: number; timeZone: string }> {
	const { timeZone } = await loadSettings(ctx, guildId);
	const bucket = periodBuckets(ctx.clock.now(), timeZone)[period];
	const members = await ctx.store.rankingSize(boardKey(guildId, period, bucket));
	return { bucket, members, timeZone };
}

export async function resetBoard(
	ctx: Pick<DojoContext, "store" | "clock">,
	guildId: string,
	period: Period,
	timeZone: string,
): Promise<string> {
	const bucket = periodBuckets(ctx.clock.now(), timeZone)[period];
	await ctx.store.deleteStructure(boardKey(guildId, period, bucket));
	return bucket;
}

const EXPORT_PAGE = 1_000;

export interface GuildExport {
	format: "interview-dojo-export";
	version: 1;
	guildId: string;
	exportedAt: string;
	settings: GuildSettings;
	boards: Record<Period, { bucket: string; members: Array<{ memberId: string; points: number }> }>;
	members: Array<{ memberId: string } & Awaited<ReturnType<typeof readMemberStats>>>;
	adjustments: Array<z.infer<typeof adjustmentSchema>>;
}

/** Everything the server's scores are made of, as plain JSON a member can keep as a backup. */
export async function exportGuild(ctx: Pick<DojoContext, "store" | "clock">, guildId: string): Promise<GuildExport> {
	const now = ctx.clock.now();
	const settings = await loadSettings(ctx, guildId);
	const buckets = periodBuckets(now, settings.timeZone);
	const boards = {} as GuildExport["boards"];
	for (const period of PERIODS) {
		const key = boardKey(guildId, period, buckets[period]);
		const members: Array<{ memberId: string; points: number }> = [];
		for (let offset = 0; ; offset += EXPORT_PAGE) {
			const entries = await ctx.store.rankingPage(key, offset, EXPORT_PAGE);
			members.push(...entries.map((entry) => ({ memberId: entry.member, points: entry.score })));
			if (entries.length < EXPORT_PAGE) break;
		}
		boards[period] = { bucket: buckets[period], members };
	}
	const members = [];
	for (const { memberId } of boards.all.members) {
		members.push({
			memberId,
			...(await readMemberStats(ctx, { guildId, memberId, now, timeZone: settings.timeZone })),
		});
	}
	const adjustments = Object.values(await ctx.store.hashGetAll(adjustmentsKey(guildId)))
		.map((raw) => parseStoredJson(raw, adjustmentSchema))
		.filter((entry) => entry !== undefined)
		.sort((a, b) => a.at - b.at);
	return {
		format: "interview-dojo-export",
		version: 1,
		guildId,
		exportedAt: new Date(now).toISOString(),
		settings,
		boards,
		members,
		adjustments,
	};
}
