import type { DojoContext } from "../core/context.js";
import { StoreUnavailableError } from "../core/ports.js";
import { claimReveal, type RevealRefusal } from "../core/reveal.js";
import { findRound, overdueRounds, unscheduleRound } from "../core/rounds.js";
import { type RepeatingSweep, startRepeatingSweep } from "../lib/repeating-sweep.js";
import { finishReveal } from "./finish-reveal.js";
import type { RoundMessages } from "./round-messages.js";

/** Overdue rounds read per sweep; other shards' rounds among them are skipped, not revealed. */
const BATCH = 100;

const FINAL_REFUSALS: ReadonlySet<RevealRefusal> = new Set(["not-a-round", "already-revealed", "question-gone"]);

/**
 * Reveals rounds whose deadline has passed: once at start-up (the bot may have been down when they
 * fell due) and then on an interval. The schedule lives in the store, so nothing is lost on restart.
 */
export function startRevealSweeper(
	ctx: DojoContext,
	messages: RoundMessages,
	options: { intervalMs?: number; ownsGuild?: ((guildId: string) => boolean) | undefined } = {},
): RepeatingSweep {
	const revealOne = async (messageId: string): Promise<boolean> => {
		if (options.ownsGuild) {
			const round = await findRound(ctx, messageId);
			if (round && !options.ownsGuild(round.guildId)) return false;
		}
		const plan = await claimReveal(ctx, messageId, { kind: "deadline" });
		if (!plan.ok) {
			// These can never be revealed by a later sweep; anything else (a reveal in progress elsewhere)
			// stays on the schedule and is tried again.
			if (FINAL_REFUSALS.has(plan.reason)) await unscheduleRound(ctx, messageId);
			if (plan.reason === "question-gone") ctx.logger.warn({ messageId }, "overdue round's question left the bank");
			return false;
		}
		await finishReveal(ctx, messages, plan);
		return true;
	};

	const sweepOnce = async (): Promise<number> => {
		let revealed = 0;
		for (const messageId of await overdueRounds(ctx, BATCH)) {
			try {
				if (await revealOne(messageId)) revealed++;
			} catch (error) {
				ctx.logger.error({ err: error, messageId }, "deadline reveal failed");
			}
		}
		return revealed;
	};

	return startRepeatingSweep(sweepOnce, {
		intervalMs: options.intervalMs ?? 5_000,
		onError: (error) => {
			// The Redis client already reports an outage; one more line every 5 s would bury it.
			if (error instanceof StoreUnavailableError) ctx.logger.debug({ err: error }, "reveal sweep skipped");
			else ctx.logger.error({ err: error }, "could not read the reveal schedule");
		},
	});
}
