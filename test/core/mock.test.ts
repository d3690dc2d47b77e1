import { describe, expect, it } from "vitest";
import { recordMockGrade, saveMockNote } from "../../src/core/mock/grades.js";
import { pickMockQuestions } from "../../src/core/mock/questions.js";
import { buildRecap } from "../../src/core/mock/recap.js";
import {
	claimRecap,
	dueMocks,
	finishMock,
	joinMock,
	MOCK_DUE,
	MOCK_LIMITS,
	type MockRequest,
	openMock,
	openMocksIn,
	recapPosted,
	startMock,
} from "../../src/core/mock/session.js";
import { endTurn, markLeft, planTurn, readProgress, recordTurnPosted } from "../../src/core/mock/turns.js";
import { checkEmbedLimits } from "../../src/core/render/embed.js";
import { mockSubject, mockTitle, renderRecap } from "../../src/core/render/mock.js";
import { boardKey, readMemberStats, readReview } from "../../src/core/standings.js";
import { bankFrom, coreContext, SMALL_BANK_YAML } from "./fixtures.js";

const NOW = Date.UTC(2026, 10, 25, 9);
const REQUEST: MockRequest = {
	guildId: "g1",
	channelId: "c1",
	starterId: "ann",
	title: "Mock interview · All sections · 2026-11-25",
	filter: {},
	questionCount: 3,
	minutes: 5,
};

async function lobby(request: Partial<MockRequest> = {}) {
	const context = coreContext(NOW);
	const session = await openMock(context.ctx, "t1", { ...REQUEST, ...request });
	return { ...context, session };
}

/** A started session of ann, bob and cid on the small bank, with its first question posted. */
async function running() {
	const context = await lobby();
	await joinMock(context.ctx, "t1", "bob");
	context.advance(1);
	await joinMock(context.ctx, "t1", "cid");
	const started = await startMock(context.ctx, "t1", { memberId: "ann", moderator: false });
	if (!started.ok) throw new Error(started.reason);
	await recordTurnPosted(context.ctx, "t1", 0, {
		messageId: "q0",
		postedAt: NOW,
		dueAt: NOW + 5 * 60_000,
		candidateId: "ann",
		interviewerId: "bob",
	});
	return { ...context, session: started.session };
}

describe("mock interview rotation", () => {
	const everyone = () => true;

	it("GIVEN three members and three questions THEN each is candidate once and interviewer once", () => {
		const members = ["ann", "bob", "cid"];
		const turns = [0, 1, 2].map((index) => planTurn(members, index, everyone));
		expect(turns).toEqual([
			{ kind: "ask", candidateId: "ann", interviewerId: "bob" },
			{ kind: "ask", candidateId: "bob", interviewerId: "cid" },
			{ kind: "ask", candidateId: "cid", interviewerId: "ann" },
		]);
	});

	it("GIVEN a second lap THEN every candidate gets a different interviewer; with two members they alternate", () => {
		const members = ["ann", "bob", "cid"];
		expect([3, 4, 5].map((index) => planTurn(members, index, everyone))).toEqual([
			{ kind: "ask", candidateId: "ann", interviewerId: "cid" },
			{ kind: "ask", candidateId: "bob", interviewerId: "ann" },
			{ kind: "ask", candidateId: "cid", interviewerId: "bob" },
		]);
		expect([0, 1, 2].map((index) => planTurn(["ann", "bob"], index, everyone))).toEqual([
			{ kind: "ask", candidateId: "ann", interviewerId: "bob" },
			{ kind: "ask", candidateId: "bob", interviewerId: "ann" },
			{ kind: "ask", candidateId: "ann", interviewerId: "bob" },
		]);
	});

	it("GIVEN a member who left THEN their turns as candidate are skipped, another member interviews in their place, and one member alone ends it", () => {
		const members = ["ann", "bob", "cid"];
		const present = (member: string) => member !== "bob";
		expect(planTurn(members, 0, present)).toEqual({ kind: "ask", candidateId: "ann", interviewerId: "cid" });
		expect(planTurn(members, 1, present)).toEqual({ kind: "skip" });
		expect(planTurn(members, 2, present)).toEqual({ kind: "ask", candidateId: "cid", interviewerId: "ann" });
		expect(planTurn(members, 0, (member) => member === "ann")).toEqual({ kind: "end" });
	});
});

