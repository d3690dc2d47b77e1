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
