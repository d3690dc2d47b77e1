import type { Difficulty, Question } from "./schema.js";

export interface BankSection {
	id: string;
	title: string;
	bankId: string;
	bankTitle: string;
}

/** Every loaded bank merged: question and section ids are unique across banks. */
export interface Bank {
	readonly sections: readonly BankSection[];
	readonly questions: readonly Question[];
	question(id: string): Question | undefined;
	section(id: string): BankSection | undefined;
}

export function createBank(sections: readonly BankSection[], questions: readonly Question[]): Bank {
	const questionsById = new Map(questions.map((question) => [question.id, question]));
	const sectionsById = new Map(sections.map((section) => [section.id, section]));
	return {
		sections,
		questions,
		question: (id) => questionsById.get(id),
		section: (id) => sectionsById.get(id),
	};
}

export function countByDifficulty(questions: readonly Question[]): Record<Difficulty, number> {
	const counts: Record<Difficulty, number> = { easy: 0, medium: 0, advanced: 0 };
	for (const question of questions) counts[question.difficulty] += 1;
	return counts;
}
