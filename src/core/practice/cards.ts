import { type Card, createEmptyCard, fsrs, type Grade, Rating, State } from "ts-fsrs";
import { z } from "zod";
import type { Question } from "../bank/schema.js";
import type { DojoContext } from "../context.js";
import type { Grade as SelfGrade } from "../scoring/points.js";
import { parseStoredJson } from "../stored-json.js";

/** How an answer counts for spaced repetition: wrong or ❌ is "again", 🟨 "hard", right or ✅ "good". */
export const RECALLS = ["again", "hard", "good"] as const;
export type Recall = (typeof RECALLS)[number];

const RATINGS: Record<Recall, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good };

/**
 * FSRS with ts-fsrs's default weights and 90 % retention, scheduling in whole days: its default
 * learning steps (1 and 10 minutes) suit an app open in front of the learner, not a question that
 * comes back through a server and a daily reminder. Fuzz stays off, so a schedule can be checked.
 */
export const SCHEDULER = fsrs({ enable_short_term: false });

/** A ts-fsrs card as stored: its dates as epoch milliseconds, plus the last answer given. */
const storedCardSchema = z.object({
	due: z.number(),
	stability: z.number().min(0),
	difficulty: z.number(),
	elapsed_days: z.number().min(0),
	scheduled_days: z.number().min(0),
	learning_steps: z.number().int().min(0),
	reps: z.number().int().min(0),
	lapses: z.number().int().min(0),
	state: z.enum(State),
	last_review: z.number().optional(),
	last: z.enum(RECALLS),
});

export type StoredCard = z.infer<typeof storedCardSchema>;

/** One member's card for one question of the bank. */
export interface MemberCard {
	question: Question;
	card: StoredCard;
}

/** Every card of a member in a guild, one field per question: read in one go for a practice queue. */
const cardsKey = (guildId: string, memberId: string) => `cards:${guildId}:${memberId}`;

/** Answers already turned into a review, per round, so a retried reveal never reviews a card twice. */
const reviewedKey = (roundId: string) => `reviewed:${roundId}`;

export const recallOfPick = (correct: boolean): Recall => (correct ? "good" : "again");

export function recallOfGrade(grade: SelfGrade): Recall {
	if (grade === "got-it") return "good";
	return grade === "partly" ? "hard" : "again";
}

function toCard({ last: _last, last_review, due, ...rest }: StoredCard): Card {
	return { ...rest, due: new Date(due), ...(last_review === undefined ? {} : { last_review: new Date(last_review) }) };
}

/** The card after one more answer at `at`; a question never answered starts as a new card. */
export function scheduleAnswer(previous: StoredCard | undefined, at: number, recall: Recall): StoredCard {
	const card = previous ? toCard(previous) : createEmptyCard(new Date(at));
	const next = SCHEDULER.next(card, new Date(at), RATINGS[recall]).card;
	return {
		due: next.due.getTime(),
		stability: next.stability,
		difficulty: next.difficulty,
		elapsed_days: next.elapsed_days,
		scheduled_days: next.scheduled_days,
		learning_steps: next.learning_steps,
		reps: next.reps,
		lapses: next.lapses,
		state: next.state,
		...(next.last_review ? { last_review: next.last_review.getTime() } : {}),
		last: recall,
	};
}

/** How likely the member is to recall the card's answer at `at`, from 0 to 1 (FSRS's retrievability). */
export function recallChance(card: StoredCard, at: number): number {
	return SCHEDULER.get_retrievability(toCard(card), new Date(at), false);
}

export interface Answer {
	guildId: string;
	memberId: string;
	questionId: string;
	recall: Recall;
	at: number;
}

/** Applies one answer to the member's card for that question and stores it. */
export async function reviewCard(ctx: Pick<DojoContext, "store" | "logger">, answer: Answer): Promise<StoredCard> {
	const key = cardsKey(answer.guildId, answer.memberId);
	const fields = await ctx.store.hashGetAll(key);
	const raw = fields[answer.questionId];
	const previous = raw === undefined ? undefined : parseStoredJson(raw, storedCardSchema);
	if (raw !== undefined && !previous) {
		ctx.logger.error({ key, questionId: answer.questionId }, "stored practice card is not valid; starting it again");
	}
	const card = scheduleAnswer(previous, answer.at, answer.recall);
	await ctx.store.hashSet(key, answer.questionId, JSON.stringify(card));
	return card;
}

/**
 * Reviews a member's card for an answer given in a round or a daily, once per member and round: the
 * ledger is written first, as the award ledger is, so a reveal retried after a crash skips the card.
 */
export async function reviewRoundAnswer(
	ctx: Pick<DojoContext, "store" | "logger">,
	roundId: string,
	answer: Answer,
): Promise<boolean> {
	if (!(await ctx.store.hashSetIfAbsent(reviewedKey(roundId), answer.memberId, answer.recall))) return false;
	await reviewCard(ctx, answer);
	return true;
}

/** A member's cards for questions still in the bank; a card that does not parse is reported and left out. */
export async function readCards(
	ctx: Pick<DojoContext, "store" | "bank" | "logger">,
	guildId: string,
	memberId: string,
): Promise<MemberCard[]> {
	const key = cardsKey(guildId, memberId);
	const cards: MemberCard[] = [];
	for (const [questionId, raw] of Object.entries(await ctx.store.hashGetAll(key))) {
		const card = parseStoredJson(raw, storedCardSchema);
		const question = ctx.bank.question(questionId);
		if (!card) ctx.logger.error({ key, questionId }, "stored practice card is not valid; left out");
		else if (question) cards.push({ question, card });
	}
	return cards;
}
