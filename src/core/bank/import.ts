import { isDeepStrictEqual } from "node:util";
import type { DojoContext } from "../context.js";
import { checkBankFile, claimIds, type IdOwners, noOwners } from "./assemble.js";
import type { BankSummary } from "./bank.js";
import { parseBankFile, type ValidBankFile } from "./parse.js";
import type { BankProblem } from "./problem.js";
import type { BankFile } from "./schema.js";
import {
	readBankContent,
	readServerBanks,
	type ServerBanks,
	writeBankContent,
	writeServerBanks,
} from "./server-banks.js";

/** What one server may bring: small enough to keep in one store record and to list in Discord. */
export const SERVER_BANK_LIMITS = {
	fileBytes: 1_000_000,
	questionsPerBank: 500,
	questionsPerServer: 2_000,
	banksPerServer: 25,
} as const;

export type ImportOutcome =
	| { kind: "invalid"; problems: BankProblem[] }
	/** The server already has a bank with this id; importing again replaces it only when asked to. */
	| { kind: "exists"; bank: BankSummary }
	| {
			kind: "imported";
			bank: BankSummary;
			created: boolean;
			added: string[];
			changed: string[];
			removed: string[];
			unchanged: number;
	  };

export interface BankUpload {
	guildId: string;
	memberId: string;
	fileName: string;
	text: string;
	replace: boolean;
}

const thousands = (count: number) => count.toLocaleString("en-US");

/**
 * Validates a bank a server uploads, with the same schema and messages as `npm run bank:check` plus
 * the server limits and id checks against the built-in banks and the server's other banks. On any
 * problem nothing is stored; on success the content is written before the index points at it.
 */
export async function importServerBank(
	ctx: Pick<DojoContext, "store" | "banks" | "clock">,
	upload: BankUpload,
): Promise<ImportOutcome> {
	const { guildId, fileName } = upload;
	const bytes = Buffer.byteLength(upload.text, "utf8");
	if (bytes > SERVER_BANK_LIMITS.fileBytes) {
		return { kind: "invalid", problems: [fileProblem(fileName, `${tooBig(bytes)}`)] };
	}
	const parsed = parseBankFile(fileName, upload.text);
	if (!parsed.ok) {
		// The schema's problems, and the id and section problems of the questions that passed it, at once.
		const { builtInFiles } = ctx.banks;
		const others = parsed.partial
			? await otherServerBanks(ctx, guildId, await readServerBanks(ctx, guildId), parsed.partial.bank.id)
			: [];
		const more = parsed.partial ? checkBankFile(parsed.partial, serverOwners(builtInFiles, others)) : [];
		return { kind: "invalid", problems: [...parsed.problems, ...more] };
	}
	return saveServerBank(ctx, { guildId, memberId: upload.memberId, parsed, replace: upload.replace });
}

/** Stores a parsed bank as one of the server's own, once it passes every server check. */
async function saveServerBank(
	ctx: Pick<DojoContext, "store" | "banks" | "clock">,
	input: { guildId: string; memberId: string; parsed: ValidBankFile; replace: boolean },
): Promise<ImportOutcome> {
	return ctx.banks.changing(input.guildId, () => saveWhileChanging(ctx, input));
}

