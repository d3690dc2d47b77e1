import { describe, expect, it } from "vitest";
import { lockPick, readPicks } from "../../src/core/picks.js";
import { saveRound } from "../../src/core/rounds.js";
import { scorePicks } from "../../src/core/scoring/points.js";
import { readBoardPage, readMemberStats, readReview, recordAward } from "../../src/core/standings.js";
import { coreContext, sampleRound } from "./fixtures.js";

const WEDNESDAY = Date.UTC(2026, 10, 25, 12);
const round = sampleRound(WEDNESDAY);

const setup = () => coreContext(WEDNESDAY);

const scope = (at: number, sectionId = "demo-basics") => ({
	guildId: "g1",
	roundId: "m1",
	questionId: "demo-one",
	sectionId,
	at,
	timeZone: "UTC",
});

describe("picks", () => {
	it("GIVEN a member's second letter THEN the first pick stays locked", async () => {
		const { ctx, advance } = setup();
		await saveRound(ctx, round);
		expect(await lockPick(ctx, "m1", "alice", 2)).toMatchObject({ stored: true });
		advance(1_000);
		expect(await lockPick(ctx, "m1", "alice", 1)).toEqual({ stored: false, reason: "already-picked" });
		expect(await readPicks(ctx, "m1")).toEqual([{ memberId: "alice", choice: 2, at: WEDNESDAY }]);
	});

	it("GIVEN picks on a message that is no round, a revealed round, an open question or a missing letter THEN none is stored", async () => {
		const { ctx } = setup();
		expect(await lockPick(ctx, "elsewhere", "alice", 0)).toEqual({ stored: false, reason: "not-a-round" });
		await saveRound(ctx, { ...round, messageId: "open", questionId: "demo-three" });
		expect(await lockPick(ctx, "open", "alice", 0)).toEqual({ stored: false, reason: "not-a-choice" });
		await saveRound(ctx, round);
		expect(await lockPick(ctx, "m1", "alice", 3)).toEqual({ stored: false, reason: "no-such-choice" });
		await saveRound(ctx, { ...round, messageId: "done", revealedAt: WEDNESDAY });
		expect(await lockPick(ctx, "done", "alice", 1)).toEqual({ stored: false, reason: "revealed" });
		expect(await readPicks(ctx, "m1")).toEqual([]);
	});

	it("GIVEN a stored pick that does not parse THEN it is reported and left out", async () => {
		const { ctx, logged } = setup();
		await ctx.store.hashSetIfAbsent("picks:m1", "mallory", "{not json");
		await ctx.store.hashSetIfAbsent("picks:m1", "alice", JSON.stringify({ choice: 1, at: 5 }));
		expect(await readPicks(ctx, "m1")).toEqual([{ memberId: "alice", choice: 1, at: 5 }]);
		expect(logged).toEqual(["stored pick is not valid; left out of scoring"]);
	});
});

