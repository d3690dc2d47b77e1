import { describe, expect, it } from "vitest";
import { beginReveal, completeReveal, findRound, type Round, saveRound } from "../../src/core/rounds.js";
import { createMemoryStore } from "../../src/store/memory-store.js";
import { smallBank } from "./fixtures.js";

const round: Round = {
	messageId: "m1",
	channelId: "c1",
	guildId: "g1",
	questionId: "demo-one",
	askerId: "asker",
	source: "command",
	postedAt: 1_000,
};
const member = { userId: "someone", isBot: false, canManageMessages: false };

async function setup() {
	let now = 5_000;
	const ctx = { store: createMemoryStore({ now: () => now }), bank: smallBank(), clock: { now: () => now } };
	await saveRound(ctx, round);
	return { ctx, advance: (ms: number) => (now += ms) };
}

describe("reveal rules", () => {
	it("GIVEN a plain member's 💡 THEN nothing is revealed", async () => {
		const { ctx } = await setup();
		expect(await beginReveal(ctx, "m1", member)).toEqual({ ok: false, reason: "not-allowed" });
	});

	it("GIVEN the asker's 💡 THEN the reveal is planned with the question and its section", async () => {
		const { ctx } = await setup();
		const plan = await beginReveal(ctx, "m1", { ...member, userId: "asker" });
		expect(plan).toMatchObject({ ok: true, question: { id: "demo-one" }, section: { id: "demo-basics" } });
	});

	it("GIVEN a moderator's 💡 THEN it reveals; a bot's never does, even the asker's id", async () => {
		const { ctx } = await setup();
		expect((await beginReveal(ctx, "m1", { ...member, userId: "asker", isBot: true })).ok).toBe(false);
		expect((await beginReveal(ctx, "m1", { ...member, canManageMessages: true })).ok).toBe(true);
	});

	it("GIVEN many 💡 at once THEN exactly one reveal is claimed", async () => {
		const { ctx } = await setup();
		const plans = await Promise.all(
			Array.from({ length: 20 }, () => beginReveal(ctx, "m1", { ...member, canManageMessages: true })),
		);
		expect(plans.filter((plan) => plan.ok)).toHaveLength(1);
		expect(plans.filter((plan) => !plan.ok && plan.reason === "in-progress")).toHaveLength(19);
	});

	it("GIVEN a completed reveal THEN later 💡 are ignored and the round records who and when", async () => {
		const { ctx, advance } = await setup();
		advance(60_000);
		await completeReveal(ctx, round, "asker");
		expect(await findRound(ctx, "m1")).toMatchObject({ revealedAt: 65_000, revealedBy: "asker" });
		expect(await beginReveal(ctx, "m1", { ...member, userId: "asker" })).toEqual({
			ok: false,
			reason: "already-revealed",
		});
	});

	it("GIVEN a reveal whose edit never completed THEN another 💡 may retry once the claim lapses", async () => {
		const { ctx, advance } = await setup();
		expect((await beginReveal(ctx, "m1", { ...member, userId: "asker" })).ok).toBe(true);
		expect((await beginReveal(ctx, "m1", { ...member, userId: "asker" })).ok).toBe(false);
		advance(31_000);
		expect((await beginReveal(ctx, "m1", { ...member, userId: "asker" })).ok).toBe(true);
	});

	it("GIVEN a message that is not a round, or a question removed from the bank THEN nothing happens", async () => {
		const { ctx } = await setup();
		expect(await beginReveal(ctx, "other", { ...member, userId: "asker" })).toEqual({
			ok: false,
			reason: "not-a-round",
		});
		await saveRound(ctx, { ...round, messageId: "m2", questionId: "deleted-question" });
		expect(await beginReveal(ctx, "m2", { ...member, userId: "asker" })).toEqual({
			ok: false,
			reason: "question-gone",
		});
	});
});
