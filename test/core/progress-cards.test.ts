import { createCanvas, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { readNames, rememberName } from "../../src/core/member-names.js";
import {
	BOARD_CARD_SIZE,
	boardCardInput,
	renderBoardCard,
	renderStatsCard,
	STATS_CARD_SIZE,
} from "../../src/core/render/progress-cards.js";
import type { MemberStats } from "../../src/core/standings.js";
import { encodePng } from "../../src/lib/png.js";
import { coreContext, smallBank } from "./fixtures.js";

async function decode(png: Buffer) {
	const image = await loadImage(png);
	const canvas = createCanvas(image.width, image.height);
	const context = canvas.getContext("2d");
	context.drawImage(image, 0, 0);
	return {
		width: image.width,
		height: image.height,
		pixels: context.getImageData(0, 0, image.width, image.height).data,
	};
}

const stats: MemberStats = {
	periods: { all: { points: 42, rank: 2, of: 17 }, week: { points: 7, rank: 1, of: 5 }, month: undefined },
	overall: { answered: 30, correct: 21 },
	sections: [
		{ sectionId: "demo-basics", answered: 20, correct: 17 },
		{ sectionId: "demo-advanced", answered: 10, correct: 4 },
	],
};

describe("progress cards", () => {
	it("GIVEN raw pixels THEN the PNG encoder's file decodes to exactly those pixels", async () => {
		const width = 37;
		const height = 11;
		const rgba = new Uint8Array(width * height * 4).map((_, index) => (index % 4 === 3 ? 255 : (index * 37) % 256));
		const decoded = await decode(await encodePng(rgba, width, height));
		expect([decoded.width, decoded.height]).toEqual([width, height]);
		expect(Buffer.from(decoded.pixels).equals(Buffer.from(rgba))).toBe(true);
		await expect(encodePng(rgba, width, height + 1)).rejects.toThrow(RangeError);
	});

	it("GIVEN a member's stats THEN the stats card is an 800×520 PNG whatever the name's length or script", async () => {
		for (const name of ["alice", `${"Ωμέγα Жук ".repeat(20)}🦊`]) {
			const png = await renderStatsCard({
				name,
				server: "Study group",
				stats,
				streak: { current: 3, best: 9 },
				cardsDue: 4,
				bank: smallBank(),
			});
			const decoded = await decode(png);
			expect([decoded.width, decoded.height]).toEqual([STATS_CARD_SIZE.width, STATS_CARD_SIZE.height]);
		}
	});

	it("GIVEN a full page and the caller below it THEN the board card is 800×560 and the caller's row is highlighted", async () => {
		const rows = Array.from({ length: 10 }, (_, index) => ({
			rank: index + 1,
			name: `member ${index}`,
			value: `${50 - index} pts`,
			detail: "80% of 5",
			isCaller: false,
		}));
		const caller = { rank: 14, name: "carol", value: "3 pts", detail: "50% of 2", isCaller: true };
		const decoded = await decode(
			await renderBoardCard({ title: "Leaderboard", subtitle: "Study group", rows, caller }),
		);
		expect([decoded.width, decoded.height]).toEqual([BOARD_CARD_SIZE.width, BOARD_CARD_SIZE.height]);
		// The caller's row, near the bottom left, is painted in the accent colour (#5865f2).
		const at = ((BOARD_CARD_SIZE.height - 30) * BOARD_CARD_SIZE.width + 40) * 4;
		expect([...decoded.pixels.subarray(at, at + 3)]).toEqual([0x58, 0x65, 0xf2]);
	});
});

describe("names on the board card", () => {
	it("GIVEN names kept as members used the bot THEN the card shows them; one never seen gets a stand-in", async () => {
		const { ctx } = coreContext(0);
		await rememberName(ctx, "g1", "111111", "Alice");
		const names = await readNames(ctx, "g1", ["111111", "2223333"]);
		const board = {
			period: "all" as const,
			bucket: "all",
			rows: [
				{ rank: 1, memberId: "111111", points: 3, answered: 1, correct: 1 },
				{ rank: 2, memberId: "2223333", points: 1, answered: 2, correct: 1 },
			],
			members: 2,
			page: 1,
			pages: 1,
			requestedPage: 1,
		};
		expect(boardCardInput(board, names, "2223333", "Study group")).toEqual({
			title: "Leaderboard · All time",
			subtitle: "Study group · page 1 of 1 · 2 members",
			rows: [
				{ rank: 1, name: "Alice", value: "3 pts", detail: "100% of 1", isCaller: false },
				{ rank: 2, name: "member …3333", value: "1 pt", detail: "50% of 2", isCaller: true },
			],
		});
	});
});
