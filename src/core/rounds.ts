import { z } from "zod";
import type { DojoContext } from "./context.js";
import { PICK_MODES } from "./settings.js";

export const REVEAL_REASONS = ["asker", "moderator", "votes", "deadline"] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];

export const roundSchema = z.object({
	messageId: z.string(),
	channelId: z.string(),
	guildId: z.string(),
	questionId: z.string(),
	askerId: z.string(),
	source: z.enum(["command", "daily"]),
	postedAt: z.number(),
	/** The guild's local date a daily question was posted for; streaks count these. */
	dailyDate: z.string().optional(),
	/** When the round reveals itself; rounds stored before deadlines existed have none. */
	revealDueAt: z.number().optional(),
	/** How members pick on this round; rounds stored before buttons existed took reactions. */
	picksVia: z.enum(PICK_MODES).default("reactions"),
	/** A daily's discussion thread, where the reveal links to the answer. */
	threadId: z.string().optional(),
	revealedAt: z.number().optional(),
	revealedBy: z.string().optional(),
	revealReason: z.enum(REVEAL_REASONS).optional(),
});

/** One posted question and what has happened to it; keyed by the channel message that shows it. */
export type Round = z.infer<typeof roundSchema>;
/** A round as written: fields with a default may be left out. */
export type RoundRecord = z.input<typeof roundSchema>;

/** Every unrevealed round with a deadline, scored by its due time, so overdue ones are found after a restart. */
export const ROUNDS_DUE = "rounds-due";

const roundKey = (messageId: string) => `round:${messageId}`;

/** A guild's unrevealed rounds and their questions, so practice can leave those questions out cheaply. */
const openRoundsKey = (guildId: string) => `open-rounds:${guildId}`;

export async function saveRound(ctx: Pick<DojoContext, "store">, round: RoundRecord): Promise<void> {
	await ctx.store.set(roundKey(round.messageId), round);
}

export async function findRound(ctx: Pick<DojoContext, "store">, messageId: string): Promise<Round | undefined> {
	return ctx.store.get(roundKey(messageId), roundSchema);
}

/** Stores a freshly posted round and puts its deadline on the schedule. */
export async function openRound(ctx: Pick<DojoContext, "store">, round: RoundRecord): Promise<void> {
	await saveRound(ctx, round);
	if (round.revealedAt === undefined) {
		await ctx.store.hashSet(openRoundsKey(round.guildId), round.messageId, round.questionId);
	}
	if (round.revealDueAt !== undefined) {
		await ctx.store.rankingSet(ROUNDS_DUE, round.messageId, round.revealDueAt);
	}
}

/** Takes a revealed round off the deadline schedule and out of its guild's open rounds. */
export async function closeRound(ctx: Pick<DojoContext, "store">, round: Round): Promise<void> {
	await ctx.store.rankingRemove(ROUNDS_DUE, round.messageId);
	await ctx.store.hashDelete(openRoundsKey(round.guildId), round.messageId);
}

/**
 * The questions of a guild's rounds that are not revealed yet. Each entry is checked against its round,
 * so one a crash left behind after its reveal is dropped here rather than hiding its question for ever.
 */
export async function openRoundQuestions(ctx: Pick<DojoContext, "store">, guildId: string): Promise<Set<string>> {
	const key = openRoundsKey(guildId);
	const questions = new Set<string>();
	for (const [messageId, questionId] of Object.entries(await ctx.store.hashGetAll(key))) {
		const round = await findRound(ctx, messageId);
		if (round && round.revealedAt === undefined) questions.add(questionId);
		else await ctx.store.hashDelete(key, messageId);
	}
	return questions;
}

/** Round ids whose deadline has passed, earliest first, after skipping `offset` of them. */
export async function overdueRounds(
	ctx: Pick<DojoContext, "store" | "clock">,
	limit: number,
	offset = 0,
): Promise<string[]> {
	const due = await ctx.store.rankingUpTo(ROUNDS_DUE, ctx.clock.now(), limit, offset);
	return due.map((entry) => entry.member);
}

/** Takes a round off the deadline schedule, for one no sweep could ever reveal. */
export async function unscheduleRound(ctx: Pick<DojoContext, "store">, messageId: string): Promise<void> {
	await ctx.store.rankingRemove(ROUNDS_DUE, messageId);
}
