import { describe, expect, it } from "vitest";
import { inGuild } from "../../src/core/context.js";
import {
	approveSuggestion,
	nextSuggestion,
	parseSuggestion,
	rejectSuggestion,
	SUGGESTION_LIMITS,
	suggestQuestion,
} from "../../src/core/suggestions.js";
import { coreContext } from "./fixtures.js";

const GUILD = "g1";
const typed = {
	prompt: "Which object does Flask make per request?",
	choices: "The app\n* The request context\nThe blueprint",
	answer: "A request context is pushed for each request.",
	difficulty: "",
};

describe("suggested questions", () => {
	it("GIVEN what a member typed THEN choices, the marked answer and the difficulty are read, and mistakes are named by field", () => {
		expect(parseSuggestion(typed)).toEqual({
			ok: true,
			question: {
				kind: "choice",
				difficulty: "medium",
				prompt: typed.prompt,
				choices: ["The app", "The request context", "The blueprint"],
				correct: 1,
				answer: typed.answer,
			},
		});
		expect(parseSuggestion({ ...typed, choices: "" })).toMatchObject({ ok: true, question: { kind: "open" } });
		const bad = parseSuggestion({ ...typed, choices: "one\ntwo", difficulty: "hard", answer: " " });
		expect(bad.ok === false && bad.problems).toEqual([
			{ field: "difficulty", message: "must be one of easy, medium, advanced" },
			{ field: "choices", message: "mark exactly one choice as right by starting its line with *" },
			{ field: "answer", message: "must not be empty" },
		]);
	});

	it("GIVEN a suggestion approved THEN it is asked from the server's new bank, its author is known, and it is decided once", async () => {
		const { ctx } = coreContext(5_000);
		const queued = await suggestQuestion(ctx, { guildId: GUILD, authorId: "ann", ...typed });
		if (queued.kind !== "queued") throw new Error(queued.kind);
		expect((await nextSuggestion(ctx, GUILD))?.suggestion.id).toBe(queued.suggestion.id);
		const input = { guildId: GUILD, suggestionId: queued.suggestion.id, bankId: undefined, moderatorId: "mod" };
		const approved = await approveSuggestion(ctx, input);
		expect(approved).toMatchObject({ kind: "approved", bankId: "member-suggestions", suggestion: { authorId: "ann" } });
		const questionId = approved.kind === "approved" ? approved.questionId : "";
		expect((await inGuild(ctx, GUILD)).bank.askable(questionId)?.prompt).toBe(typed.prompt);
		expect(await approveSuggestion(ctx, input)).toEqual({ kind: "gone" });
		expect(await nextSuggestion(ctx, GUILD)).toBeUndefined();
	});

	it("GIVEN a rejection THEN the suggestion leaves the queue and the member may suggest again; past the limit a member waits", async () => {
		const { ctx } = coreContext(5_000);
		const ids: string[] = [];
		for (let index = 0; index < SUGGESTION_LIMITS.pendingPerMember; index++) {
			const outcome = await suggestQuestion(ctx, { guildId: GUILD, authorId: "ann", ...typed });
			if (outcome.kind === "queued") ids.push(outcome.suggestion.id);
		}
		expect(ids).toHaveLength(SUGGESTION_LIMITS.pendingPerMember);
		expect(await suggestQuestion(ctx, { guildId: GUILD, authorId: "ann", ...typed })).toMatchObject({
			kind: "too-many",
			scope: "member",
		});
		expect(await rejectSuggestion(ctx, { guildId: GUILD, suggestionId: ids[0] ?? "" })).toMatchObject({
			kind: "rejected",
			suggestion: { authorId: "ann" },
		});
		expect((await suggestQuestion(ctx, { guildId: GUILD, authorId: "ann", ...typed })).kind).toBe("queued");
		expect(await rejectSuggestion(ctx, { guildId: GUILD, suggestionId: ids[0] ?? "" })).toEqual({ kind: "gone" });
	});
});
