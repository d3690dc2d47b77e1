import type { Bank } from "./bank/bank.js";
import type { Difficulty, Question } from "./bank/schema.js";

export interface QuestionFilter {
	section?: string;
	difficulty?: Difficulty;
}

/** Rotations are kept per filter, so "easy" questions cycle on their own, apart from "any". */
export function filterKey(filter: QuestionFilter): string {
	return `${filter.section ?? "*"}/${filter.difficulty ?? "*"}`;
}

export function matchingQuestions(bank: Bank, filter: QuestionFilter): Question[] {
	return bank.questions.filter(
		(question) =>
			(filter.section === undefined || question.section === filter.section) &&
			(filter.difficulty === undefined || question.difficulty === filter.difficulty),
	);
}

export interface RotationPick {
	question: Question;
	/** The ids asked in the current cycle, including this pick: the rotation to store. */
	asked: string[];
}

/**
 * Picks a question nobody in this rotation has seen yet. When every candidate has been asked, a new
 * cycle starts, avoiding an immediate repeat of the last question asked.
 */
export function pickFromRotation(
	candidates: readonly Question[],
	asked: readonly string[],
	random: () => number,
): RotationPick | undefined {
	if (candidates.length === 0) return undefined;
	const askedSet = new Set(asked);
	const fresh = candidates.filter((question) => !askedSet.has(question.id));
	const lastAsked = asked.at(-1);
	const pool =
		fresh.length > 0 ? fresh : candidates.filter((question) => question.id !== lastAsked || candidates.length === 1);
	const question = pool[Math.floor(random() * pool.length)] ?? pool[0];
	if (!question) return undefined;
	const candidateIds = new Set(candidates.map((candidate) => candidate.id));
	const cycle = fresh.length > 0 ? asked.filter((id) => candidateIds.has(id)) : [];
	return { question, asked: [...cycle, question.id] };
}
