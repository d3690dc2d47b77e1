import type { Bank } from "./bank/bank.js";
import type { Difficulty, Question } from "./bank/schema.js";

export interface QuestionFilter {
	/** A bank id: only that bank's questions. */
	bank?: string;
	section?: string;
	difficulty?: Difficulty;
}

/**
 * Rotations are kept per filter, so "easy" questions cycle on their own, apart from "any". The bank
 * comes last and only when set, so rotations stored before banks could be chosen keep their keys.
 */
export function filterKey(filter: QuestionFilter): string {
	return `${filter.section ?? "*"}/${filter.difficulty ?? "*"}${filter.bank === undefined ? "" : `/${filter.bank}`}`;
}

export function matchingQuestions(bank: Bank, filter: QuestionFilter): Question[] {
	return bank.questions.filter(
		(question) =>
			(filter.section === undefined || question.section === filter.section) &&
			(filter.difficulty === undefined || question.difficulty === filter.difficulty) &&
			(filter.bank === undefined || bank.section(question.section)?.bankId === filter.bank),
	);
}
