import { z } from "zod";
import type { BankSection } from "./bank/bank.js";
import type { Question } from "./bank/schema.js";
import type { DojoContext } from "./context.js";

export const roundSchema = z.object({
	messageId: z.string(),
	channelId: z.string(),
	guildId: z.string(),
	questionId: z.string(),
	askerId: z.string(),
	source: z.enum(["command", "daily"]),
	postedAt: z.number(),
	revealedAt: z.number().optional(),
	revealedBy: z.string().optional(),
});

/** One posted question and what has happened to it; keyed by the channel message that shows it. */
export type Round = z.infer<typeof roundSchema>;

/** Long enough for one edit to Discord; if the revealer dies mid-way, another 💡 can try again. */
const REVEAL_CLAIM_MS = 30_000;

const roundKey = (messageId: string) => `round:${messageId}`;

export async function saveRound(ctx: Pick<DojoContext, "store">, round: Round): Promise<void> {
	await ctx.store.set(roundKey(round.messageId), round);
}

export async function findRound(ctx: Pick<DojoContext, "store">, messageId: string): Promise<Round | undefined> {
	return ctx.store.get(roundKey(messageId), roundSchema);
}

export interface Revealer {
	userId: string;
	isBot: boolean;
	canManageMessages: boolean;
}

export type RevealRefusal = "not-a-round" | "already-revealed" | "not-allowed" | "question-gone" | "in-progress";

export type RevealPlan =
	| { ok: true; round: Round; question: Question; section: BankSection }
	| { ok: false; reason: RevealRefusal };

/** The asker and members who may manage messages reveal; everyone else's 💡 is only a reaction. */
export function mayReveal(round: Round, revealer: Revealer): boolean {
	return !revealer.isBot && (revealer.userId === round.askerId || revealer.canManageMessages);
}

/**
 * Decides whether this 💡 reveals the round and, if so, claims the reveal so that one edit happens even
 * when several members react at once or several processes share the store.
 */
export async function beginReveal(
	ctx: Pick<DojoContext, "store" | "bank">,
	messageId: string,
	revealer: Revealer,
): Promise<RevealPlan> {
	const round = await findRound(ctx, messageId);
	if (!round) return { ok: false, reason: "not-a-round" };
	if (round.revealedAt !== undefined) return { ok: false, reason: "already-revealed" };
	if (!mayReveal(round, revealer)) return { ok: false, reason: "not-allowed" };
	const question = ctx.bank.question(round.questionId);
	const section = question && ctx.bank.section(question.section);
	if (!question || !section) return { ok: false, reason: "question-gone" };
	if (!(await ctx.store.claim(`reveal:${messageId}`, REVEAL_CLAIM_MS))) return { ok: false, reason: "in-progress" };
	return { ok: true, round, question, section };
}

export async function completeReveal(
	ctx: Pick<DojoContext, "store" | "clock">,
	round: Round,
	revealerId: string,
): Promise<Round> {
	const revealed = { ...round, revealedAt: ctx.clock.now(), revealedBy: revealerId };
	await saveRound(ctx, revealed);
	return revealed;
}
