import { createEmptyCard, fsrs, type Grade, Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { recordGrade } from "../../src/core/grades.js";
import { lockPick } from "../../src/core/picks.js";
import { readCards, reviewCard, type StoredCard } from "../../src/core/practice/cards.js";
import { claimReveal, settleReveal } from "../../src/core/reveal.js";
import { openRound, openRoundQuestions } from "../../src/core/rounds.js";
import { coreContext, sampleRound } from "./fixtures.js";

const POSTED = Date.UTC(2026, 10, 25, 9);
const DAY = 86_400_000;

/** ts-fsrs's own schedule, built here from the documented options rather than taken from the code under test. */
const reference = fsrs({ enable_short_term: false, enable_fuzz: false, request_retention: 0.9 });

/** Where ts-fsrs puts a card after these grades at these times, starting from a new card at the first. */
function referenceCard(reviews: Array<[at: number, grade: Grade]>) {
	const first = reviews[0];
	if (!first) throw new Error("no reviews");
	let card = createEmptyCard(new Date(first[0]));
	for (const [at, grade] of reviews) card = reference.next(card, new Date(at), grade).card;
	return card;
}

function expectSameSchedule(stored: StoredCard | undefined, reviews: Array<[number, Grade]>) {
	const expected = referenceCard(reviews);
	expect(stored).toMatchObject({
		due: expected.due.getTime(),
		stability: expected.stability,
		difficulty: expected.difficulty,
		reps: expected.reps,
		lapses: expected.lapses,
		state: expected.state,
		scheduled_days: expected.scheduled_days,
		last_review: expected.last_review?.getTime(),
	});
}

async function cardOf(ctx: ReturnType<typeof coreContext>["ctx"], memberId: string, questionId: string) {
	return (await readCards(ctx, "g1", memberId)).find((entry) => entry.question.id === questionId)?.card;
}

async function revealWithPicks(context: ReturnType<typeof coreContext>, picks: Array<[string, number]>) {
	const { ctx } = context;
	await openRound(ctx, sampleRound(POSTED, { revealDueAt: POSTED + 600_000 }));
	for (const [memberId, choice] of picks) await lockPick(ctx, "m1", memberId, choice);
	context.advance(600_000);
	const plan = await claimReveal(ctx, "m1", { kind: "deadline" });
	if (!plan.ok) throw new Error(plan.reason);
	return plan;
}

describe("practice cards from rounds", () => {
	it("GIVEN a wrong and a right pick THEN at the reveal the cards follow ts-fsrs: again tomorrow, good in 3 days", async () => {
		const context = coreContext(POSTED);
		const plan = await revealWithPicks(context, [
			["alice", 0],
			["bob", 1],
		]);
		await settleReveal(context.ctx, plan);
		const revealedAt = POSTED + 600_000;
		const alice = await cardOf(context.ctx, "alice", "demo-one");
		const bob = await cardOf(context.ctx, "bob", "demo-one");
		expectSameSchedule(alice, [[revealedAt, Rating.Again]]);
		expectSameSchedule(bob, [[revealedAt, Rating.Good]]);
		expect(alice?.due).toBe(revealedAt + DAY);
		expect(bob?.due).toBe(revealedAt + 3 * DAY);
		expect([alice?.last, bob?.last]).toEqual(["again", "good"]);
	});

	it("GIVEN a reveal settled twice (a retry after a crash) THEN each card is reviewed once", async () => {
		const context = coreContext(POSTED);
		const plan = await revealWithPicks(context, [["alice", 0]]);
		await settleReveal(context.ctx, plan);
		await settleReveal(context.ctx, plan);
		expect((await cardOf(context.ctx, "alice", "demo-one"))?.reps).toBe(1);
	});

	it("GIVEN self-grades ✅ 🟨 ❌ on an open question THEN they are good, hard and again, once per member", async () => {
		const { ctx } = coreContext(POSTED);
		await openRound(ctx, sampleRound(POSTED, { questionId: "demo-four", revealedAt: POSTED }));
		await recordGrade(ctx, "m1", "alice", "got-it");
		await recordGrade(ctx, "m1", "bob", "partly");
		await recordGrade(ctx, "m1", "carol", "missed");
		await recordGrade(ctx, "m1", "carol", "got-it");
		expectSameSchedule(await cardOf(ctx, "alice", "demo-four"), [[POSTED, Rating.Good]]);
		expectSameSchedule(await cardOf(ctx, "bob", "demo-four"), [[POSTED, Rating.Hard]]);
		expectSameSchedule(await cardOf(ctx, "carol", "demo-four"), [[POSTED, Rating.Again]]);
	});

	it("GIVEN a miss, then a right answer when it is due, then a partly THEN the card matches ts-fsrs's chain", async () => {
		const { ctx } = coreContext(POSTED);
		const answer = (recall: "again" | "hard" | "good", at: number) =>
			reviewCard(ctx, { guildId: "g1", memberId: "alice", questionId: "demo-two", recall, at });
		const missed = await answer("again", POSTED);
		const right = await answer("good", missed.due);
		const partly = await answer("hard", right.due + DAY);
		expectSameSchedule(partly, [
			[POSTED, Rating.Again],
			[missed.due, Rating.Good],
			[right.due + DAY, Rating.Hard],
		]);
		expect(right.due - missed.due).toBeGreaterThanOrEqual(2 * DAY);
	});

	it("GIVEN a stored card that does not parse THEN it is reported and left out, and the next answer starts it again", async () => {
		const { ctx, logged } = coreContext(POSTED);
		await ctx.store.hashSet("cards:g1:alice", "demo-one", '{"due":"soon"}');
		expect(await readCards(ctx, "g1", "alice")).toEqual([]);
		expect(logged).toContain("stored practice card is not valid; left out");
		await reviewCard(ctx, { guildId: "g1", memberId: "alice", questionId: "demo-one", recall: "good", at: POSTED });
		expectSameSchedule(await cardOf(ctx, "alice", "demo-one"), [[POSTED, Rating.Good]]);
	});

	it("GIVEN an open round THEN its question counts as open in its guild until the reveal", async () => {
		const context = coreContext(POSTED);
		const plan = await revealWithPicks(context, []);
		expect(await openRoundQuestions(context.ctx, "g1")).toEqual(new Set(["demo-one"]));
		expect(await openRoundQuestions(context.ctx, "g2")).toEqual(new Set());
		await settleReveal(context.ctx, plan);
		expect(await openRoundQuestions(context.ctx, "g1")).toEqual(new Set());
	});
});
