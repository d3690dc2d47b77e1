import { z } from "zod";
import type { DojoContext } from "./context.js";
import { PERIODS, type Period, periodBuckets } from "./scoring/periods.js";
import type { Award } from "./scoring/points.js";
import { parseStoredJson } from "./stored-json.js";

export const boardKey = (guildId: string, period: Period, bucket: string) =>
	period === "all" ? `board:${guildId}:all` : `board:${guildId}:${period}:${bucket}`;

const memberKey = (guildId: string, memberId: string) => `member:${guildId}:${memberId}`;

/** Questions a member last got wrong (or graded 🟨/❌), to practise again; a later right answer clears one. */
const reviewKey = (guildId: string, memberId: string) => `review:${guildId}:${memberId}`;

/** Where and when an award was earned; the time zone decides which week and month it counts for. */
export interface AwardScope {
	guildId: string;
	roundId: string;
	questionId: string;
	sectionId: string;
	at: number;
	timeZone: string;
}

/** Where and when an answer was given, whether or not it earns points. */
export type AnswerScope = Omit<AwardScope, "roundId">;

/**
 * Counts one answer in the member's accuracy (overall, per period and per section) and their review
 * list, without touching any board. Callers make it happen once per answer.
 */
export async function recordAnswer(
	ctx: Pick<DojoContext, "store">,
	answer: { memberId: string; correct: boolean },
	scope: AnswerScope,
): Promise<void> {
	const { store } = ctx;
	const buckets = periodBuckets(scope.at, scope.timeZone);
	const counters = memberKey(scope.guildId, answer.memberId);
	const tallies = [...PERIODS.map((period) => tallyName(period, buckets[period])), `section:${scope.sectionId}`];
	const review = reviewKey(scope.guildId, answer.memberId);
	await Promise.all([
		answer.correct
			? store.hashDelete(review, scope.questionId)
			: store.hashSet(review, scope.questionId, JSON.stringify({ at: scope.at, sectionId: scope.sectionId })),
		...tallies.flatMap((tally) => [
			store.hashIncrement(counters, `${tally}:answered`, 1),
			...(answer.correct ? [store.hashIncrement(counters, `${tally}:correct`, 1)] : []),
		]),
	]);
}

/**
 * Adds one member's award for one round to the boards and their counters. The round's award ledger is
 * written first and only once per member, so a reveal retried after a crash cannot pay twice.
 */
export async function recordAward(ctx: Pick<DojoContext, "store">, award: Award, scope: AwardScope): Promise<boolean> {
	const { store } = ctx;
	if (!(await store.hashSetIfAbsent(`awarded:${scope.roundId}`, award.memberId, String(award.points)))) return false;
	const buckets = periodBuckets(scope.at, scope.timeZone);
	await Promise.all([
		recordAnswer(ctx, award, scope),
		...PERIODS.map((period) =>
			store.rankingIncrement(boardKey(scope.guildId, period, buckets[period]), award.memberId, award.points),
		),
	]);
	return true;
}

const tallyName = (period: Period, bucket: string) => (period === "all" ? "all" : `${period}:${bucket}`);

export interface Tally {
	answered: number;
	correct: number;
}

export interface BoardRow extends Tally {
	rank: number;
	memberId: string;
	points: number;
}

export interface BoardPage {
	period: Period;
	bucket: string;
	rows: BoardRow[];
	members: number;
	page: number;
	pages: number;
	/** The page the member asked for; past the last page they are shown the last one. */
	requestedPage: number;
	/** The caller's own row, when it is not on this page. */
	caller?: BoardRow;
}

export const BOARD_PAGE_SIZE = 10;