/** `saveServerBank` for a caller already inside `ctx.banks.changing` for this server. */
export async function saveWhileChanging(
	ctx: Pick<DojoContext, "store" | "banks" | "clock">,
	input: { guildId: string; memberId: string; parsed: ValidBankFile; replace: boolean },
): Promise<ImportOutcome> {
	const { guildId, parsed } = input;
	const { bank, file: fileName } = parsed;
	const banks = await readServerBanks(ctx, guildId);
	const previous = banks.own.find((entry) => entry.id === bank.id);

	const others = banks.own.filter((entry) => entry.id !== bank.id);
	const otherFiles = await otherServerBanks(ctx, guildId, banks, bank.id);
	const problems = checkBankFile(parsed, serverOwners(ctx.banks.builtInFiles, otherFiles));
	const report = (path: readonly (string | number)[], message: string) =>
		problems.push({ file: fileName, path: path.join("."), message, line: parsed.lineOf(path) });
	if (bank.questions.length > SERVER_BANK_LIMITS.questionsPerBank) {
		report(
			["questions"],
			`has ${thousands(bank.questions.length)} questions; a server's bank may have at most ${SERVER_BANK_LIMITS.questionsPerBank} (split it into several banks)`,
		);
	}
	const otherQuestions = others.reduce((sum, entry) => sum + entry.questions, 0);
	if (otherQuestions + bank.questions.length > SERVER_BANK_LIMITS.questionsPerServer) {
		report(
			["questions"],
			`this server's banks would hold ${thousands(otherQuestions + bank.questions.length)} questions (${thousands(otherQuestions)} in its other banks); a server may have at most ${thousands(SERVER_BANK_LIMITS.questionsPerServer)} (remove a bank with /bank remove first)`,
		);
	}
	if (!previous && others.length >= SERVER_BANK_LIMITS.banksPerServer) {
		report(
			["id"],
			`this server has ${others.length} banks of its own, the most it may have; remove one with /bank remove first`,
		);
	}
	if (problems.length > 0) return { kind: "invalid", problems };

	if (previous && !input.replace) {
		return { kind: "exists", bank: summaryOf(previous, !banks.disabled.includes(previous.id)) };
	}
	const before = previous ? await readBankContent(ctx, guildId, previous) : undefined;
	const entry = {
		id: bank.id,
		title: bank.title,
		revision: (previous?.revision ?? 0) + 1,
		importedAt: ctx.clock.now(),
		importedBy: input.memberId,
		questions: bank.questions.length,
		sections: bank.sections.length,
	};
	await writeBankContent(ctx, guildId, entry.revision, bank);
	await writeServerBanks(ctx, guildId, {
		...banks,
		own: previous ? banks.own.map((own) => (own.id === bank.id ? entry : own)) : [...banks.own, entry],
	});
	ctx.banks.forget(guildId);
	return {
		kind: "imported",
		bank: summaryOf(entry, !banks.disabled.includes(entry.id)),
		created: !previous,
		...compareQuestions(before, bank),
	};
}

/** The contents of the server's banks other than `bankId`, whose ids an upload may not reuse. */
async function otherServerBanks(ctx: Pick<DojoContext, "store">, guildId: string, banks: ServerBanks, bankId: string) {
	const others = banks.own.filter((entry) => entry.id !== bankId);
	return Promise.all(others.map((entry) => readBankContent(ctx, guildId, entry)));
}

/** Ids the upload may not reuse: every built-in bank's, and the server's other banks'. */
function serverOwners(builtIn: readonly BankFile[], otherFiles: ReadonlyArray<BankFile | undefined>): IdOwners {
	const owners = noOwners();
	for (const file of builtIn) claimIds(owners, file, `the built-in bank "${file.id}"`);
	for (const file of otherFiles) if (file) claimIds(owners, file, `this server's bank "${file.id}"`);
	return owners;
}

function summaryOf(
	entry: { id: string; title: string; questions: number; sections: number },
	enabled: boolean,
): BankSummary {
	return { ...entry, origin: "server", enabled };
}

function compareQuestions(before: BankFile | undefined, after: BankFile) {
	const old = new Map((before?.questions ?? []).map((question) => [question.id, question]));
	const added: string[] = [];
	const changed: string[] = [];
	let unchanged = 0;
	for (const question of after.questions) {
		const previous = old.get(question.id);
		if (!previous) added.push(question.id);
		else if (isDeepStrictEqual(previous, question)) unchanged += 1;
		else changed.push(question.id);
	}
	const kept = new Set(after.questions.map((question) => question.id));
	const removed = [...old.keys()].filter((id) => !kept.has(id));
	return { added, changed, removed, unchanged };
}

function fileProblem(file: string, message: string): BankProblem {
	return { file, path: "", message };
}

function tooBig(bytes: number): string {
	const megabytes = (bytes / 1_000_000).toFixed(2);
	return `the file is ${megabytes} MB; a server's bank file may be at most ${SERVER_BANK_LIMITS.fileBytes / 1_000_000} MB`;
}