describe("mock interview lobby and start", () => {
	it("GIVEN joins THEN the starter is in first, a second join is refused, and the ninth member finds it full", async () => {
		const { ctx, session, advance } = await lobby();
		expect(session.state).toBe("lobby");
		expect(await joinMock(ctx, "t1", "ann")).toMatchObject({ ok: false, reason: "already-in" });
		for (const member of ["m2", "m3", "m4", "m5", "m6", "m7", "m8"]) {
			advance(1);
			expect(await joinMock(ctx, "t1", member)).toMatchObject({ ok: true });
		}
		advance(1);
		expect(await joinMock(ctx, "t1", "m9")).toMatchObject({ ok: false, reason: "full" });
		const last = await joinMock(ctx, "t1", "m8");
		expect(last).toMatchObject({ ok: false, reason: "already-in" });
		expect(await joinMock(ctx, "nope", "m2")).toEqual({ ok: false, reason: "not-a-session" });
	});

	it("GIVEN a start by someone else, or alone THEN it is refused; the starter or a moderator starts it once", async () => {
		const { ctx } = await lobby();
		expect(await startMock(ctx, "t1", { memberId: "ann", moderator: false })).toMatchObject({
			ok: false,
			reason: "too-few-members",
			members: 1,
		});
		await joinMock(ctx, "t1", "bob");
		expect(await startMock(ctx, "t1", { memberId: "bob", moderator: false })).toMatchObject({
			ok: false,
			reason: "not-starter",
		});
		const started = await startMock(ctx, "t1", { memberId: "mod", moderator: true });
		expect(started).toMatchObject({ ok: true, session: { state: "running", members: ["ann", "bob"] } });
		expect(await startMock(ctx, "t1", { memberId: "ann", moderator: false })).toMatchObject({
			ok: false,
			reason: "started",
		});
		expect(await joinMock(ctx, "t1", "cid")).toMatchObject({ ok: false, reason: "started" });
	});

	it("GIVEN more members than questions asked for THEN there are as many questions as members, open ones first", async () => {
		const { ctx } = await lobby({ questionCount: 3 });
		for (const member of ["bob", "cid", "dan"]) await joinMock(ctx, "t1", member);
		const started = await startMock(ctx, "t1", { memberId: "ann", moderator: false });
		if (!started.ok) throw new Error(started.reason);
		expect(started.session.questionIds).toHaveLength(4);
		const kinds = started.session.questionIds.map((id) => ctx.bank.question(id)?.kind);
		expect(kinds).toEqual(["open", "open", "choice", "choice"]);
	});

	it("GIVEN filters that match nothing THEN the start is refused", async () => {
		const { ctx } = await lobby({ filter: { section: "demo-advanced", difficulty: "easy" } });
		await joinMock(ctx, "t1", "bob");
		expect(await startMock(ctx, "t1", { memberId: "ann", moderator: false })).toMatchObject({
			ok: false,
			reason: "no-questions",
		});
	});

	it("GIVEN a bank filter THEN only that bank's sections are asked", () => {
		const other = SMALL_BANK_YAML.replace("id: demo\n", "id: other\n")
			.replaceAll("demo-", "other-")
			.replace("title: Demo\n", "title: Other\n");
		const { bank } = bankFrom(["demo.yaml", SMALL_BANK_YAML], ["other.yaml", other]);
		const picked = pickMockQuestions({ bank, random: () => 0.5 }, { bank: "other" }, 10);
		expect(picked.map((question) => question.id).sort()).toEqual(
			["other-four", "other-one", "other-three", "other-two"].sort(),
		);
		expect(mockSubject(bank, { bank: "other", difficulty: "easy" })).toBe("Other, Easy");
	});

	it("GIVEN a lobby THEN it is on the schedule to close, and /mock stop outside the thread finds it", async () => {
		const { ctx, advance } = await lobby();
		expect(await dueMocks(ctx, 10)).toEqual([]);
		advance(MOCK_LIMITS.lobbyMinutes * 60_000);
		expect(await dueMocks(ctx, 10)).toEqual(["t1"]);
		expect(await openMocksIn(ctx, "g1", "c1")).toEqual([{ id: "t1", starterId: "ann" }]);
		expect(await openMocksIn(ctx, "g1", "elsewhere")).toEqual([]);
	});
});

