import { z } from "zod";
import { type ImportOutcome, saveWhileChanging } from "./bank/import.js";
import { type BankFile, DIFFICULTIES, type Question, questionSchema } from "./bank/schema.js";
import { readBankContent, readServerBanks } from "./bank/server-banks.js";
import type { DojoContext } from "./context.js";

/**
 * Members propose questions; moderators approve them into one of the server's banks or reject them.
 * A suggestion is checked against the bank schema when it is made, so a moderator only ever sees one
 * that would import, and again when it is approved, together with the bank it joins.
 */
const recordKey = (guildId: string, id: string) => `suggestion:${guildId}:${id}`;
const queueKey = (guildId: string) => `suggestions:${guildId}`;
const pendingKey = (guildId: string) => `suggestions-pending:${guildId}`;
const decidedKey = (guildId: string, id: string) => `suggestion-decided:${guildId}:${id}`;

export const SUGGESTION_LIMITS = { pendingPerMember: 5, pendingPerServer: 100 } as const;

/** The bank a first approval creates when the server has none of its own yet. */
export const SUGGESTIONS_BANK = { id: "member-suggestions", title: "Member suggestions" } as const;

const suggestionSchema = z.object({
	id: z.string(),
	guildId: z.string(),
	authorId: z.string(),
	createdAt: z.number(),
	question: z.object({
		kind: z.enum(["choice", "open"]),
		difficulty: z.enum(DIFFICULTIES),
		prompt: z.string(),
		choices: z.array(z.string()).optional(),
		correct: z.number().int().optional(),
		answer: z.string(),
	}),
});

export type Suggestion = z.infer<typeof suggestionSchema>;

export interface SuggestionInput {
	prompt: string;
	/** One choice per line, the right one starting with `*`; empty for an open question. */
	choices: string;
	answer: string;
	difficulty: string;
}

/** What the member typed, worded by the field they typed it in. */
export type SuggestionProblem = { field: keyof SuggestionInput; message: string };

export function parseSuggestion(
	input: SuggestionInput,
): { ok: true; question: Suggestion["question"] } | { ok: false; problems: SuggestionProblem[] } {
	const problems: SuggestionProblem[] = [];
	const difficulty = input.difficulty.trim().toLowerCase() || "medium";
	if (!(DIFFICULTIES as readonly string[]).includes(difficulty)) {
		problems.push({ field: "difficulty", message: `must be one of ${DIFFICULTIES.join(", ")}` });
	}
	const lines = input.choices
		.split("\n")
		.map((line) => line.trim())
		.filter((line) => line.length > 0);
	const marked = lines.flatMap((line, index) => (line.startsWith("*") ? [index] : []));
	const choices = lines.map((line) => line.replace(/^\*\s*/, ""));
	if (lines.length > 0 && marked.length !== 1) {
		problems.push({ field: "choices", message: "mark exactly one choice as right by starting its line with *" });
	}
	const question = {
		kind: lines.length > 0 ? ("choice" as const) : ("open" as const),
		difficulty: difficulty as Suggestion["question"]["difficulty"],
		prompt: input.prompt,
		...(lines.length > 0 ? { choices, correct: marked[0] ?? 0 } : {}),
		answer: input.answer,
	};
	const checked = questionSchema.safeParse(asBankQuestion(question, "suggested-check", "suggested-check"));
	if (!checked.success) {
		for (const issue of checked.error.issues) {
			const field = String(issue.path[0] ?? "prompt");
			// Already worded above, in the member's terms.
			if (problems.some((problem) => problem.field === (field === "correct" ? "choices" : field))) continue;
			const named = (["prompt", "choices", "answer", "difficulty"] as const).find((name) => name === field);
			const where = issue.path.length > 1 ? ` (choice ${Number(issue.path[1]) + 1})` : "";
			problems.push({ field: named ?? "choices", message: `${issue.message}${where}` });
		}
	}
	return problems.length > 0 ? { ok: false, problems } : { ok: true, question };
}

function asBankQuestion(question: Suggestion["question"], id: string, section: string): unknown {
	return { id, section, tags: [], ...question };
}

export type SuggestOutcome =
	| { kind: "invalid"; problems: SuggestionProblem[] }
	| { kind: "too-many"; scope: "member" | "server"; limit: number }
	| { kind: "queued"; suggestion: Suggestion; waiting: number };

export async function suggestQuestion(
	ctx: Pick<DojoContext, "store" | "clock" | "random">,
	input: { guildId: string; authorId: string } & SuggestionInput,
): Promise<SuggestOutcome> {
	const parsed = parseSuggestion(input);
	if (!parsed.ok) return { kind: "invalid", problems: parsed.problems };
	const { guildId, authorId } = input;
	const waiting = await ctx.store.rankingSize(queueKey(guildId));
	if (waiting >= SUGGESTION_LIMITS.pendingPerServer) {
		return { kind: "too-many", scope: "server", limit: SUGGESTION_LIMITS.pendingPerServer };
	}
	const mine = await ctx.store.hashIncrement(pendingKey(guildId), authorId, 1);
	if (mine > SUGGESTION_LIMITS.pendingPerMember) {
		await ctx.store.hashIncrement(pendingKey(guildId), authorId, -1);
		return { kind: "too-many", scope: "member", limit: SUGGESTION_LIMITS.pendingPerMember };
	}
	const now = ctx.clock.now();
	const id = `${now.toString(36)}${Math.floor(ctx.random() * 36 ** 4)
		.toString(36)
		.padStart(4, "0")}`;
	const suggestion: Suggestion = { id, guildId, authorId, createdAt: now, question: parsed.question };
	await ctx.store.set(recordKey(guildId, id), suggestion);
	await ctx.store.rankingSet(queueKey(guildId), id, now);
	return { kind: "queued", suggestion, waiting: waiting + 1 };
}

