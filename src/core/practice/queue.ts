import { DateTime } from "luxon";
import type { Bank } from "../bank/bank.js";
import type { Question } from "../bank/schema.js";
import type { DojoContext } from "../context.js";
import { openRoundQuestions } from "../rounds.js";
import { readSectionTallies } from "../standings.js";
import { type MemberCard, readCards, type StoredCard } from "./cards.js";

/** What a member asked to practise; both are optional and may be combined. */
export interface PracticeFilter {
	section?: string;
	bankId?: string;
}

export interface PracticePick {
	question: Question;
	/** A card whose day has come, or a question the member has never answered. */
	why: "due" | "new";
	card?: StoredCard;
}

/**
 * The end of the member's local day. FSRS here schedules in days, and a card due at 21:00 is due "today"
 * for a member practising at 08:00: the reminder, /practice and /practice status all count it so.
 */
export function dueCutoff(now: number, timeZone: string): number {
	return DateTime.fromMillis(now, { zone: timeZone }).endOf("day").toMillis();
}

export function inFilter(bank: Bank, question: Question, filter: PracticeFilter): boolean {
	if (filter.section !== undefined && question.section !== filter.section) return false;
	return filter.bankId === undefined || bank.section(question.section)?.bankId === filter.bankId;
}

/** Sections from the member's weakest (lowest accuracy in rounds) to strongest, then those never answered. */
function weakestFirst(bank: Bank, tallies: ReadonlyArray<{ sectionId: string; answered: number; correct: number }>) {
	const rate = (tally: { answered: number; correct: number }) => tally.correct / tally.answered;
	const answered = tallies
		.filter((tally) => tally.answered > 0)
		.sort((a, b) => rate(a) - rate(b) || b.answered - a.answered)
		.map((tally) => tally.sectionId);
	const rest = bank.sections.map((section) => section.id).filter((id) => !answered.includes(id));
	return [...answered, ...rest];
}

export interface PracticeQuery {
	guildId: string;
	memberId: string;
	filter: PracticeFilter;
	now: number;
	timeZone: string;
}

/**
 * The next question to practise: the card due longest ago, else a question never answered from the
 * member's weakest section. Questions of the guild's rounds still open are left out: practising one
 * would give its answer away to the room.
 */
export async function nextPracticeQuestion(
	ctx: Pick<DojoContext, "store" | "bank" | "logger">,
	query: PracticeQuery,
): Promise<PracticePick | undefined> {
	// One round trip for all three: the tallies are needed only when nothing is due, but cost little.
	const [cards, open, tallies] = await Promise.all([
		readCards(ctx, query.guildId, query.memberId),
		openRoundQuestions(ctx, query.guildId),
		readSectionTallies(ctx, query.guildId, query.memberId),
	]);
	const usable = (question: Question) => inFilter(ctx.bank, question, query.filter) && !open.has(question.id);
	const cutoff = dueCutoff(query.now, query.timeZone);
	const due = cards
		.filter((entry) => usable(entry.question) && entry.card.due <= cutoff)
		.sort((a, b) => a.card.due - b.card.due)[0];
	if (due) return { question: due.question, why: "due", card: due.card };
	const seen = new Set(cards.map((entry) => entry.question.id));
	const fresh = ctx.bank.questions.filter((question) => usable(question) && !seen.has(question.id));
	if (fresh.length === 0) return undefined;
	for (const sectionId of weakestFirst(ctx.bank, tallies)) {
		const question = fresh.find((candidate) => candidate.section === sectionId);
		if (question) return { question, why: "new" };
	}
	return undefined;
}

/** The earliest due time among cards not due yet, for "next one comes back …". */
export function nextDueAfter(cards: readonly MemberCard[], cutoff: number): number | undefined {
	const upcoming = cards.map((entry) => entry.card.due).filter((due) => due > cutoff);
	return upcoming.length > 0 ? Math.min(...upcoming) : undefined;
}
