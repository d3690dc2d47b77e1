import { describe, expect, it } from "vitest";
import { renderBoard, renderReview, renderStats, renderStreakBoard } from "../../src/core/render/standings.js";
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
	requestedPage: 1,
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

describe("pages past the end", () => {
	it("GIVEN page 2 asked of a one-page board THEN page 1 is shown and the reply says why", () => {
		const rendered = renderBoard(page({ page: 1, pages: 1, requestedPage: 2 }));
		expect(rendered.content).toBe("There is no page 2: the board has 1 page. Here is page 1.");
		expect("embeds" in rendered && rendered.embeds[0]?.footer?.text).toBe("Page 1 of 1 · 12 members");
	});

	it("GIVEN page 3 asked of a 12-member streak board THEN the second page, ranks 11 and 12, and a note", () => {
		const rows = Array.from({ length: 12 }, (_, index) => ({ memberId: String(100 + index), days: 12 - index }));
		const rendered = renderStreakBoard(rows, { requested: 3, size: 10 });
		expect(rendered.content).toBe("There is no page 3: the streak board has 2 pages. Here is page 2.");
		expect("embeds" in rendered && rendered.embeds[0]?.description).toBe(
			"**11.** <@110> · 2 days\n**12.** <@111> · 1 day",
		);
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
			"`demo-one` · Demo basics · <t:1700000000:R>\nWhich one?\n\nAsk one again with `/question id:<id>`.",
		);
		expect(renderReview([], smallBank())).toHaveProperty("content");
	});
});