/** The oldest suggestion waiting for a moderator, and how many wait in all. */
export async function nextSuggestion(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
): Promise<{ suggestion: Suggestion; waiting: number } | undefined> {
	const waiting = await ctx.store.rankingSize(queueKey(guildId));
	for (const entry of await ctx.store.rankingUpTo(queueKey(guildId), Number.MAX_SAFE_INTEGER, 10)) {
		const suggestion = await ctx.store.get(recordKey(guildId, entry.member), suggestionSchema);
		if (suggestion) return { suggestion, waiting };
		await ctx.store.rankingRemove(queueKey(guildId), entry.member);
	}
	return undefined;
}

export type ApproveOutcome =
	| { kind: "gone" }
	| { kind: "not-own-bank"; bankId: string }
	| { kind: "refused"; outcome: Exclude<ImportOutcome, { kind: "imported" }> }
	| { kind: "approved"; suggestion: Suggestion; bankId: string; questionId: string };

export type RejectOutcome = { kind: "gone" } | { kind: "rejected"; suggestion: Suggestion };

/**
 * Adds the suggestion to one of the server's own banks (a new "member-suggestions" bank when it has
 * none and none is named), in the bank's first section, through the same checks as an import.
 */
export async function approveSuggestion(
	ctx: Pick<DojoContext, "store" | "banks" | "clock">,
	input: { guildId: string; suggestionId: string; bankId: string | undefined; moderatorId: string },
): Promise<ApproveOutcome> {
	const { guildId, suggestionId } = input;
	const suggestion = await ctx.store.get(recordKey(guildId, suggestionId), suggestionSchema);
	if (!suggestion) return { kind: "gone" };
	// The bank is read and written back in one change, so two approvals into it keep both questions.
	return ctx.banks.changing(guildId, async (): Promise<ApproveOutcome> => {
		const banks = await readServerBanks(ctx, guildId);
		const entry = banks.own.find((own) => own.id === (input.bankId ?? SUGGESTIONS_BANK.id));
		if (!entry && input.bankId !== undefined) return { kind: "not-own-bank", bankId: input.bankId };
		const current: BankFile = (entry && (await readBankContent(ctx, guildId, entry))) ?? {
			id: SUGGESTIONS_BANK.id,
			title: SUGGESTIONS_BANK.title,
			sections: [{ id: SUGGESTIONS_BANK.id, title: SUGGESTIONS_BANK.title }],
			questions: [],
		};
		const questionId = `suggested-${suggestion.id}`;
		const section = current.sections[0]?.id ?? SUGGESTIONS_BANK.id;
		const question = questionSchema.parse(asBankQuestion(suggestion.question, questionId, section)) as Question;
		if (!(await ctx.store.claim(decidedKey(guildId, suggestionId), 60_000))) return { kind: "gone" };
		const outcome = await saveWhileChanging(ctx, {
			guildId,
			memberId: input.moderatorId,
			parsed: {
				ok: true,
				file: `suggestion ${suggestion.id}`,
				bank: { ...current, questions: [...current.questions, question] },
				lineOf: () => undefined,
			},
			replace: true,
		});
		if (outcome.kind !== "imported") {
			await ctx.store.delete(decidedKey(guildId, suggestionId));
			return { kind: "refused", outcome };
		}
		await forgetSuggestion(ctx, suggestion);
		return { kind: "approved", suggestion, bankId: current.id, questionId };
	});
}

export async function rejectSuggestion(
	ctx: Pick<DojoContext, "store">,
	input: { guildId: string; suggestionId: string },
): Promise<RejectOutcome> {
	const suggestion = await ctx.store.get(recordKey(input.guildId, input.suggestionId), suggestionSchema);
	if (!suggestion || !(await ctx.store.claim(decidedKey(input.guildId, input.suggestionId), 60_000))) {
		return { kind: "gone" };
	}
	await forgetSuggestion(ctx, suggestion);
	return { kind: "rejected", suggestion };
}

async function forgetSuggestion(ctx: Pick<DojoContext, "store">, suggestion: Suggestion): Promise<void> {
	await ctx.store.rankingRemove(queueKey(suggestion.guildId), suggestion.id);
	await ctx.store.hashIncrement(pendingKey(suggestion.guildId), suggestion.authorId, -1);
	await ctx.store.delete(recordKey(suggestion.guildId, suggestion.id));
}
