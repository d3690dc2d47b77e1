import { z } from "zod";
import type { DojoContext } from "./context.js";
import { recordDailyAnswer } from "./daily/streaks.js";
import { findRound, type Round } from "./rounds.js";
import type { LockedPick } from "./scoring/points.js";
import type { PickMode } from "./settings.js";
import { parseStoredJson } from "./stored-json.js";

const storedPickSchema = z.object({ choice: z.number().int().min(0), at: z.number() });

const picksKey = (messageId: string) => `picks:${messageId}`;

export type PickOutcome =
	| { stored: true; round: Round }
	| {
			stored: false;
			reason: "not-a-round" | "revealed" | "not-a-choice" | "no-such-choice" | "already-picked" | "other-pick-mode";
	  };

/**
 * Locks a member's first pick on a round. The pick is written before anything else happens (hiding the
 * reaction, updating the count), and the backend's set-if-absent makes "first one wins" hold across
 * processes.
 */
export async function lockPick(
	ctx: Pick<DojoContext, "store" | "banks" | "clock">,
	messageId: string,
	memberId: string,
	choice: number,
	via: PickMode = "reactions",
): Promise<PickOutcome> {
	const round = await findRound(ctx, messageId);
	if (!round) return { stored: false, reason: "not-a-round" };
	// A letter added by hand to a buttons round would be a second, visible way to pick.
	if (round.picksVia !== via) return { stored: false, reason: "other-pick-mode" };
	if (round.revealedAt !== undefined) return { stored: false, reason: "revealed" };
	const question = (await ctx.banks.forGuild(round.guildId)).question(round.questionId);
	if (question?.kind !== "choice") return { stored: false, reason: "not-a-choice" };
	if (choice >= question.choices.length) return { stored: false, reason: "no-such-choice" };
	const value = JSON.stringify({ choice, at: ctx.clock.now() });
	if (!(await ctx.store.hashSetIfAbsent(picksKey(messageId), memberId, value))) {
		return { stored: false, reason: "already-picked" };
	}
	if (round.dailyDate) await recordDailyAnswer(ctx, round.guildId, memberId, round.dailyDate);
	return { stored: true, round };
}

/** Every locked pick of a round; a stored value that does not parse is reported, not guessed at. */
export async function readPicks(ctx: Pick<DojoContext, "store" | "logger">, messageId: string): Promise<LockedPick[]> {
	const picks: LockedPick[] = [];
	for (const [memberId, raw] of Object.entries(await ctx.store.hashGetAll(picksKey(messageId)))) {
		const pick = parseStoredJson(raw, storedPickSchema);
		if (pick) picks.push({ memberId, ...pick });
		else ctx.logger.error({ messageId, memberId }, "stored pick is not valid; left out of scoring");
	}
	return picks;
}

export async function countPicks(ctx: Pick<DojoContext, "store">, messageId: string): Promise<number> {
	return Object.keys(await ctx.store.hashGetAll(picksKey(messageId))).length;
}
