import type { DojoContext } from "../core/context.js";
import { StoreUnavailableError } from "../core/ports.js";
import { claimReveal, type RevealRefusal } from "../core/reveal.js";
import { findRound, overdueRounds, unscheduleRound } from "../core/rounds.js";
import { finishReveal } from "./finish-reveal.js";
import type { RoundMessages } from "./round-messages.js";

/** Overdue rounds read at a time, and the most this process tries to reveal in one sweep. */
const BATCH = 100;

const FINAL_REFUSALS: ReadonlySet<RevealRefusal> = new Set(["not-a-round", "already-revealed", "question-gone"]);

/** What a sweep did with one overdue round: revealed it, took it off the schedule, or left it there. */
type Outcome = "revealed" | "dropped" | "kept";

/**
 * Reveals rounds whose deadline has passed: once at start-up (the bot may have been down when they
 * fell due) and then on an interval. The schedule lives in the store, so nothing is lost on restart.
 *
 * With shards, each reveals only its own guilds' rounds. Another shard's stay overdue until it reveals
 * them, for as long as it is down, so a sweep pages past them (remembering which they are, so they are
 * not read again every 5 s) instead of letting them crowd this shard's rounds out.
 */
export function startRevealSweeper(
	ctx: DojoContext,
	messages: RoundMessages,
	options: { intervalMs?: number; ownsGuild?: ((guildId: string) => boolean) | undefined } = {},
): { stop(): Promise<void>; sweep(): Promise<number> } {
	let running: Promise<number> | undefined;
	let stopped = false;
	/** Other shards' overdue rounds, as the last sweep found them. */
	let othersRounds = new Set<string>();

	const ownedByAnotherShard = async (messageId: string): Promise<boolean> => {
		if (!options.ownsGuild) return false;
		if (othersRounds.has(messageId)) return true;
		const round = await findRound(ctx, messageId);
		return round !== undefined && !options.ownsGuild(round.guildId);
	};

	const revealOne = async (messageId: string, others: Set<string>): Promise<Outcome> => {
		if (await ownedByAnotherShard(messageId)) {
			others.add(messageId);
			return "kept";
		}
		const plan = await claimReveal(ctx, messageId, { kind: "deadline" });
		if (!plan.ok) {
			if (plan.reason === "question-gone") ctx.logger.warn({ messageId }, "overdue round's question left the bank");
			// These can never be revealed by a later sweep; anything else (a reveal in progress elsewhere)
			// stays on the schedule and is tried again.
			if (!FINAL_REFUSALS.has(plan.reason)) return "kept";
			await unscheduleRound(ctx, messageId);
			return "dropped";
		}
		await finishReveal(ctx, messages, plan);
		return "revealed";
	};

	const sweepOnce = async (): Promise<number> => {
		let revealed = 0;
		let tried = 0;
		const others = new Set<string>();
		// Rounds this sweep leaves on the schedule are paged past; revealed and dropped ones leave it.
		let offset = 0;
		while (!stopped && tried < BATCH) {
			const page = await overdueRounds(ctx, BATCH, offset);
			for (const messageId of page) {
				if (stopped) break;
				let outcome: Outcome = "kept";
				try {
					outcome = await revealOne(messageId, others);
				} catch (error) {
					ctx.logger.error({ err: error, messageId }, "deadline reveal failed");
				}
				if (outcome === "kept") offset++;
				if (outcome === "revealed") revealed++;
				if (!others.has(messageId)) tried++;
			}
			if (page.length < BATCH) break;
		}
		othersRounds = others;
		return revealed;
	};

	const sweep = () => {
		running ??= sweepOnce()
			.catch((error: unknown) => {
				// The Redis client already reports an outage; one more line every 5 s would bury it.
				if (error instanceof StoreUnavailableError) ctx.logger.debug({ err: error }, "reveal sweep skipped");
				else ctx.logger.error({ err: error }, "could not read the reveal schedule");
				return 0;
			})
			.finally(() => {
				running = undefined;
			});
		return running;
	};

	const timer = setInterval(() => void sweep(), options.intervalMs ?? 5_000);
	timer.unref();
	return {
		sweep,
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
		},
	};
}
