import { z } from "zod";
import type { BankSection } from "../bank/bank.js";
import type { Question } from "../bank/schema.js";
import type { DojoContext } from "../context.js";
import { openRoundQuestions } from "../rounds.js";
import { GRADES, type Grade } from "../scoring/points.js";
import { RECALLS, type Recall, readCards, recallOfGrade, recallOfPick, reviewCard } from "./cards.js";
import { dueCutoff, nextDueAfter, nextPracticeQuestion, type PracticeFilter } from "./queue.js";

export const PRACTICE_COUNT = { default: 5, max: 20 } as const;

/**
 * An ephemeral practice message can be clicked for as long as the member keeps it open, across
 * restarts; a week covers any real session, after which its buttons say it has expired.
 */
const ASK_TTL_MS = 7 * 24 * 60 * 60_000;

const askSchema = z.object({
	guildId: z.string(),
	memberId: z.string(),
	questionId: z.string(),
	filter: z.object({ section: z.string().optional(), bankId: z.string().optional() }),
	/** This question's place in the session, from 1, and how many the member asked for. */
	position: z.number().int().min(1),
	total: z.number().int().min(1),
	why: z.enum(["due", "new"]),
	timeZone: z.string(),
	askedAt: z.number(),
	/** An open question's answer has been shown; the member grades themselves next. */
	shown: z.boolean().default(false),
	answer: z
		.object({ recall: z.enum(RECALLS), choice: z.number().int().min(0).optional(), due: z.number(), at: z.number() })
		.optional(),
});

/** One question shown to one member, keyed by the interaction that showed it; its buttons carry that id. */
export type PracticeAsk = z.infer<typeof askSchema>;

const askKey = (askId: string) => `practice-ask:${askId}`;
const answerClaimKey = (askId: string) => `practice-answer:${askId}`;

interface Shown {
	askId: string;
	ask: PracticeAsk;
	question: Question;
	section: BankSection;
}

export type PracticeStep =
	| ({ kind: "question" } & Shown)
	| ({ kind: "answer-shown" } & Shown)
	| ({
			kind: "answered";
			recall: Recall;
			choice?: number;
			due: number;
			now: number;
			more: boolean;
			/** False when this shows an answer given before (a second click), which changed nothing. */
			fresh: boolean;
	  } & Shown)
	| { kind: "nothing"; nextDue?: number; filtered: boolean }
	| { kind: "done"; total: number; nextDue?: number }
	| {
			kind: "refused";
			reason: "expired" | "not-yours" | "not-asked-yet" | "in-progress" | "no-such-choice" | "round-open";
	  };

export interface PracticeStart {
	askId: string;
	guildId: string;
	memberId: string;
	filter: PracticeFilter;
	count: number;
	timeZone: string;
}

type AskContext = Pick<DojoContext, "store" | "bank" | "clock" | "logger">;

async function ask(
	ctx: AskContext,
	askId: string,
	base: Omit<PracticeAsk, "questionId" | "why" | "askedAt" | "shown" | "answer">,
): Promise<PracticeStep> {
	const now = ctx.clock.now();
	const query = { guildId: base.guildId, memberId: base.memberId, filter: base.filter, now, timeZone: base.timeZone };
	const pick = await nextPracticeQuestion(ctx, query);
	const section = pick && ctx.bank.section(pick.question.section);
	if (!pick || !section) {
		const nextDue = nextDueAfter(await readCards(ctx, base.guildId, base.memberId), dueCutoff(now, base.timeZone));
		const filtered = base.filter.section !== undefined || base.filter.bankId !== undefined;
		if (base.position === 1) return { kind: "nothing", filtered, ...(nextDue === undefined ? {} : { nextDue }) };
		return { kind: "done", total: base.position - 1, ...(nextDue === undefined ? {} : { nextDue }) };
	}
	const record: PracticeAsk = { ...base, questionId: pick.question.id, why: pick.why, askedAt: now, shown: false };
	await ctx.store.set(askKey(askId), record, ASK_TTL_MS);
	return { kind: "question", askId, ask: record, question: pick.question, section };
}

/** Starts a practice session: its first question, or why there is none. */
export function startPractice(ctx: AskContext, start: PracticeStart): Promise<PracticeStep> {
	const count = Math.min(Math.max(1, start.count), PRACTICE_COUNT.max);
	return ask(ctx, start.askId, {
		guildId: start.guildId,
		memberId: start.memberId,
		filter: start.filter,
		position: 1,
		total: count,
		timeZone: start.timeZone,
	});
}

type Loaded = { ok: true; shown: Shown } | { ok: false; step: PracticeStep };

