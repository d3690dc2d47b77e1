import { describe, expect, it } from "vitest";
import { lockPick } from "../../src/core/picks.js";
import { claimReveal, type Revealer, settleReveal } from "../../src/core/reveal.js";
import { findRound, openRound, overdueRounds } from "../../src/core/rounds.js";
import { DEFAULT_SETTINGS, saveSettings } from "../../src/core/settings.js";
import { readBoardPage } from "../../src/core/standings.js";
import { coreContext, sampleRound } from "./fixtures.js";

const POSTED = Date.UTC(2026, 10, 25, 9);
const round = sampleRound(POSTED, { revealDueAt: POSTED + 10 * 60_000 });

const member = (userId: string, canManageMessages = false): Revealer => ({ userId, isBot: false, canManageMessages });
const bulb = (revealer: Revealer) => ({ kind: "lightbulb" as const, revealer });

async function setup() {
	const context = coreContext(POSTED);
	await openRound(context.ctx, round);
	return context;
}

describe("who and what reveals a round", () => {
	it("GIVEN a plain member's 💡 THEN it is a vote, not a reveal", async () => {
		const { ctx } = await setup();
		expect(await claimReveal(ctx, "m1", bulb(member("bob")))).toEqual({
			ok: false,
			reason: "not-allowed",
			votes: { cast: 1, needed: 3 },
		});
	});

	it("GIVEN the asker's or a moderator's 💡 THEN it reveals; a bot's never does, even with the asker's id", async () => {
		const { ctx } = await setup();
		expect(await claimReveal(ctx, "m1", bulb({ ...member("asker"), isBot: true }))).toMatchObject({ ok: false });
		expect(await claimReveal(ctx, "m1", bulb(member("asker")))).toMatchObject({
			ok: true,
			reason: "asker",
			question: { id: "demo-one" },
			section: { id: "demo-basics" },
		});
		const other = await setup();
		expect(await claimReveal(other.ctx, "m1", bulb(member("mod", true)))).toMatchObject({ reason: "moderator" });
	});

	it("GIVEN 💡 from three distinct members THEN the third reveals; the same member twice counts once", async () => {
		const { ctx } = await setup();
		for (const id of ["bob", "bob", "carol"]) expect((await claimReveal(ctx, "m1", bulb(member(id)))).ok).toBe(false);
		expect(await claimReveal(ctx, "m1", bulb(member("dave")))).toMatchObject({ ok: true, reason: "votes", by: "dave" });
	});

	it("GIVEN a server that set one vote THEN the first member's 💡 reveals", async () => {
		const { ctx } = await setup();
		await saveSettings(ctx, "g1", { ...DEFAULT_SETTINGS, revealVotes: 1 });
		expect(await claimReveal(ctx, "m1", bulb(member("bob")))).toMatchObject({ ok: true, reason: "votes" });
	});

	it("GIVEN the deadline THEN it reveals only once it has passed, and the round is then off the schedule", async () => {
		const { ctx, advance } = await setup();
		expect(await claimReveal(ctx, "m1", { kind: "deadline" })).toEqual({ ok: false, reason: "not-due" });
		expect(await overdueRounds(ctx, 10)).toEqual([]);
		advance(10 * 60_000);
		expect(await overdueRounds(ctx, 10)).toEqual(["m1"]);
		const plan = await claimReveal(ctx, "m1", { kind: "deadline" });
		if (!plan.ok) throw new Error(plan.reason);
		await settleReveal(ctx, plan);
		expect(await overdueRounds(ctx, 10)).toEqual([]);
		expect(await findRound(ctx, "m1")).toMatchObject({ revealedAt: POSTED + 600_000, revealReason: "deadline" });
	});

	it("GIVEN many 💡 at once THEN exactly one reveal is claimed, and another may retry once the claim lapses", async () => {
		const { ctx, advance } = await setup();
		const plans = await Promise.all(
			Array.from({ length: 20 }, () => claimReveal(ctx, "m1", bulb(member("mod", true)))),
		);
		expect(plans.filter((plan) => plan.ok)).toHaveLength(1);
		expect(plans.filter((plan) => !plan.ok && plan.reason === "in-progress")).toHaveLength(19);
		advance(31_000);
		expect((await claimReveal(ctx, "m1", bulb(member("asker")))).ok).toBe(true);
	});

	it("GIVEN a message that is not a round, or a question removed from the bank THEN nothing happens", async () => {
		const { ctx } = await setup();
		expect(await claimReveal(ctx, "other", bulb(member("asker")))).toEqual({ ok: false, reason: "not-a-round" });
		await openRound(ctx, { ...round, messageId: "m2", questionId: "deleted-question" });
		expect(await claimReveal(ctx, "m2", bulb(member("asker")))).toEqual({ ok: false, reason: "question-gone" });
	});
});

describe("settling a reveal", () => {
	it("GIVEN locked picks THEN the reveal scores them once, closes picks and later 💡 are ignored", async () => {
		const { ctx, advance } = await setup();
		await lockPick(ctx, "m1", "alice", 0);
		advance(1_000);
		await lockPick(ctx, "m1", "bob", 1);
		advance(1_000);
		await lockPick(ctx, "m1", "carol", 1);
		const plan = await claimReveal(ctx, "m1", bulb(member("asker")));
		if (!plan.ok) throw new Error(plan.reason);
		const settled = await settleReveal(ctx, plan);

		expect(settled.results?.counts).toEqual([1, 2, 0]);
		expect(settled.results?.correct.map((award) => [award.memberId, award.points, award.first])).toEqual([
			["bob", 2, true],
			["carol", 1, false],
		]);
		expect(await lockPick(ctx, "m1", "dave", 1)).toEqual({ stored: false, reason: "revealed" });
		expect(await claimReveal(ctx, "m1", bulb(member("asker")))).toEqual({ ok: false, reason: "already-revealed" });

		const board = await readBoardPage(ctx, {
			guildId: "g1",
			period: "all",
			page: 1,
			callerId: "alice",
			now: ctx.clock.now(),
			timeZone: "UTC",
		});
		expect(board.rows.map((row) => [row.memberId, row.points])).toEqual([
			["bob", 2],
			["carol", 1],
			["alice", 0],
		]);
	});
});
