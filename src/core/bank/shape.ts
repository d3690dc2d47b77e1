import { type Bank, countByDifficulty } from "./bank.js";
import { type ChoiceQuestion, DIFFICULTIES, type Difficulty, type Question } from "./schema.js";

/**
 * Whether a bank's choice questions can be answered without knowing anything: by always picking the
 * shortest (or the longest) choice, or by finding nearly every question easy. `bank:check` reports it
 * and warns; the test suite holds the shipped banks to it.
 */

/** How many times chance the right choice may be the strictly shortest (or longest) one. */
export const LENGTH_TELL_LIMIT = 1.25;

/** The least share of a bank's choice questions each difficulty should have. */
export const MIN_DIFFICULTY_SHARE = 0.2;

type Extreme = "shortest" | "longest";

/**
 * Chance sums fractions such as 1/3 that floating point cannot hold exactly, so a count exactly at the
 * limit could read as a hair over it; this slack is far below one question.
 */
const ROUNDING_SLACK = 1e-9;

/** How often the right choice stands out by length, against what luck alone would give. */
export interface LengthTell {
	/** Choice questions whose right choice is strictly shorter (or longer) than each other choice. */
	count: number;
	/** What always picking the shortest (or longest) would score by luck: the sum of 1 / number of choices. */
	chance: number;
	/** The most `count` may be: LENGTH_TELL_LIMIT x chance. */
	limit: number;
	withinLimit: boolean;
}

export interface DifficultyShare {
	/** Choice questions of this difficulty. */
	count: number;
	/** `count` over the bank's choice questions; 0 in a bank without any. */
	share: number;
	/** At least MIN_DIFFICULTY_SHARE, or the bank has no choice questions to spread. */
	enough: boolean;
}

export interface ChoiceShape {
	choiceQuestions: number;
	openQuestions: number;
	strictlyShortest: LengthTell;
	strictlyLongest: LengthTell;
	difficulty: Record<Difficulty, DifficultyShare>;
}

export interface BankShape extends ChoiceShape {
	bankId: string;
	bankTitle: string;
}

/** The shape of one bank's questions (open questions are counted, but have no choices to give away). */
export function measureChoiceShape(questions: readonly Question[]): ChoiceShape {
	const choiceQuestions = questions.filter((question): question is ChoiceQuestion => question.kind === "choice");
	const total = choiceQuestions.length;
	const chance = choiceQuestions.reduce((sum, question) => sum + 1 / question.choices.length, 0);
	const tell = (extreme: Extreme): LengthTell => {
		const count = choiceQuestions.filter((question) => rightChoiceIsStrictly(extreme, question)).length;
		const limit = LENGTH_TELL_LIMIT * chance;
		return { count, chance, limit, withinLimit: count <= limit + ROUNDING_SLACK };
	};
	const byDifficulty = countByDifficulty(choiceQuestions);
	const spread = (level: Difficulty): DifficultyShare => {
		const count = byDifficulty[level];
		// Both count / total and the constant are correctly rounded, so a share of exactly the minimum
		// (3 of 15) is not read as short of it.
		const share = total === 0 ? 0 : count / total;
		return { count, share, enough: total === 0 || share >= MIN_DIFFICULTY_SHARE };
	};
	return {
		choiceQuestions: total,
		openQuestions: questions.length - total,
		strictlyShortest: tell("shortest"),
		strictlyLongest: tell("longest"),
		difficulty: { easy: spread("easy"), medium: spread("medium"), advanced: spread("advanced") },
	};
}

/** The shape of each bank in a merged bank, in the order the banks were loaded. */
export function shapeOfEachBank(bank: Bank): BankShape[] {
	const banks = new Map<string, { bankTitle: string; questions: Question[] }>();
	const bankOfSection = new Map<string, string>();
	for (const section of bank.sections) {
		bankOfSection.set(section.id, section.bankId);
		if (!banks.has(section.bankId)) banks.set(section.bankId, { bankTitle: section.bankTitle, questions: [] });
	}
	for (const question of bank.questions) {
		const bankId = bankOfSection.get(question.section);
		if (bankId !== undefined) banks.get(bankId)?.questions.push(question);
	}
	return [...banks].map(([bankId, { bankTitle, questions }]) => ({
		bankId,
		bankTitle,
		...measureChoiceShape(questions),
	}));
}

/** One line: "flask: 40 choice, 8 open; right choice strictly shortest 9 / chance 10, ...". */
export function formatShape(shape: BankShape): string {
	const counts = `${shape.bankId}: ${shape.choiceQuestions} choice, ${shape.openQuestions} open`;
	if (shape.choiceQuestions === 0) return `${counts}; no choice questions, so no shape to check`;
	const { strictlyShortest, strictlyLongest } = shape;
	const spread = DIFFICULTIES.map(
		(level) => `${level} ${shape.difficulty[level].count} (${percent(shape.difficulty[level].share)})`,
	).join(", ");
	return (
		`${counts}; right choice strictly shortest ${strictlyShortest.count} / chance ${oneDecimal(strictlyShortest.chance)}, ` +
		`strictly longest ${strictlyLongest.count} / chance ${oneDecimal(strictlyLongest.chance)} ` +
		`(limit ${oneDecimal(strictlyShortest.limit)}); difficulty ${spread}`
	);
}

/** What is over a limit, one message each, worded for the bank's author; empty when the shape holds. */
export function shapeWarnings(shape: ChoiceShape): string[] {
	const warnings: string[] = [];
	const total = shape.choiceQuestions;
	for (const [tell, extreme] of [
		[shape.strictlyShortest, "shortest"],
		[shape.strictlyLongest, "longest"],
	] as const) {
		if (tell.withinLimit) continue;
		warnings.push(
			`the right choice is strictly the ${extreme} in ${tell.count} of ${total} choice questions; ` +
				`chance is ${oneDecimal(tell.chance)} and the limit ${oneDecimal(tell.limit)} (${LENGTH_TELL_LIMIT} x chance), ` +
				`so a member who always picks the ${extreme} choice scores above chance`,
		);
	}
	for (const level of DIFFICULTIES) {
		const { count, share, enough } = shape.difficulty[level];
		if (enough) continue;
		warnings.push(
			`${level} is ${count} of ${total} choice questions (${percent(share)}); ` +
				`each difficulty should be at least ${percent(MIN_DIFFICULTY_SHARE)}`,
		);
	}
	return warnings;
}

/** Ties do not count: a right choice as short as another one does not stand out. */
function rightChoiceIsStrictly(extreme: Extreme, question: ChoiceQuestion): boolean {
	const lengths = question.choices.map(characterCount);
	const right = lengths[question.correct];
	if (right === undefined) return false;
	const others = lengths.filter((_, index) => index !== question.correct);
	return extreme === "shortest" ? others.every((length) => right < length) : others.every((length) => right > length);
}

/** Code points, not UTF-16 units: an emoji or an accented letter is one character to the reader. */
function characterCount(text: string): number {
	return [...text].length;
}

function oneDecimal(value: number): string {
	return String(Math.round(value * 10) / 10);
}

/** Rounded down, so a share shown as 20% is never one that falls short of 20%. */
function percent(share: number): string {
	return `${Math.floor(share * 100 + ROUNDING_SLACK)}%`;
}
