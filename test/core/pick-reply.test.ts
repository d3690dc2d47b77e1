import { describe, expect, it } from "vitest";
import { lockPick } from "../../src/core/picks.js";
import { pickReply } from "../../src/core/render/pick-reply.js";
import { openRound } from "../../src/core/rounds.js";
import { coreContext, sampleRound } from "./fixtures.js";

const NOW = Date.UTC(2026, 11, 1, 9);

describe("picks by button", () => {
	it("GIVEN a buttons round THEN a click locks the first pick, a second click is told it is locked, letters do not count", async () => {
		const { ctx } = coreContext(NOW);
		await openRound(ctx, sampleRound(NOW, { picksVia: "buttons" }));

		const first = await lockPick(ctx, "m1", "ada", 1, "buttons");
		expect(pickReply(first, 1)).toBe("You picked 🇧. Locked in; the answer comes at the reveal.");
		const again = await lockPick(ctx, "m1", "ada", 2, "buttons");
		expect(again).toEqual({ stored: false, reason: "already-picked" });
		expect(pickReply(again, 2)).toBe("Your first pick is already locked in and stays until the reveal.");
		expect(await lockPick(ctx, "m1", "bob", 0, "reactions")).toEqual({ stored: false, reason: "other-pick-mode" });
		expect(await ctx.store.hashGetAll("picks:m1")).toEqual({ ada: JSON.stringify({ choice: 1, at: NOW }) });
	});

	it("GIVEN a reactions round THEN a button cannot pick on it", async () => {
		const { ctx } = coreContext(NOW);
		await openRound(ctx, sampleRound(NOW));
		expect(await lockPick(ctx, "m1", "ada", 0, "buttons")).toEqual({ stored: false, reason: "other-pick-mode" });
		expect(await lockPick(ctx, "m1", "ada", 0, "reactions")).toMatchObject({ stored: true });
	});

	it("GIVEN a revealed round or an unknown message THEN the click is told why nothing was stored", async () => {
		const { ctx } = coreContext(NOW);
		await openRound(ctx, sampleRound(NOW, { picksVia: "buttons", revealedAt: NOW }));
		expect(pickReply(await lockPick(ctx, "m1", "ada", 0, "buttons"), 0)).toBe(
			"This round has been revealed; picks are closed.",
		);
		expect(pickReply(await lockPick(ctx, "gone", "ada", 0, "buttons"), 0)).toBe(
			"This question is not running any more.",
		);
	});
});
