import { describe, expect, it } from "vitest";
import { readCards, reviewCard } from "../../src/core/practice/cards.js";
import { dueCutoff, nextPracticeQuestion } from "../../src/core/practice/queue.js";
import {
	answerPractice,
	continuePractice,
	showPracticeAnswer,
	startPractice,
} from "../../src/core/practice/session.js";
import { readPracticeStatus } from "../../src/core/practice/status.js";
import { openRound } from "../../src/core/rounds.js";
import { recordAward } from "../../src/core/standings.js";
import { coreContext, sampleRound } from "./fixtures.js";

const NOW = Date.UTC(2026, 10, 25, 9);
const DAY = 86_400_000;
const query = { guildId: "g1", memberId: "alice", filter: {}, now: NOW, timeZone: "UTC" };

describe("what /practice asks next", () => {
	it("GIVEN cards due today and later THEN the one due longest ago comes first; one due tonight counts as today", async () => {
		const { ctx } = coreContext(NOW);
		const answer = (questionId: string, at: number) =>
			reviewCard(ctx, { guildId: "g1", memberId: "alice", questionId, recall: "again", at });
		await answer("demo-two", NOW - 12 * 60 * 60_000); // due at 21:00 today
		await answer("demo-one", NOW - DAY); // due at 09:00 today
		expect((await nextPracticeQuestion(ctx, query))?.question.id).toBe("demo-one");
		expect(dueCutoff(NOW, "UTC")).toBe(Date.UTC(2026, 10, 25, 23, 59, 59, 999));
		await answer("demo-one", NOW);
		expect(await nextPracticeQuestion(ctx, query)).toMatchObject({ why: "due", question: { id: "demo-two" } });
	});

	it("GIVEN nothing due THEN a new question from the weakest section in rounds, leaving out open rounds' questions", async () => {
		const { ctx } = coreContext(NOW);
		const scope = { guildId: "g1", questionId: "demo-one", at: NOW, timeZone: "UTC" };
		await recordAward(
			ctx,
			{ memberId: "alice", points: 0, correct: false, first: false },
			{
				...scope,
				roundId: "r1",
				sectionId: "demo-advanced",
			},
		);
		await recordAward(
			ctx,
			{ memberId: "alice", points: 1, correct: true, first: true },
			{
				...scope,
				roundId: "r2",
				sectionId: "demo-basics",
			},
		);
		expect(await nextPracticeQuestion(ctx, query)).toMatchObject({ why: "new", question: { id: "demo-four" } });
		await openRound(ctx, sampleRound(NOW, { messageId: "open", questionId: "demo-four" }));
		expect((await nextPracticeQuestion(ctx, query))?.question.id).toBe("demo-one");
		expect((await nextPracticeQuestion(ctx, { ...query, filter: { section: "demo-advanced" } }))?.question).toBe(
			undefined,
		);
	});
});

describe("a practice session", () => {
	const start = (ctx: ReturnType<typeof coreContext>["ctx"], count = 2) =>
		startPractice(ctx, { askId: "100", guildId: "g1", memberId: "alice", filter: {}, count, timeZone: "UTC" });

	it("GIVEN the same answer clicked twice at once THEN the card is reviewed once and both see the same result", async () => {
		const { ctx } = coreContext(NOW);
		expect(await start(ctx)).toMatchObject({ kind: "question", question: { id: "demo-one" } });
		const [first, second] = await Promise.all([
			answerPractice(ctx, "100", "alice", { choice: 1 }),
			answerPractice(ctx, "100", "alice", { choice: 0 }),
		]);
		expect([first?.kind, second?.kind].sort()).toEqual(["answered", "refused"]);
		const again = await answerPractice(ctx, "100", "alice", { choice: 0 });
		expect(again).toMatchObject({ kind: "answered", recall: "good", choice: 1, fresh: false, due: NOW + 3 * DAY });
		expect((await readCards(ctx, "g1", "alice")).map((entry) => entry.card.reps)).toEqual([1]);
		expect(await answerPractice(ctx, "100", "bob", { choice: 1 })).toEqual({ kind: "refused", reason: "not-yours" });
		expect(await answerPractice(ctx, "999", "alice", { choice: 1 })).toEqual({ kind: "refused", reason: "expired" });
	});

	it("GIVEN a round on the question opens after it was shown THEN its answer stays hidden until the reveal", async () => {
		const { ctx } = coreContext(NOW);
		await start(ctx);
		await openRound(ctx, sampleRound(NOW, { messageId: "later", questionId: "demo-one" }));
		expect(await answerPractice(ctx, "100", "alice", { choice: 1 })).toEqual({ kind: "refused", reason: "round-open" });
		await ctx.store.set("round:later", { ...sampleRound(NOW, { messageId: "later" }), revealedAt: NOW });
		expect(await answerPractice(ctx, "100", "alice", { choice: 1 })).toMatchObject({ kind: "answered" });
	});

	it("GIVEN an open question THEN grading needs Show answer first; Next then ends a session of two", async () => {
		const { ctx } = coreContext(NOW);
		await reviewCard(ctx, {
			guildId: "g1",
			memberId: "alice",
			questionId: "demo-three",
			recall: "again",
			at: NOW - DAY,
		});
		expect(await start(ctx)).toMatchObject({ question: { id: "demo-three" }, ask: { why: "due" } });
		expect(await answerPractice(ctx, "100", "alice", { grade: "got-it" })).toMatchObject({ reason: "not-asked-yet" });
		expect(await showPracticeAnswer(ctx, "100", "alice")).toMatchObject({ kind: "answer-shown" });
		expect(await answerPractice(ctx, "100", "alice", { grade: "partly" })).toMatchObject({
			kind: "answered",
			recall: "hard",
			more: true,
		});
		expect(await continuePractice(ctx, "100", "101", "alice")).toMatchObject({ ask: { position: 2, total: 2 } });
		await answerPractice(ctx, "101", "alice", { choice: 0 });
		expect(await continuePractice(ctx, "101", "102", "alice")).toMatchObject({ kind: "done", total: 2 });
	});

	it("GIVEN cards THEN status counts due now, due this week and learned, with retention per section", async () => {
		const { ctx } = coreContext(NOW);
		const answer = (questionId: string, recall: "again" | "good", at: number) =>
			reviewCard(ctx, { guildId: "g1", memberId: "alice", questionId, recall, at });
		await answer("demo-one", "again", NOW - DAY);
		await answer("demo-two", "good", NOW);
		await answer("demo-four", "good", NOW);
		const status = await readPracticeStatus(ctx, { guildId: "g1", memberId: "alice", timeZone: "UTC" });
		expect(status).toMatchObject({ dueNow: 1, dueThisWeek: 2, cards: 3, learned: 2, nextDue: NOW + 3 * DAY });
		expect(status.sections.map((entry) => [entry.sectionId, entry.cards])).toEqual([
			["demo-basics", 2],
			["demo-advanced", 1],
		]);
		expect(status.sections[1]?.retention).toBeCloseTo(1, 5);
	});
});
