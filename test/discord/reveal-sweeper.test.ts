import { describe, expect, it } from "vitest";
import type { DojoContext } from "../../src/core/context.js";
import type { DojoMetrics } from "../../src/core/ports.js";
import { findRound, openRound, ROUNDS_DUE } from "../../src/core/rounds.js";
import { startRevealSweeper } from "../../src/discord/reveal-sweeper.js";
import type { RoundMessages } from "../../src/discord/round-messages.js";
import { createMemoryStore } from "../../src/store/memory-store.js";
import { wrapStore } from "../../src/store/wrap-store.js";
import { recordingLogger, sampleRound, smallLibrary } from "../core/fixtures.js";

const NO_METRICS: DojoMetrics = {
	commandHandled: () => {},
	pickLocked: () => {},
	roundRevealed: () => {},
	dailyAttempted: () => {},
};

describe("deadline reveals with shards on several hosts", () => {
	it("GIVEN more of a stopped shard's overdue rounds than one read holds, ahead of this shard's THEN this shard's are revealed, the others wait, and are not read again", async () => {
		const now = 10_000_000;
		const clock = { now: () => now };
		const reads: string[] = [];
		const store = wrapStore(createMemoryStore(clock), async (operation, call) => {
			if (operation === "get") reads.push(operation);
			return call();
		});
		const banks = smallLibrary(store, clock);
		const ctx: DojoContext = {
			store,
			bank: banks.builtIn,
			banks,
			clock,
			logger: recordingLogger(),
			random: Math.random,
			metrics: NO_METRICS,
		};
		const theirs = Array.from({ length: 250 }, (_, index) => `theirs-${String(index).padStart(3, "0")}`);
		for (const [index, messageId] of theirs.entries()) {
			await openRound(ctx, sampleRound(0, { messageId, guildId: "guild-theirs", revealDueAt: 1_000 + index }));
		}
		const mine = ["mine-1", "mine-2"];
		for (const messageId of mine) {
			await openRound(ctx, sampleRound(0, { messageId, guildId: "guild-mine", revealDueAt: 9_000_000 }));
		}
		const shown: string[] = [];
		const messages: RoundMessages = {
			refreshFooter: () => {},
			showReveal: async (settled) => {
				shown.push(settled.round.messageId);
			},
			close: () => {},
		};
		const sweeper = startRevealSweeper(ctx, messages, {
			intervalMs: 3_600_000,
			ownsGuild: (guildId) => guildId === "guild-mine",
		});
		try {
			expect(await sweeper.sweep()).toBe(2);
			expect(shown).toEqual(mine);
			for (const messageId of mine) expect((await findRound(ctx, messageId))?.revealReason).toBe("deadline");
			const stillDue = await store.rankingUpTo(ROUNDS_DUE, now, 1_000);
			expect(stillDue.map((entry) => entry.member)).toEqual(theirs);
			for (const messageId of theirs.slice(0, 3)) expect((await findRound(ctx, messageId))?.revealedAt).toBeUndefined();

			reads.length = 0;
			expect(await sweeper.sweep()).toBe(0);
			expect(reads).toEqual([]);
		} finally {
			await sweeper.stop();
		}
	});
});