/** One page of a guild's board for the period that contains `now` in the guild's zone. */
export async function readBoardPage(
	ctx: Pick<DojoContext, "store">,
	query: { guildId: string; period: Period; page: number; callerId: string; now: number; timeZone: string },
): Promise<BoardPage> {
	const bucket = periodBuckets(query.now, query.timeZone)[query.period];
	const key = boardKey(query.guildId, query.period, bucket);
	const tally = tallyName(query.period, bucket);
	const pageAt = (page: number) => ctx.store.rankingPage(key, (page - 1) * BOARD_PAGE_SIZE, BOARD_PAGE_SIZE);
	const wanted = Math.max(1, query.page);
	// One round trip for the common case: the size, the page asked for and the caller's standing together;
	// a page past the end is read again once the size is known.
	const [members, firstTry, standing] = await Promise.all([
		ctx.store.rankingSize(key),
		pageAt(wanted),
		ctx.store.rankingStanding(key, query.callerId),
	]);
	const pages = Math.max(1, Math.ceil(members / BOARD_PAGE_SIZE));
	const page = Math.min(wanted, pages);
	const offset = (page - 1) * BOARD_PAGE_SIZE;
	const entries = page === wanted ? firstTry : await pageAt(page);
	const row = async (rank: number, memberId: string, points: number): Promise<BoardRow> => ({
		rank,
		memberId,
		points,
		...(await readTally(ctx, query.guildId, memberId, tally)),
	});
	const rows = await Promise.all(entries.map((entry, index) => row(offset + index + 1, entry.member, entry.score)));
	const onPage = rows.some((entry) => entry.memberId === query.callerId);
	const caller = standing && !onPage ? await row(standing.rank, query.callerId, standing.score) : undefined;
	return {
		period: query.period,
		bucket,
		rows,
		members,
		page,
		pages,
		requestedPage: wanted,
		...(caller ? { caller } : {}),
	};
}

async function readTally(ctx: Pick<DojoContext, "store">, guildId: string, memberId: string, tally: string) {
	const fields = await ctx.store.hashGetAll(memberKey(guildId, memberId));
	return { answered: Number(fields[`${tally}:answered`] ?? 0), correct: Number(fields[`${tally}:correct`] ?? 0) };
}

export interface MemberStats {
	periods: Record<Period, { points: number; rank: number; of: number } | undefined>;
	overall: Tally;
	sections: Array<Tally & { sectionId: string }>;
}

/** A member's points and rank per period, and how they did overall and per section. */
export async function readMemberStats(
	ctx: Pick<DojoContext, "store">,
	query: { guildId: string; memberId: string; now: number; timeZone: string },
): Promise<MemberStats> {
	const buckets = periodBuckets(query.now, query.timeZone);
	const standings = await Promise.all(
		PERIODS.map(async (period) => {
			const key = boardKey(query.guildId, period, buckets[period]);
			const [standing, of] = await Promise.all([
				ctx.store.rankingStanding(key, query.memberId),
				ctx.store.rankingSize(key),
			]);
			return [period, standing && { points: standing.score, rank: standing.rank, of }] as const;
		}),
	);
	const fields = await ctx.store.hashGetAll(memberKey(query.guildId, query.memberId));
	return {
		periods: Object.fromEntries(standings) as MemberStats["periods"],
		overall: { answered: Number(fields["all:answered"] ?? 0), correct: Number(fields["all:correct"] ?? 0) },
		sections: sectionTallies(fields),
	};
}

function sectionTallies(fields: Record<string, string>): Array<Tally & { sectionId: string }> {
	const sections = new Map<string, Tally>();
	for (const [field, value] of Object.entries(fields)) {
		const match = /^section:(.+):(answered|correct)$/.exec(field);
		if (!match?.[1] || !match[2]) continue;
		const tally = sections.get(match[1]) ?? { answered: 0, correct: 0 };
		tally[match[2] as keyof Tally] = Number(value);
		sections.set(match[1], tally);
	}
	return [...sections].map(([sectionId, tally]) => ({ sectionId, ...tally }));
}

/** How a member did per section in rounds and dailies, without the boards. */
export async function readSectionTallies(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	memberId: string,
): Promise<Array<Tally & { sectionId: string }>> {
	return sectionTallies(await ctx.store.hashGetAll(memberKey(guildId, memberId)));
}

const reviewEntrySchema = z.object({ at: z.number(), sectionId: z.string() });

export interface ReviewEntry {
	questionId: string;
	sectionId: string;
	at: number;
}

/** The member's questions to review, newest first. */
export async function readReview(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	memberId: string,
): Promise<ReviewEntry[]> {
	const entries: ReviewEntry[] = [];
	for (const [questionId, raw] of Object.entries(await ctx.store.hashGetAll(reviewKey(guildId, memberId)))) {
		const entry = parseStoredJson(raw, reviewEntrySchema);
		if (entry) entries.push({ questionId, ...entry });
	}
	return entries.sort((a, b) => b.at - a.at);
}
