import { type Bank, type BankSection, type BankSummary, countByDifficulty } from "./bank/bank.js";
import { DIFFICULTIES, type Question } from "./bank/schema.js";
import { difficultyLabel } from "./render/question.js";
import type { QuestionFilter } from "./selection.js";

export function questionsIn(bank: Bank, sectionId: string) {
	return bank.questions.filter((question) => question.section === sectionId);
}

/** "5 easy · 6 medium · 1 advanced", leaving out difficulties with no questions. */
export function difficultySummary(bank: Bank, sectionId?: string): string {
	return summarise(sectionId === undefined ? bank.questions : questionsIn(bank, sectionId));
}

function summarise(questions: readonly Question[]): string {
	const counts = countByDifficulty(questions);
	return DIFFICULTIES.filter((difficulty) => counts[difficulty] > 0)
		.map((difficulty) => `${counts[difficulty]} ${difficulty}`)
		.join(" · ");
}

/** Accepts a section id of an enabled bank, or its title typed without picking from autocomplete. */
export function resolveSection(bank: Bank, input: string): BankSection | undefined {
	const wanted = input.trim().toLowerCase();
	return (
		bank.sections.find((section) => section.id === wanted) ??
		bank.sections.find((section) => section.title.toLowerCase() === wanted)
	);
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
	const bankTitle = filter.bank && bank.banks.find((entry) => entry.id === filter.bank)?.title;
	const wanted = [
		bankTitle ? `bank “${bankTitle}”` : undefined,
		sectionTitle ? `section “${sectionTitle}”` : undefined,
		filter.difficulty ? `difficulty ${difficultyLabel(filter.difficulty)}` : undefined,
	].filter(Boolean);
	const inBank = (questions: readonly Question[]) =>
		questions.filter((question) => bank.section(question.section)?.bankId === filter.bank);
	const available =
		filter.section !== undefined
			? `That section has ${difficultySummary(bank, filter.section) || "no questions yet"}.`
			: filter.bank !== undefined
				? `That bank has ${summarise(inBank(bank.questions)) || "no questions yet"}.`
				: `The bank has ${difficultySummary(bank) || "no questions"}.`;
	if (bank.questions.length === 0) {
		return "This server has no enabled bank with questions. A moderator can turn one on with /bank enable or add one with /bank import.";
	}
	return `No question matches ${wanted.join(" and ") || "these filters"}. ${available}`;
}

/** The enabled banks, built-in ones first, in the order they loaded. */
export function listBanks(bank: Bank): BankSummary[] {
	return bank.banks.filter((entry) => entry.enabled);
}

/** Accepts a bank id, or its title typed without picking from autocomplete; `among` defaults to the enabled ones. */
export function resolveBank(
	bank: Bank,
	input: string,
	among: readonly BankSummary[] = listBanks(bank),
): BankSummary | undefined {
	const wanted = input.trim().toLowerCase();
	return among.find((entry) => entry.id === wanted) ?? among.find((entry) => entry.title.toLowerCase() === wanted);
}

/** Autocomplete entries: banks whose id or title contains what was typed so far; `among` defaults to the enabled ones. */
export function searchBanks(
	bank: Bank,
	typed: string,
	limit = 25,
	among: readonly BankSummary[] = listBanks(bank),
): Array<{ name: string; value: string }> {
	const needle = typed.trim().toLowerCase();
	return among
		.filter((entry) => entry.id.includes(needle) || entry.title.toLowerCase().includes(needle))
		.slice(0, limit)
		.map((entry) => ({ name: `${entry.title} (${entry.questions} questions)`.slice(0, 100), value: entry.id }));
}