describe("mock interview grades, notes and the end", () => {
	it("GIVEN the interviewer's grade THEN it counts in the candidate's accuracy and section, never on a board, and only the first one", async () => {
		const { ctx, session } = await running();
		expect(await recordMockGrade(ctx, { sessionId: "t1", turn: 0, memberId: "ann", grade: "got-it" })).toEqual({
			stored: false,
			reason: "not-interviewer",
			interviewerId: "bob",
		});
		expect(await recordMockGrade(ctx, { sessionId: "t1", turn: 1, memberId: "bob", grade: "got-it" })).toEqual({
			stored: false,
			reason: "not-asked",
		});
		expect(await recordMockGrade(ctx, { sessionId: "t1", turn: 0, memberId: "bob", grade: "partly" })).toMatchObject({
			stored: true,
		});
		expect(await recordMockGrade(ctx, { sessionId: "t1", turn: 0, memberId: "bob", grade: "got-it" })).toEqual({
			stored: false,
			reason: "already-graded",
		});
		const stats = await readMemberStats(ctx, { guildId: "g1", memberId: "ann", now: NOW, timeZone: "UTC" });
		const question = ctx.bank.question(session.questionIds[0] ?? "");
		expect(stats.overall).toEqual({ answered: 1, correct: 0 });
		expect(stats.sections).toEqual([{ sectionId: question?.section, answered: 1, correct: 0 }]);
		expect(stats.periods.all).toBeUndefined();
		expect(await ctx.store.rankingSize(boardKey("g1", "all", "all"))).toBe(0);
		expect((await readReview(ctx, "g1", "ann")).map((entry) => entry.questionId)).toHaveLength(1);
		const bobs = await readMemberStats(ctx, { guildId: "g1", memberId: "bob", now: NOW, timeZone: "UTC" });
		expect(bobs.overall).toEqual({ answered: 0, correct: 0 });
	});

	it("GIVEN a note THEN the interviewer may change it until the end; after the end grades and notes are refused", async () => {
		const { ctx, session } = await running();
		expect(await saveMockNote(ctx, { sessionId: "t1", turn: 0, memberId: "cid", text: "hi" })).toMatchObject({
			stored: false,
			reason: "not-interviewer",
		});
		await saveMockNote(ctx, { sessionId: "t1", turn: 0, memberId: "bob", text: "first" });
		await saveMockNote(ctx, { sessionId: "t1", turn: 0, memberId: "bob", text: `  ${"x".repeat(600)} ` });
		expect((await readProgress(ctx, session)).turns[0]?.note?.text).toBe("x".repeat(500));
		expect(await finishMock(ctx, "t1", "stopped", "ann")).toMatchObject({ state: "finished", stoppedBy: "ann" });
		expect(await finishMock(ctx, "t1", "completed")).toBeUndefined();
		expect(await recordMockGrade(ctx, { sessionId: "t1", turn: 0, memberId: "bob", grade: "got-it" })).toEqual({
			stored: false,
			reason: "finished",
		});
		expect(await saveMockNote(ctx, { sessionId: "t1", turn: 0, memberId: "bob", text: "late" })).toMatchObject({
			stored: false,
			reason: "finished",
		});
	});

	it("GIVEN a finished session THEN it stays due until its recap is posted, which is claimed once", async () => {
		const { ctx } = await running();
		expect(await endTurn(ctx, "t1", 0, "time-up")).toBe(true);
		expect(await endTurn(ctx, "t1", 0, "graded")).toBe(false);
		await finishMock(ctx, "t1", "completed");
		expect(await dueMocks(ctx, 10)).toEqual(["t1"]);
		expect(await claimRecap(ctx, "t1")).toBe(true);
		expect(await claimRecap(ctx, "t1")).toBe(false);
		await recapPosted(ctx, "t1", "recap-message");
		expect(await ctx.store.rankingStanding(MOCK_DUE, "t1")).toBeUndefined();
		expect(await openMocksIn(ctx, "g1", "c1")).toEqual([]);
	});

	it("GIVEN grades, a time-out and a member who left THEN the recap lists each candidate's questions and what to practise next, within Discord's limits", async () => {
		const { ctx, session } = await running();
		await recordMockGrade(ctx, { sessionId: "t1", turn: 0, memberId: "bob", grade: "got-it" });
		await saveMockNote(ctx, { sessionId: "t1", turn: 0, memberId: "bob", text: "Clear *and* <@123> brief" });
		await endTurn(ctx, "t1", 0, "graded");
		await recordTurnPosted(ctx, "t1", 1, {
			messageId: "q1",
			postedAt: NOW,
			dueAt: NOW,
			candidateId: "bob",
			interviewerId: "cid",
		});
		await endTurn(ctx, "t1", 1, "time-up");
		await markLeft(ctx, "t1", "cid");
		await endTurn(ctx, "t1", 2, "skipped");
		const finished = await finishMock(ctx, "t1", "completed");
		if (!finished) throw new Error("not finished");
		const recap = buildRecap(finished, await readProgress(ctx, session));
		expect(recap).toMatchObject({ asked: 2, graded: 1, left: ["cid"] });
		expect(recap.candidates.map((candidate) => candidate.candidateId)).toEqual(["ann", "bob"]);
		expect(recap.candidates[0]?.practiseNext).toEqual([]);
		expect(recap.candidates[1]?.turns[0]).toMatchObject({ ended: "time-up", interviewerId: "cid" });
		expect(recap.candidates[1]?.practiseNext).toEqual([finished.questionIds[1]]);
		const rendered = renderRecap(finished, recap, ctx.bank);
		expect(rendered.content).toContain("**Recap** · 2 questions asked, 1 graded. That was the last question.");
		expect(rendered.content).toContain("Left the thread: <@cid>.");
		expect(rendered.embeds[0]?.description).toContain(
			"**✅ Strong**, asked by <@bob>\n> Clear \\*and\\* <\u200b@123\\> brief",
		);
		expect(rendered.embeds[1]?.description).toContain("⏰ time ran out, not graded");
		expect(checkEmbedLimits(rendered.embeds)).toEqual([]);
	});

	it("GIVEN eight candidates with long notes on ten questions THEN the notes are shortened until the recap fits", async () => {
		const members = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"];
		const session = { ...(await running()).session, members, questionIds: Array(10).fill("demo-four") };
		const turns = session.questionIds.map((questionId, index) => ({
			index,
			questionId,
			posted: {
				messageId: `q${index}`,
				postedAt: NOW,
				dueAt: NOW,
				candidateId: members[index % 8] ?? "",
				interviewerId: members[(index + 1) % 8] ?? "",
			},
			grade: { grade: "partly" as const, at: NOW, by: "x" },
			note: { text: "n".repeat(500), at: NOW, by: "x" },
		}));
		const rendered = renderRecap(session, buildRecap(session, { turns, left: new Set() }), coreContext(NOW).ctx.bank);
		expect(rendered.embeds).toHaveLength(8);
		expect(checkEmbedLimits(rendered.embeds)).toEqual([]);
	});

	it("GIVEN a long section title THEN the thread's name stays within Discord's 100 characters and keeps the date", () => {
		const title = mockTitle("S".repeat(120), "2026-11-25");
		expect(title.length).toBe(100);
		expect(title.endsWith("… · 2026-11-25")).toBe(true);
	});
});
