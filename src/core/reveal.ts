import type { BankSection } from "./bank/bank.js";
import type { Question } from "./bank/schema.js";
import type { DojoContext } from "./context.js";
import { readPicks } from "./picks.js";
import { recallOfPick, reviewRoundAnswer } from "./practice/cards.js";
import { closeRound, findRound, type RevealReason, type Round, saveRound } from "./rounds.js";
import { type Award, scorePicks } from "./scoring/points.js";
import { loadSettings } from "./settings.js";
import { recordAward } from "./standings.js";

export interface Revealer {
	userId: string;
	isBot: boolean;
	canManageMessages: boolean;
}

export type RevealTrigger = { kind: "lightbulb"; revealer: Revealer } | { kind: "deadline" };

export type RevealRefusal =
	| "not-a-round"
	| "already-revealed"
	| "not-allowed"
	| "not-due"
	| "question-gone"
	| "in-progress";

export type RevealPlan =
	| { ok: true; round: Round; question: Question; section: BankSection; reason: RevealReason; by?: string }
	| { ok: false; reason: RevealRefusal; votes?: { cast: number; needed: number } };

/** Long enough for one edit to Discord; if the revealer dies mid-way, another trigger can try again. */
const REVEAL_CLAIM_MS = 30_000;

const votesKey = (messageId: string) => `reveal-votes:${messageId}`;

/**
 * Decides whether this trigger reveals the round: the asker's or a moderator's 💡 at once, other
 * members' 💡 once enough distinct members voted, the deadline once it has passed. A yes is claimed so
 * that exactly one reveal happens even when triggers race across processes.
 */
export async function claimReveal(
	ctx: Pick<DojoContext, "store" | "banks" | "clock">,
	messageId: string,
	trigger: RevealTrigger,
): Promise<RevealPlan> {
	const round = await findRound(ctx, messageId);
	if (!round) return { ok: false, reason: "not-a-round" };
	if (round.revealedAt !== undefined) return { ok: false, reason: "already-revealed" };
	const decision = await decide(ctx, round, trigger);
	if (!decision.ok) return decision;
	// Rounds are found by message alone (a deadline sweep, a reaction); their server's banks only now.
	const bank = await ctx.banks.forGuild(round.guildId);
	const question = bank.question(round.questionId);
	const section = question && bank.section(question.section);
	if (!question || !section) return { ok: false, reason: "question-gone" };
	if (!(await ctx.store.claim(`reveal:${messageId}`, REVEAL_CLAIM_MS))) return { ok: false, reason: "in-progress" };
	return { ok: true, round, question, section, reason: decision.reason, ...(decision.by ? { by: decision.by } : {}) };
}

type Decision =
	| { ok: true; reason: RevealReason; by?: string }
	| { ok: false; reason: RevealRefusal; votes?: { cast: number; needed: number } };

async function decide(
	ctx: Pick<DojoContext, "store" | "clock">,
	round: Round,
	trigger: RevealTrigger,
): Promise<Decision> {
	if (trigger.kind === "deadline") {
		const due = round.revealDueAt !== undefined && round.revealDueAt <= ctx.clock.now();
		return due ? { ok: true, reason: "deadline" } : { ok: false, reason: "not-due" };
	}
	const { revealer } = trigger;
	if (revealer.isBot) return { ok: false, reason: "not-allowed" };
	if (revealer.userId === round.askerId) return { ok: true, reason: "asker", by: revealer.userId };
	if (revealer.canManageMessages) return { ok: true, reason: "moderator", by: revealer.userId };
	await ctx.store.hashSetIfAbsent(votesKey(round.messageId), revealer.userId, String(ctx.clock.now()));
	const cast = Object.keys(await ctx.store.hashGetAll(votesKey(round.messageId))).length;
	const { revealVotes: needed } = await loadSettings(ctx, round.guildId);
	return cast >= needed
		? { ok: true, reason: "votes", by: revealer.userId }
		: { ok: false, reason: "not-allowed", votes: { cast, needed } };
}

export interface ChoiceResults {
	/** How many members picked each letter. */
	counts: number[];
	/** Members who picked right, the first of them first. */
	correct: Award[];
}

export interface SettledReveal {
	round: Round;
	question: Question;
	section: BankSection;
	results?: ChoiceResults;
}

/**
 * Closes the round to picks, scores every locked pick and records the awards, and reviews each picker's
 * practice card. Points are stored before the message is edited, so a failed edit never costs anyone
 * their score.
 */
export async function settleReveal(
	ctx: Pick<DojoContext, "store" | "clock" | "logger">,
	plan: Extract<RevealPlan, { ok: true }>,
): Promise<SettledReveal> {
	const { question, section } = plan;
	const round: Round = {
		...plan.round,
		revealedAt: ctx.clock.now(),
		revealReason: plan.reason,
		...(plan.by ? { revealedBy: plan.by } : {}),
	};
	await saveRound(ctx, round);
	await closeRound(ctx, round);
	if (question.kind !== "choice") return { round, question, section };

	const picks = await readPicks(ctx, round.messageId);
	const awards = scorePicks(question.difficulty, question.correct, picks);
	const { timeZone } = await loadSettings(ctx, round.guildId);
	const scope = {
		guildId: round.guildId,
		roundId: round.messageId,
		questionId: question.id,
		sectionId: section.id,
		timeZone,
	};
	const at = round.revealedAt ?? ctx.clock.now();
	for (const award of awards) {
		await recordAward(ctx, award, { ...scope, at });
		// The answer is known right or wrong only now, and now is when the member sees why.
		await reviewRoundAnswer(ctx, round.messageId, {
			guildId: round.guildId,
			memberId: award.memberId,
			questionId: question.id,
			recall: recallOfPick(award.correct),
			at,
		});
	}

	const counts = question.choices.map((_, index) => picks.filter((pick) => pick.choice === index).length);
	return { round, question, section, results: { counts, correct: awards.filter((award) => award.correct) } };
}
