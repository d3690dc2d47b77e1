import { describe, expect, it } from "vitest";
import { liveStreak, readStreak, readStreakBoard, recordDailyAnswer } from "../../src/core/daily/streaks.js";
import { recordGrade } from "../../src/core/grades.js";
import { lockPick } from "../../src/core/picks.js";
import { openRound } from "../../src/core/rounds.js";
import { coreContext, sampleRound } from "./fixtures.js";

describe("daily streaks", () => {
	it("GIVEN answers on consecutive days, a repeat, a gap THEN the streak grows, holds, restarts, and the best is kept", async () => {
		const { ctx } = coreContext(0);
		for (const date of ["2026-11-20", "2026-11-21", "2026-11-21", "2026-11-22"]) {
			await recordDailyAnswer(ctx, "g1", "ana", date);
		}
		expect(await readStreak(ctx, "g1", "ana")).toEqual({ last: "2026-11-22", current: 3, best: 3 });
		await recordDailyAnswer(ctx, "g1", "ana", "2026-11-25");
		expect(await readStreak(ctx, "g1", "ana")).toEqual({ last: "2026-11-25", current: 1, best: 3 });
	});

	it("GIVEN today's date THEN a streak last extended yesterday is live and one from before is not", () => {
		const streak = { last: "2026-11-24", current: 4, best: 4 };
		expect(liveStreak(streak, "2026-11-24")).toBe(4);
		expect(liveStreak(streak, "2026-11-25")).toBe(4);
		expect(liveStreak(streak, "2026-11-26")).toBe(0);
		expect(liveStreak(undefined, "2026-11-26")).toBe(0);
	});

	it("GIVEN a simulated fortnight THEN the streak board ranks live streaks and drops lapsed ones", async () => {
		const { ctx } = coreContext(0);
		const days = Array.from({ length: 14 }, (_, i) => `2026-11-${String(10 + i).padStart(2, "0")}`);
		for (const [index, date] of days.entries()) {
			await recordDailyAnswer(ctx, "g1", "daily-every-day", date);
			if (index % 2 === 0) await recordDailyAnswer(ctx, "g1", "every-other-day", date);
			if (index < 5) await recordDailyAnswer(ctx, "g1", "stopped-early", date);
		}
		expect(await readStreakBoard(ctx, "g1", "2026-11-23", 10)).toEqual([
			{ memberId: "daily-every-day", days: 14 },
			{ memberId: "every-other-day", days: 1 },
		]);
		expect(await ctx.store.rankingSize("streak-board:g1")).toBe(2);
		expect((await readStreak(ctx, "g1", "stopped-early"))?.best).toBe(5);
	});
});

describe("what counts as answering the daily", () => {
	it("GIVEN a pick on a daily round or ✅ on an open daily THEN the streak counts; 🟨 and /question rounds do not", async () => {
		const { ctx } = coreContext(0);
		await openRound(ctx, sampleRound(0, { messageId: "d1", source: "daily", dailyDate: "2026-11-24" }));
		await openRound(ctx, sampleRound(0, { messageId: "q1" }));
		const open = { questionId: "demo-four", source: "daily" as const, revealedAt: 1 };
		await openRound(ctx, sampleRound(0, { ...open, messageId: "d2", dailyDate: "2026-11-25" }));
		await lockPick(ctx, "d1", "ana", 1);
		await lockPick(ctx, "q1", "ben", 1);
		await recordGrade(ctx, "d2", "ana", "got-it");
		await recordGrade(ctx, "d2", "ben", "partly");
		expect(await readStreak(ctx, "g1", "ana")).toEqual({ last: "2026-11-25", current: 2, best: 2 });
		expect(await readStreak(ctx, "g1", "ben")).toBeUndefined();
	});
});
