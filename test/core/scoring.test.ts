import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { periodBuckets } from "../../src/core/scoring/periods.js";
import { gradePoints, type LockedPick, scorePicks } from "../../src/core/scoring/points.js";

const pick = (memberId: string, choice: number, at: number): LockedPick => ({ memberId, choice, at });

describe("scorePicks", () => {
	it("GIVEN picks on a medium question THEN right picks score 2, the earliest right one 3, wrong ones 0", () => {
		const awards = scorePicks("medium", 1, [pick("bob", 1, 300), pick("alice", 0, 100), pick("carol", 1, 200)]);
		expect(awards).toEqual([
			{ memberId: "alice", points: 0, correct: false, first: false },
			{ memberId: "carol", points: 3, correct: true, first: true },
			{ memberId: "bob", points: 2, correct: true, first: false },
		]);
	});

	it("GIVEN two right picks in the same millisecond THEN the bonus goes to one of them, the same one every time", () => {
		const picks = [pick("222", 2, 50), pick("111", 2, 50)];
		expect(scorePicks("advanced", 2, picks).map((award) => award.points)).toEqual([4, 3]);
		expect(scorePicks("advanced", 2, [...picks].reverse())).toEqual(scorePicks("advanced", 2, picks));
	});

	it("GIVEN any picks THEN each member scores once, at most one bonus is given, and totals follow the table", () => {
		const picks = fc.uniqueArray(
			fc.record({ memberId: fc.string({ minLength: 1 }), choice: fc.nat(3), at: fc.nat(1000) }),
			{ selector: (p) => p.memberId },
		);
		fc.assert(
			fc.property(picks, fc.constantFrom("easy", "medium", "advanced" as const), fc.nat(3), (all, level, right) => {
				const awards = scorePicks(level, right, all);
				const base = { easy: 1, medium: 2, advanced: 3 }[level];
				const rightCount = all.filter((p) => p.choice === right).length;
				expect(awards).toHaveLength(all.length);
				expect(awards.filter((a) => a.first)).toHaveLength(rightCount > 0 ? 1 : 0);
				expect(awards.reduce((sum, a) => sum + a.points, 0)).toBe(rightCount * base + (rightCount > 0 ? 1 : 0));
			}),
		);
	});
});

describe("gradePoints", () => {
	it("GIVEN a self-grade THEN ✅ earns the difficulty's points, 🟨 half rounded down but at least 1, ❌ none", () => {
		expect(["easy", "medium", "advanced"].map((d) => gradePoints(d as "easy", "got-it"))).toEqual([1, 2, 3]);
		expect(["easy", "medium", "advanced"].map((d) => gradePoints(d as "easy", "partly"))).toEqual([1, 1, 1]);
		expect(gradePoints("advanced", "missed")).toBe(0);
	});
});

describe("periodBuckets", () => {
	it("GIVEN the same instant THEN the week and month follow the guild's zone, not UTC", () => {
		const newYearsEveUtcEvening = Date.UTC(2026, 11, 31, 20, 0);
		expect(periodBuckets(newYearsEveUtcEvening, "UTC")).toEqual({ all: "all", week: "2026-W53", month: "2026-12" });
		expect(periodBuckets(newYearsEveUtcEvening, "Asia/Tokyo")).toEqual({
			all: "all",
			week: "2026-W53",
			month: "2027-01",
		});
	});

	it("GIVEN dates around the turn of the year THEN ISO week-years are used", () => {
		expect(periodBuckets(Date.UTC(2024, 11, 30, 12), "UTC").week).toBe("2025-W01");
		expect(periodBuckets(Date.UTC(2027, 0, 3, 12), "UTC").week).toBe("2026-W53");
		expect(periodBuckets(Date.UTC(2027, 0, 4, 12), "UTC").week).toBe("2027-W01");
	});

	it("GIVEN a Sunday night in New York across the autumn clock change THEN it is still that week locally", () => {
		const sundayLateNewYork = Date.UTC(2026, 10, 2, 4, 30);
		expect(periodBuckets(sundayLateNewYork, "UTC").week).toBe("2026-W45");
		expect(periodBuckets(sundayLateNewYork, "America/New_York").week).toBe("2026-W44");
	});

	it("GIVEN a name that is not a zone THEN it refuses rather than guessing", () => {
		expect(() => periodBuckets(0, "Mars/Olympus")).toThrow("not a time zone: Mars/Olympus");
	});
});
