import { checkEmbedLimits, type LimitViolation } from "../render/embed.js";
import { type RevealResults, type RoundStatus, renderQuestion, renderRevealed } from "../render/question.js";
import { type Bank, type BankSection, composeBank } from "./bank.js";
import type { ParsedBankFile, ValidBankFile } from "./parse.js";
import type { BankProblem } from "./problem.js";
import type { BankFile, Question } from "./schema.js";

export interface AssembledBank {
	bank: Bank;
	/** The files that loaded, in order: what a server's own banks are merged with. */
	files: BankFile[];
	problems: BankProblem[];
	/** Files left out because of a problem; the other files still load. */
	skippedFiles: string[];
}

/** Who already uses each bank, section and question id, named as a problem should name them. */
export interface IdOwners {
	bank: Map<string, string>;
	section: Map<string, string>;
	question: Map<string, string>;
}

export function noOwners(): IdOwners {
	return { bank: new Map(), section: new Map(), question: new Map() };
}

export function claimIds(owners: IdOwners, bank: BankFile, owner: string): void {
	owners.bank.set(bank.id, owner);
	for (const section of bank.sections) owners.section.set(section.id, owner);
	for (const question of bank.questions) owners.question.set(question.id, owner);
}

/**
 * Merges parsed files into one bank. A file with any problem is left out whole, so a typo in a
 * group's own bank never takes the shipped questions down with it.
 */
export function assembleBank(files: readonly ParsedBankFile[]): AssembledBank {
	const problems: BankProblem[] = [];
	const skippedFiles: string[] = [];
	const loaded: BankFile[] = [];
	const owners = noOwners();

	for (const parsed of files) {
		if (!parsed.ok) {
			problems.push(...parsed.problems, ...(parsed.partial ? checkBankFile(parsed.partial, owners) : []));
			skippedFiles.push(...new Set(parsed.problems.map((problem) => problem.file)));
			continue;
		}
		const fileProblems = checkBankFile(parsed, owners);
		if (fileProblems.length > 0) {
			problems.push(...fileProblems);
			skippedFiles.push(parsed.file);
			continue;
		}
		claimIds(owners, parsed.bank, parsed.file);
		loaded.push(parsed.bank);
	}
	const bank = composeBank(loaded.map((file) => ({ file, origin: "built-in", enabled: true })));
	return { bank, files: loaded, problems, skippedFiles };
}

/**
 * What is wrong with one valid-looking file beyond its schema: ids used twice or already owned by
 * another bank, questions in sections the bank does not have, questions too long once rendered.
 */
export function checkBankFile(parsed: ValidBankFile, owners: IdOwners): BankProblem[] {
	const { file, bank, lineOf } = parsed;
	const problems: BankProblem[] = [];
	const report = (path: readonly (string | number)[], message: string) =>
		problems.push({ file, path: path.join("."), message, line: lineOf(path) });
	const duplicateOf = (owner: string | undefined, id: string, kind: string) =>
		owner === file ? `duplicate ${kind} id "${id}"` : `${kind} id "${id}" is already used in ${owner}`;

	const bankOwner = owners.bank.get(bank.id);
	if (bankOwner) report(["id"], duplicateOf(bankOwner, bank.id, "bank"));

	const localSections = new Map<string, BankSection>();
	bank.sections.forEach((section, index) => {
		const owner = localSections.has(section.id) ? file : owners.section.get(section.id);
		if (owner) report(["sections", index, "id"], duplicateOf(owner, section.id, "section"));
		localSections.set(section.id, { ...section, bankId: bank.id, bankTitle: bank.title });
	});

	const localQuestions = new Set<string>();
	bank.questions.forEach((question, position) => {
		const index = parsed.questionIndex?.[position] ?? position;
		const owner = localQuestions.has(question.id) ? file : owners.question.get(question.id);
		if (owner) report(["questions", index, "id"], duplicateOf(owner, question.id, "question"));
		localQuestions.add(question.id);

		const section = localSections.get(question.section);
		if (!section) {
			const known = [...localSections.keys()].join(", ");
			report(["questions", index, "section"], `unknown section "${question.section}" (this bank has: ${known})`);
			return;
		}
		for (const violation of renderViolations(question, section)) {
			report(["questions", index, violation.field], violation.message);
		}
	});
	return problems;
}

/** The longest footer a running round can show. */
const BUSIEST_ROUND: RoundStatus = { picks: 1_000_000, picksHidden: true, revealVotes: 50, revealDueAt: 0 };

/** Results as long as the reveal ever renders them: more right answers than one field can name. */
function busiestResults(question: Question): RevealResults | undefined {
	if (question.kind !== "choice") return undefined;
	const correct = Array.from({ length: 200 }, (_, index) => ({
		memberId: String(10n ** 19n - BigInt(index)),
		points: 4,
		correct: true,
		first: index === 0,
	}));
	return { counts: question.choices.map(() => 1_000_000), correct };
}

/** A question must still fit Discord's embed limits once rendered, both asked and revealed. */
function renderViolations(question: Question, section: BankSection): Array<{ field: string; message: string }> {
	const asked = checkEmbedLimits(renderQuestion(question, section, BUSIEST_ROUND));
	const revealed = checkEmbedLimits(renderRevealed(question, section, busiestResults(question)));
	const seen = new Set<string>();
	return [...asked, ...revealed]
		.map((violation) => describeViolation(violation))
		.filter((entry) => (seen.has(entry.message) ? false : seen.add(entry.message)));
}

function describeViolation(violation: LimitViolation): { field: string; message: string } {
	const size = `${violation.length} characters`;
	const allowed = `Discord allows ${violation.limit}`;
	if (violation.where === "embeds.0.description") {
		return {
			field: "prompt",
			message: `prompt, code and choices render to ${size} in an embed description; ${allowed}`,
		};
	}
	if (violation.where === "embeds.1.description") {
		return { field: "answer", message: `the revealed answer renders to ${size} in an embed description; ${allowed}` };
	}
	if (violation.where === "message") {
		return { field: "answer", message: `question and answer together render to ${size}; ${allowed} in one message` };
	}
	return { field: "id", message: `${violation.where} renders to ${size}; ${allowed}` };
}
