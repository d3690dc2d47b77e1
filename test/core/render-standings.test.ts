import { describe, expect, it } from "vitest";
import { renderBoard, renderReview, renderStats } from "../../src/core/render/standings.js";
import type { BoardPage } from "../../src/core/standings.js";
import { smallBank } from "./fixtures.js";

const page = (overrides: Partial<BoardPage> = {}): BoardPage => ({
	period: "week",
	bucket: "2026-W48",
	rows: [
		{ rank: 1, memberId: "11", points: 7, answered: 4, correct: 3 },
		{ rank: 2, memberId: "22", points: 1, answered: 1, correct: 1 },
	],
	members: 12,
	page: 1,
	pages: 2,
	...overrides,
});

describe("leaderboard rendering", () => {
	it("GIVEN a page THEN each line has rank, member, points and accuracy, and the caller's own rank follows", () => {
		const rendered = renderBoard(page({ caller: { rank: 12, memberId: "99", points: 0, answered: 2, correct: 0 } }));
		if (!("embeds" in rendered)) throw new Error("expected an embed");
		expect(rendered.embeds[0]).toMatchObject({
			title: "Leaderboard · This week (2026-W48)",
			description:
				"**1.** <@11> · 7 pts · 75% of 4\n**2.** <@22> · 1 pt · 100% of 1\n\nYou: **12.** <@99> · 0 pts · 0% of 2",
			footer: { text: "Page 1 of 2 · 12 members" },
		});
	});

	it("GIVEN an empty board THEN a friendly line, not an empty embed", () => {
		expect(renderBoard(page({ rows: [], members: 0, period: "all", bucket: "all" }))).toEqual({
			content: "Nobody is on the board for all time yet. Answer a /question to be the first!",
		});
	});
});

describe("stats and review rendering", () => {
	it("GIVEN stats in two sections THEN ranks per period, accuracy, and best and weakest section by title", () => {
		const embed = renderStats(
			{
				periods: { all: { points: 9, rank: 2, of: 5 }, week: { points: 3, rank: 1, of: 2 }, month: undefined },
				overall: { answered: 5, correct: 3 },
				sections: [
					{ sectionId: "demo-advanced", answered: 2, correct: 0 },
					{ sectionId: "demo-basics", answered: 3, correct: 3 },
				],
			},
			"11",
			smallBank(),
		);
		expect(embed.description).toContain(
			"All time: 9 pts, rank 2 of 5\nThis week: 3 pts, rank 1 of 2\nThis month: not on the board",
		);
		expect(embed.description).toContain("Questions answered: 5 · accuracy 60% of 5");
		expect(embed.description).toContain("Best section: **Demo basics** · Weakest: **Demo advanced**");
	});

	it("GIVEN questions to review THEN ids, section titles and relative times; none THEN encouragement", () => {
		const rendered = renderReview(
			[{ questionId: "demo-one", sectionId: "demo-basics", at: 1_700_000_000_000 }],
			smallBank(),
		);
		if (!("embeds" in rendered)) throw new Error("expected an embed");
		expect(rendered.embeds[0]?.description).toBe(
			"`demo-one` · Demo basics · <t:1700000000:R>\n\nAsk one again with `/question id:<id>`.",
		);
		expect(renderReview([], smallBank())).toHaveProperty("content");
	});
});
