import type { BankFile, Difficulty, Question } from "./schema.js";

export interface BankSection {
	id: string;
	title: string;
	bankId: string;
	bankTitle: string;
}

/** Where a bank comes from: the operator's BANKS_DIR, or a server that imported it from Discord. */
export type BankOrigin = "built-in" | "server";

export interface BankSummary {
	id: string;
	title: string;
	origin: BankOrigin;
	enabled: boolean;
	sections: number;
	questions: number;
}

/**
 * The banks one server sees, merged: question and section ids are unique across them. `sections` and
 * `questions` hold the enabled banks only (what can be asked); `question` and `section` also find a
 * disabled bank's, so a round asked before the bank was disabled still reveals.
 */
export interface Bank {
	readonly sections: readonly BankSection[];
	readonly questions: readonly Question[];
	/** Every bank of the server, enabled or not, built-in ones first. */
	readonly banks: readonly BankSummary[];
	question(id: string): Question | undefined;
	section(id: string): BankSection | undefined;
	/** The question, when its bank is enabled: what /question id: may ask again. */
	askable(id: string): Question | undefined;
}

export interface BankPart {
	file: BankFile;
	origin: BankOrigin;
	enabled: boolean;
}

export function composeBank(parts: readonly BankPart[]): Bank {
	const all = parts.map((part) => ({
		...part,
		sections: part.file.sections.map((section) => ({ ...section, bankId: part.file.id, bankTitle: part.file.title })),
	}));
	const enabled = all.filter((part) => part.enabled);
	const questions = enabled.flatMap((part) => part.file.questions);
	const questionsById = new Map(all.flatMap((part) => part.file.questions.map((question) => [question.id, question])));
	const sectionsById = new Map(all.flatMap((part) => part.sections.map((section) => [section.id, section])));
	const askableIds = new Set(questions.map((question) => question.id));
	return {
		sections: enabled.flatMap((part) => part.sections),
		questions,
		banks: all.map((part) => ({
			id: part.file.id,
			title: part.file.title,
			origin: part.origin,
			enabled: part.enabled,
			sections: part.file.sections.length,
			questions: part.file.questions.length,
		})),
		question: (id) => questionsById.get(id),
		section: (id) => sectionsById.get(id),
		askable: (id) => (askableIds.has(id) ? questionsById.get(id) : undefined),
	};
}

/** A bank of loose sections and questions, all enabled: for tests and tools that build one by hand. */
export function createBank(sections: readonly BankSection[], questions: readonly Question[]): Bank {
	const files = new Map<string, BankFile>();
	for (const section of sections) {
		const file = files.get(section.bankId) ?? {
			id: section.bankId,
			title: section.bankTitle,
			sections: [],
			questions: [],
		};
		file.sections.push({ id: section.id, title: section.title });
		files.set(section.bankId, file);
	}
	const bankOf = new Map(sections.map((section) => [section.id, section.bankId]));
	const unplaced: Question[] = [];
	for (const question of questions) {
		const file = files.get(bankOf.get(question.section) ?? "");
		if (file) file.questions.push(question);
		else unplaced.push(question);
	}
	const parts = [...files.values()].map((file): BankPart => ({ file, origin: "built-in", enabled: true }));
	if (unplaced.length > 0) {
		parts.push({
			file: { id: "unsorted", title: "Unsorted", sections: [], questions: unplaced },
			origin: "built-in",
			enabled: true,
		});
	}
	return composeBank(parts);
}

export function countByDifficulty(questions: readonly Question[]): Record<Difficulty, number> {
	const counts: Record<Difficulty, number> = { easy: 0, medium: 0, advanced: 0 };
	for (const question of questions) counts[question.difficulty] += 1;
	return counts;
}
