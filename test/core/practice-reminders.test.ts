import { describe, expect, it } from "vitest";
import { reviewCard } from "../../src/core/practice/cards.js";
import {
	loadReminder,
	memberTimeZone,
	PRACTICE_REMINDERS_DUE,
	type ReminderSender,
	runDueReminders,
	setReminder,
	takeNotice,
} from "../../src/core/practice/reminders.js";
import { coreContext } from "./fixtures.js";

/** 07:00 in Berlin (UTC+1 in November). */
const MORNING = Date.UTC(2026, 10, 25, 6);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function recordingSender(answer: Awaited<ReturnType<ReminderSender>> = { ok: true }) {
	const sent: Array<[string, string, number]> = [];
	const send: ReminderSender = async (guildId, memberId, due) => {
		sent.push([guildId, memberId, due]);
		return answer;
	};
	return { sent, send };
}

async function setup() {
	const context = coreContext(MORNING);
	const next = await setReminder(context.ctx, "g1", "alice", { time: "08:00", timeZone: "Europe/Berlin" });
	return { ...context, next };
}

describe("practice reminders", () => {
	it("GIVEN a reminder at 08:00 Berlin THEN it is next due at 07:00 UTC, and the member's zone is Berlin's", async () => {
		const { ctx, next } = await setup();
		expect(next).toBe(MORNING + HOUR);
		expect(await memberTimeZone(ctx, "g1", "alice")).toBe("Europe/Berlin");
		expect(await memberTimeZone(ctx, "g1", "bob")).toBe("UTC");
	});

	it("GIVEN its time on a day with nothing due THEN nothing is sent and it waits for tomorrow", async () => {
		const { ctx, advance } = await setup();
		const { sent, send } = recordingSender();
		expect(await runDueReminders(ctx, send)).toEqual([]);
		advance(HOUR);
		expect(await runDueReminders(ctx, send)).toMatchObject([{ date: "2026-11-25", due: 0, outcome: "nothing-due" }]);
		expect(sent).toEqual([]);
		expect(await ctx.store.rankingStanding(PRACTICE_REMINDERS_DUE, "g1:alice")).toMatchObject({
			score: MORNING + HOUR + DAY,
		});
	});

	it("GIVEN cards due today (one only tonight) THEN one message counts both, once, however often the tick runs", async () => {
		const { ctx, advance } = await setup();
		const miss = (questionId: string, at: number) =>
			reviewCard(ctx, { guildId: "g1", memberId: "alice", questionId, recall: "again", at });
		await miss("demo-one", MORNING - DAY);
		await miss("demo-two", MORNING - DAY + 12 * HOUR);
		advance(HOUR);
		const { sent, send } = recordingSender();
		const runs = await Promise.all([runDueReminders(ctx, send), runDueReminders(ctx, send)]);
		expect(runs.flat()).toMatchObject([{ due: 2, outcome: "sent" }]);
		expect(sent).toEqual([["g1", "alice", 2]]);
	});

	it("GIVEN a DM Discord refuses THEN the reminder is switched off and the member's notice is handed out once", async () => {
		const { ctx, advance } = await setup();
		await reviewCard(ctx, {
			guildId: "g1",
			memberId: "alice",
			questionId: "demo-one",
			recall: "again",
			at: MORNING - DAY,
		});
		advance(HOUR);
		const { send } = recordingSender({ ok: false, refused: true, problem: "50007: Cannot send messages to this user" });
		expect(await runDueReminders(ctx, send)).toMatchObject([{ outcome: "refused" }]);
		expect(await loadReminder(ctx, "g1", "alice")).toBeUndefined();
		expect(await ctx.store.rankingSize(PRACTICE_REMINDERS_DUE)).toBe(0);
		const told = await Promise.all([takeNotice(ctx, "g1", "alice"), takeNotice(ctx, "g1", "alice")]);
		expect(told.filter(Boolean)).toEqual([{ reason: "direct-messages-refused", at: MORNING + HOUR }]);
		expect(await takeNotice(ctx, "g1", "alice")).toBeUndefined();
	});

	it("GIVEN a failure that is not a refusal THEN the reminder stays on for the next day", async () => {
		const { ctx, advance } = await setup();
		await reviewCard(ctx, {
			guildId: "g1",
			memberId: "alice",
			questionId: "demo-one",
			recall: "again",
			at: MORNING - DAY,
		});
		advance(HOUR);
		const { send } = recordingSender({ ok: false, refused: false, problem: "500: Internal Server Error" });
		expect(await runDueReminders(ctx, send)).toMatchObject([{ outcome: "failed" }]);
		expect(await loadReminder(ctx, "g1", "alice")).toEqual({ time: "08:00", timeZone: "Europe/Berlin" });
		expect(await takeNotice(ctx, "g1", "alice")).toBeUndefined();
	});
});
