import { describe, expect, it } from "vitest";
import { recordGrade } from "../../src/core/grades.js";
import { openRound, type RoundRecord } from "../../src/core/rounds.js";
import { DEFAULT_SETTINGS, saveSettings } from "../../src/core/settings.js";
import { readMemberStats } from "../../src/core/standings.js";
import { coreContext } from "./fixtures.js";

const NOW = Date.UTC(2026, 10, 25, 9);
const openRoundRecord: RoundRecord = {
	messageId: "m1",
	channelId: "c1",
	guildId: "g1",
	questionId: "demo-four",
	askerId: "asker",
	source: "command",
	postedAt: NOW,
	revealedAt: NOW,
};

async function setup() {
	const { ctx } = coreContext(NOW);
	await openRound(ctx, openRoundRecord);
	const stats = (memberId: string) => readMemberStats(ctx, { guildId: "g1", memberId, now: NOW, timeZone: "UTC" });
	return { ctx, stats };
}

describe("self-grades on open questions", () => {
	it("GIVEN ✅ then ❌ from one member on an advanced question THEN only the first counts: 3 points", async () => {
		const { ctx, stats } = await setup();
		expect(await recordGrade(ctx, "m1", "alice", "got-it")).toEqual({ stored: true, points: 3 });
		expect(await recordGrade(ctx, "m1", "alice", "missed")).toEqual({ stored: false, reason: "already-graded" });
		expect((await stats("alice")).periods.all).toEqual({ points: 3, rank: 1, of: 1 });
		expect((await stats("alice")).overall).toEqual({ answered: 1, correct: 1 });
	});

	it("GIVEN 🟨 THEN half the points, at least one; GIVEN self-graded points off THEN it counts as answered for 0", async () => {
		const { ctx, stats } = await setup();
		expect(await recordGrade(ctx, "m1", "bob", "partly")).toEqual({ stored: true, points: 1 });
		await saveSettings(ctx, "g1", { ...DEFAULT_SETTINGS, selfGradedPoints: false });
		expect(await recordGrade(ctx, "m1", "carol", "got-it")).toEqual({ stored: true, points: 0 });
		expect((await stats("carol")).overall).toEqual({ answered: 1, correct: 1 });
	});

	it("GIVEN a grade before the reveal or on a choice question THEN it is ignored", async () => {
		const { ctx } = await setup();
		await openRound(ctx, { ...openRoundRecord, messageId: "early", revealedAt: undefined });
		expect(await recordGrade(ctx, "early", "bob", "got-it")).toEqual({ stored: false, reason: "not-revealed" });
		await openRound(ctx, { ...openRoundRecord, messageId: "choice", questionId: "demo-one" });
		expect(await recordGrade(ctx, "choice", "bob", "got-it")).toEqual({ stored: false, reason: "not-open" });
	});
});
