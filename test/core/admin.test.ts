import { describe, expect, it } from "vitest";
import { adjustScore, exportGuild, resetBoard } from "../../src/core/admin.js";
import { readBoardPage, recordAward } from "../../src/core/standings.js";
import { closeTimeZones, searchTimeZones } from "../../src/core/time-zones.js";
import { createMemoryStore } from "../../src/store/memory-store.js";

const NOW = Date.UTC(2026, 10, 25, 12);

function setup() {
	const clock = { now: () => NOW };
	const ctx = { store: createMemoryStore(clock), clock };
	const board = (period: "all" | "week") =>
		readBoardPage(ctx, { guildId: "g1", period, page: 1, callerId: "x", now: NOW, timeZone: "UTC" });
	return { ctx, board };
}

const award = (memberId: string, points: number) => ({ memberId, points, correct: points > 0, first: false });
const scope = (roundId: string) => ({
	guildId: "g1",
	roundId,
	questionId: "q",
	sectionId: "s",
	at: NOW,
	timeZone: "UTC",
});

describe("score administration", () => {
	it("GIVEN an adjustment THEN every current board moves and the export carries the audit entry", async () => {
		const { ctx, board } = setup();
		await recordAward(ctx, award("alice", 3), scope("r1"));
		expect(
			await adjustScore(ctx, { guildId: "g1", memberId: "alice", points: -2, reason: "typo", byId: "mod" }, "UTC"),
		).toBe(1);
		expect((await board("week")).rows[0]).toMatchObject({ memberId: "alice", points: 1 });
		const snapshot = await exportGuild(ctx, "g1");
		expect(snapshot).toMatchObject({
			format: "interview-dojo-export",
			guildId: "g1",
			boards: { all: { bucket: "all", members: [{ memberId: "alice", points: 1 }] } },
			members: [{ memberId: "alice", overall: { answered: 1, correct: 1 } }],
			adjustments: [{ memberId: "alice", points: -2, reason: "typo", byId: "mod", at: NOW }],
		});
	});

	it("GIVEN a weekly reset THEN this week's board is empty and all time keeps its points", async () => {
		const { ctx, board } = setup();
		await recordAward(ctx, award("alice", 2), scope("r1"));
		expect(await resetBoard(ctx, "g1", "week", "UTC")).toBe("2026-W48");
		expect((await board("week")).members).toBe(0);
		expect((await board("all")).rows).toHaveLength(1);
	});
});

describe("time zone suggestions", () => {
	it("GIVEN part of a name THEN autocomplete finds it; GIVEN a typo THEN the nearest zone comes first", () => {
		expect(searchTimeZones("new york")).toEqual(["America/New_York"]);
		expect(closeTimeZones("Europe/Paaris")[0]).toBe("Europe/Paris");
		expect(closeTimeZones("Berlin")[0]).toBe("Europe/Berlin");
	});
});