describe("standings", () => {
	it("GIVEN scored picks THEN boards, ranks and accuracy add up, and a repeated award is not paid twice", async () => {
		const { ctx } = setup();
		const awards = scorePicks("medium", 1, [
			{ memberId: "alice", choice: 1, at: 1 },
			{ memberId: "bob", choice: 0, at: 2 },
			{ memberId: "carol", choice: 1, at: 3 },
		]);
		for (const award of awards) expect(await recordAward(ctx, award, scope(WEDNESDAY))).toBe(true);
		for (const award of awards) expect(await recordAward(ctx, award, scope(WEDNESDAY))).toBe(false);

		const board = await readBoardPage(ctx, {
			guildId: "g1",
			period: "week",
			page: 1,
			callerId: "bob",
			now: WEDNESDAY,
			timeZone: "UTC",
		});
		expect(board.rows).toEqual([
			{ rank: 1, memberId: "alice", points: 3, answered: 1, correct: 1 },
			{ rank: 2, memberId: "carol", points: 2, answered: 1, correct: 1 },
			{ rank: 3, memberId: "bob", points: 0, answered: 1, correct: 0 },
		]);
		expect(board).toMatchObject({ bucket: "2026-W48", members: 3, page: 1, pages: 1 });
		expect(board.caller).toBeUndefined();
	});

	it("GIVEN a new week THEN the weekly board starts empty while all time keeps the points", async () => {
		const { ctx } = setup();
		await recordAward(ctx, { memberId: "alice", points: 2, correct: true, first: false }, scope(WEDNESDAY));
		const nextMonday = WEDNESDAY + 5 * 24 * 3_600_000;
		const query = { guildId: "g1", page: 1, callerId: "alice", now: nextMonday, timeZone: "UTC" };
		expect((await readBoardPage(ctx, { ...query, period: "week" })).rows).toEqual([]);
		expect((await readBoardPage(ctx, { ...query, period: "all" })).rows).toHaveLength(1);
	});

	it("GIVEN 25 members THEN page 3 holds the last five, the caller from page 1 is shown below, and too high a page means the last", async () => {
		const { ctx } = setup();
		for (let i = 0; i < 25; i++) {
			const memberId = `member-${String(i).padStart(2, "0")}`;
			await recordAward(
				ctx,
				{ memberId, points: i, correct: i > 0, first: false },
				{ ...scope(WEDNESDAY), roundId: memberId },
			);
		}
		const query = { guildId: "g1", period: "all" as const, callerId: "member-24", now: WEDNESDAY, timeZone: "UTC" };
		const last = await readBoardPage(ctx, { ...query, page: 3 });
		expect(last.rows.map((row) => row.rank)).toEqual([21, 22, 23, 24, 25]);
		expect(last.caller).toMatchObject({ rank: 1, memberId: "member-24", points: 24 });
		expect((await readBoardPage(ctx, { ...query, page: 99 })).page).toBe(3);
	});

	it("GIVEN answers in two sections THEN stats give points and rank per period and accuracy per section", async () => {
		const { ctx } = setup();
		await recordAward(ctx, { memberId: "alice", points: 2, correct: true, first: false }, scope(WEDNESDAY));
		await recordAward(
			ctx,
			{ memberId: "alice", points: 0, correct: false, first: false },
			{ ...scope(WEDNESDAY), roundId: "m2", sectionId: "demo-advanced" },
		);
		await recordAward(
			ctx,
			{ memberId: "bob", points: 5, correct: true, first: true },
			{ ...scope(WEDNESDAY), roundId: "m3" },
		);
		const stats = await readMemberStats(ctx, { guildId: "g1", memberId: "alice", now: WEDNESDAY, timeZone: "UTC" });
		expect(stats.periods.all).toEqual({ points: 2, rank: 2, of: 2 });
		expect(stats.overall).toEqual({ answered: 2, correct: 1 });
		expect(stats.sections).toEqual(
			expect.arrayContaining([
				{ sectionId: "demo-basics", answered: 1, correct: 1 },
				{ sectionId: "demo-advanced", answered: 1, correct: 0 },
			]),
		);
	});

	it("GIVEN wrong answers THEN they are listed for review newest first, and a later right answer clears one", async () => {
		const { ctx } = setup();
		const wrong = { memberId: "alice", points: 0, correct: false, first: false };
		await recordAward(ctx, wrong, { ...scope(WEDNESDAY), roundId: "r1", questionId: "demo-one" });
		await recordAward(ctx, wrong, {
			...scope(WEDNESDAY + 60_000, "demo-advanced"),
			roundId: "r2",
			questionId: "demo-four",
		});
		await recordAward(
			ctx,
			{ ...wrong, memberId: "bob" },
			{ ...scope(WEDNESDAY), roundId: "r1", questionId: "demo-two" },
		);
		expect(await readReview(ctx, "g1", "alice")).toEqual([
			{ questionId: "demo-four", sectionId: "demo-advanced", at: WEDNESDAY + 60_000 },
			{ questionId: "demo-one", sectionId: "demo-basics", at: WEDNESDAY },
		]);
		const right = { memberId: "alice", points: 1, correct: true, first: false };
		await recordAward(ctx, right, { ...scope(WEDNESDAY + 120_000), roundId: "r3", questionId: "demo-one" });
		expect((await readReview(ctx, "g1", "alice")).map((entry) => entry.questionId)).toEqual(["demo-four"]);
	});
});