async function loadAsk(ctx: AskContext, askId: string, memberId: string): Promise<Loaded> {
	const record = await ctx.store.get(askKey(askId), askSchema);
	const question = record && ctx.bank.question(record.questionId);
	const section = question && ctx.bank.section(question.section);
	if (!record || !question || !section) return { ok: false, step: { kind: "refused", reason: "expired" } };
	if (record.memberId !== memberId) return { ok: false, step: { kind: "refused", reason: "not-yours" } };
	return { ok: true, shown: { askId, ask: record, question, section } };
}

/**
 * Whether a round on this question opened in the server since it was shown: its answer must then not be
 * shown here, or the member could pass it on to the room.
 */
async function roundOpened(ctx: AskContext, shown: Shown): Promise<boolean> {
	return (await openRoundQuestions(ctx, shown.ask.guildId)).has(shown.question.id);
}

function answeredStep(shown: Shown, answer: NonNullable<PracticeAsk["answer"]>, fresh = false): PracticeStep {
	return {
		kind: "answered",
		fresh,
		...shown,
		recall: answer.recall,
		...(answer.choice === undefined ? {} : { choice: answer.choice }),
		due: answer.due,
		now: answer.at,
		more: shown.ask.position < shown.ask.total,
	};
}

export type PracticeResponse = { choice: number } | { grade: Grade };

/**
 * A member's answer to a practice question: it reviews their card (never the server's boards) and
 * says when the question comes back. Exactly one answer per question counts, however often and from
 * however many processes it is clicked; a later click shows the same result again.
 */
export async function answerPractice(
	ctx: AskContext,
	askId: string,
	memberId: string,
	response: PracticeResponse,
): Promise<PracticeStep> {
	const loaded = await loadAsk(ctx, askId, memberId);
	if (!loaded.ok) return loaded.step;
	const { shown } = loaded;
	const { ask: record, question } = shown;
	if (record.answer) return answeredStep(shown, record.answer);
	if (await roundOpened(ctx, shown)) return { kind: "refused", reason: "round-open" };
	let recall: Recall;
	if ("choice" in response) {
		if (question.kind !== "choice" || response.choice >= question.choices.length) {
			return { kind: "refused", reason: "no-such-choice" };
		}
		recall = recallOfPick(response.choice === question.correct);
	} else {
		if (question.kind !== "open" || !record.shown || !GRADES.includes(response.grade)) {
			return { kind: "refused", reason: "not-asked-yet" };
		}
		recall = recallOfGrade(response.grade);
	}
	if (!(await ctx.store.claim(answerClaimKey(askId), ASK_TTL_MS))) return { kind: "refused", reason: "in-progress" };
	const at = ctx.clock.now();
	const card = await reviewCard(ctx, { guildId: record.guildId, memberId, questionId: question.id, recall, at });
	const answer = { recall, ...("choice" in response ? { choice: response.choice } : {}), due: card.due, at };
	await ctx.store.set(askKey(askId), { ...record, answer }, ASK_TTL_MS);
	return answeredStep(shown, answer, true);
}

/** An open question's "Show answer": the answer, and the buttons to grade oneself with. */
export async function showPracticeAnswer(ctx: AskContext, askId: string, memberId: string): Promise<PracticeStep> {
	const loaded = await loadAsk(ctx, askId, memberId);
	if (!loaded.ok) return loaded.step;
	const { shown } = loaded;
	if (shown.ask.answer) return answeredStep(shown, shown.ask.answer);
	if (shown.question.kind !== "open") return { kind: "refused", reason: "not-asked-yet" };
	if (await roundOpened(ctx, shown)) return { kind: "refused", reason: "round-open" };
	const record = { ...shown.ask, shown: true };
	await ctx.store.set(askKey(askId), record, ASK_TTL_MS);
	return { kind: "answer-shown", ...shown, ask: record };
}

/** The session's next question after an answered one, shown under a new ask id; or the end of it. */
export async function continuePractice(
	ctx: AskContext,
	askId: string,
	nextAskId: string,
	memberId: string,
): Promise<PracticeStep> {
	const loaded = await loadAsk(ctx, askId, memberId);
	if (!loaded.ok) return loaded.step;
	const { ask: record } = loaded.shown;
	if (!record.answer) return { kind: "refused", reason: "not-asked-yet" };
	const nextDue = nextDueAfter(
		await readCards(ctx, record.guildId, memberId),
		dueCutoff(ctx.clock.now(), record.timeZone),
	);
	if (record.position >= record.total) {
		return { kind: "done", total: record.total, ...(nextDue === undefined ? {} : { nextDue }) };
	}
	return ask(ctx, nextAskId, {
		guildId: record.guildId,
		memberId,
		filter: record.filter,
		position: record.position + 1,
		total: record.total,
		timeZone: record.timeZone,
	});
}
