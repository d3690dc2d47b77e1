import { type Bank, type BankSection, countByDifficulty } from "./bank/bank.js";
import { DIFFICULTIES } from "./bank/schema.js";
import { difficultyLabel } from "./render/question.js";
import type { QuestionFilter } from "./selection.js";

export function questionsIn(bank: Bank, sectionId: string) {
	return bank.questions.filter((question) => question.section === sectionId);
}

/** "5 easy · 6 medium · 1 advanced", leaving out difficulties with no questions. */
export function difficultySummary(bank: Bank, sectionId?: string): string {
	const counts = countByDifficulty(sectionId === undefined ? bank.questions : questionsIn(bank, sectionId));
	return DIFFICULTIES.filter((difficulty) => counts[difficulty] > 0)
		.map((difficulty) => `${counts[difficulty]} ${difficulty}`)
		.join(" · ");
}

/** Accepts a section id, or a title typed without picking from autocomplete. */
export function resolveSection(bank: Bank, input: string): BankSection | undefined {
	const wanted = input.trim().toLowerCase();
	return bank.section(wanted) ?? bank.sections.find((section) => section.title.toLowerCase() === wanted);
}

/** Autocomplete entries: sections whose id or title contains what was typed so far. */
export function searchSections(bank: Bank, typed: string, limit = 25): Array<{ name: string; value: string }> {
	const needle = typed.trim().toLowerCase();
	return bank.sections
		.filter((section) => section.id.includes(needle) || section.title.toLowerCase().includes(needle))
		.slice(0, limit)
		.map((section) => ({
			name: `${section.title} (${questionsIn(bank, section.id).length} questions)`.slice(0, 100),
			value: section.id,
		}));
}

/** Questions whose id or prompt contains what was typed, ids first, labelled with their section. */
export function searchQuestions(bank: Bank, typed: string, limit = 25): Array<{ name: string; value: string }> {
	const needle = typed.trim().toLowerCase();
	const byId = bank.questions.filter((question) => question.id.includes(needle));
	const byPrompt = bank.questions.filter(
		(question) => !question.id.includes(needle) && question.prompt.toLowerCase().includes(needle),
	);
	return [...byId, ...byPrompt].slice(0, limit).map((question) => ({
		name: `${question.id} · ${bank.section(question.section)?.title ?? question.section}`.slice(0, 100),
		value: question.id,
	}));
}

/** Why a filter found nothing, and what the member could ask for instead. */
export function explainNoMatch(bank: Bank, filter: QuestionFilter, sectionTitle?: string): string {
	const wanted = [
		sectionTitle ? `section “${sectionTitle}”` : undefined,
		filter.difficulty ? `difficulty ${difficultyLabel(filter.difficulty)}` : undefined,
	].filter(Boolean);
	const available =
		filter.section === undefined
			? `The bank has ${difficultySummary(bank) || "no questions"}.`
			: `That section has ${difficultySummary(bank, filter.section) || "no questions yet"}.`;
	return `No question matches ${wanted.join(" and ") || "these filters"}. ${available}`;
}

/** The loaded bank files, as their sections name them: id and title, in load order. */
export function banksIn(bank: Bank): Array<{ id: string; title: string }> {
	const seen = new Map<string, string>();
	for (const section of bank.sections) if (!seen.has(section.bankId)) seen.set(section.bankId, section.bankTitle);
	return [...seen].map(([id, title]) => ({ id, title }));
}

/** Accepts a bank id, or its title typed without picking from autocomplete. */
export function resolveBank(bank: Bank, input: string): { id: string; title: string } | undefined {
	const wanted = input.trim().toLowerCase();
	return banksIn(bank).find((entry) => entry.id === wanted || entry.title.toLowerCase() === wanted);
}

/** Autocomplete entries: banks whose id or title contains what was typed so far. */
export function searchBanks(bank: Bank, typed: string, limit = 25): Array<{ name: string; value: string }> {
	const needle = typed.trim().toLowerCase();
	return banksIn(bank)
		.filter((entry) => entry.id.includes(needle) || entry.title.toLowerCase().includes(needle))
		.slice(0, limit)
		.map((entry) => {
			const count = bank.questions.filter((question) => bank.section(question.section)?.bankId === entry.id).length;
			return { name: `${entry.title} (${count} questions)`.slice(0, 100), value: entry.id };
		});
}
