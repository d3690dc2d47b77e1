import { CARD_COLOURS, Card } from "../../lib/canvas-card.js";
import type { Bank } from "../bank/bank.js";
import type { BoardPage, BoardRow, MemberStats, Tally } from "../standings.js";
import { accuracy, periodLabel } from "./standings.js";

/** Both cards have a fixed size, whatever they show, so they look the same in every message. */
export const STATS_CARD_SIZE = { width: 800, height: 520 } as const;
export const BOARD_CARD_SIZE = { width: 800, height: 560 } as const;

const PAD = 32;
const GAP = 16;
const SECTIONS_SHOWN = 5;

const points = (value: number) => `${value} pt${value === 1 ? "" : "s"}`;
const days = (value: number) => `${value} day${value === 1 ? "" : "s"}`;
const rate = (tally: Tally) => (tally.answered === 0 ? 0 : tally.correct / tally.answered);
const percent = (tally: Tally) => (tally.answered === 0 ? "–" : `${Math.round(rate(tally) * 100)}%`);

function barColour(fraction: number): string {
	if (fraction >= 0.75) return CARD_COLOURS.good;
	return fraction >= 0.5 ? CARD_COLOURS.warn : CARD_COLOURS.bad;
}

function tile(
	card: Card,
	x: number,
	y: number,
	width: number,
	lines: { label: string; value: string; detail: string },
) {
	card.rect(x, y, width, 96, CARD_COLOURS.panel);
	const inner = width - 2 * GAP;
	card.text(lines.label, x + GAP, y + 28, { size: 15, colour: CARD_COLOURS.muted }, inner);
	card.text(lines.value, x + GAP, y + 62, { size: 28, bold: true }, inner);
	card.text(lines.detail, x + GAP, y + 84, { size: 14, colour: CARD_COLOURS.muted }, inner);
}

export interface StatsCardInput {
	name: string;
	server: string;
	stats: MemberStats;
	streak: { current: number; best: number };
	/** Practice cards due today for this member. */
	cardsDue: number;
	bank: Bank;
}

/** A member's progress as a PNG: points and rank per period, accuracy, streak, cards due, sections as bars. */
export async function renderStatsCard(input: StatsCardInput): Promise<Buffer> {
	const card = new Card(STATS_CARD_SIZE.width, STATS_CARD_SIZE.height);
	const inner = STATS_CARD_SIZE.width - 2 * PAD;
	card.text(input.name, PAD, 56, { size: 30, bold: true }, inner);
	card.text(`${input.server} · Interview Dojo`, PAD, 82, { size: 16, colour: CARD_COLOURS.muted }, inner);

	const width = (inner - 2 * GAP) / 3;
	const periods = [
		["all", "All time"],
		["week", "This week"],
		["month", "This month"],
	] as const;
	periods.forEach(([period, label], index) => {
		const entry = input.stats.periods[period];
		tile(card, PAD + index * (width + GAP), 104, width, {
			label,
			value: entry ? points(entry.points) : "–",
			detail: entry ? `rank ${entry.rank} of ${entry.of}` : "not on the board",
		});
	});
	const { overall } = input.stats;
	const second = [
		{ label: "Accuracy", value: percent(overall), detail: `of ${overall.answered} answered` },
		{ label: "Daily streak", value: days(input.streak.current), detail: `best ${days(input.streak.best)}` },
		{ label: "Practice", value: `${input.cardsDue} due`, detail: "today · /practice start" },
	];
	second.forEach((lines, index) => {
		tile(card, PAD + index * (width + GAP), 216, width, lines);
	});

	const top = 328;
	card.rect(PAD, top, inner, STATS_CARD_SIZE.height - top - PAD, CARD_COLOURS.panel);
	card.text("Accuracy by section", PAD + GAP, top + 28, { size: 15, colour: CARD_COLOURS.muted });
	const sections = [...input.stats.sections].sort((a, b) => rate(b) - rate(a) || b.answered - a.answered);
	if (sections.length > SECTIONS_SHOWN) {
		const note = `best ${SECTIONS_SHOWN} of ${sections.length}; all in the text above`;
		card.text(note, STATS_CARD_SIZE.width - PAD - GAP, top + 28, {
			size: 13,
			colour: CARD_COLOURS.muted,
			align: "right",
		});
	}
	if (sections.length === 0) {
		card.text("No answers yet: pick on a /question to start.", PAD + GAP, top + 62, { size: 16 });
	}
	sections.slice(0, SECTIONS_SHOWN).forEach((entry, index) => {
		const y = top + 46 + index * 22;
		const title = input.bank.section(entry.sectionId)?.title ?? entry.sectionId;
		card.text(title, PAD + GAP, y + 12, { size: 16 }, 250);
		card.bar(PAD + 290, y, 300, 12, rate(entry), barColour(rate(entry)));
		card.text(`${percent(entry)} of ${entry.answered}`, STATS_CARD_SIZE.width - PAD - GAP, y + 12, {
			size: 15,
			colour: CARD_COLOURS.muted,
			align: "right",
		});
	});
	return card.png();
}

export interface BoardCardRow {
	rank: number;
	name: string;
	/** "12 pts", "3 days". */
	value: string;
	/** "67% of 3"; empty for a streak. */
	detail: string;
	/** The member who asked, highlighted. */
	isCaller: boolean;
}

export interface BoardCardInput {
	title: string;
	subtitle: string;
	rows: readonly BoardCardRow[];
	/** The caller's own row when it is not on this page. */
	caller?: BoardCardRow;
}

const ROW_HEIGHT = 40;

function boardRow(card: Card, y: number, row: BoardCardRow): void {
	const right = BOARD_CARD_SIZE.width - PAD;
	card.rect(PAD, y, right - PAD, ROW_HEIGHT - 6, row.isCaller ? CARD_COLOURS.accent : CARD_COLOURS.panel, 8);
	const middle = y + 23;
	const podium = row.rank <= 3 && !row.isCaller ? CARD_COLOURS.gold : CARD_COLOURS.text;
	card.text(`${row.rank}`, PAD + 44, middle, { size: 18, bold: true, colour: podium, align: "right" }, 60);
	card.text(row.name, PAD + 64, middle, { size: 18 }, 380);
	card.text(row.value, right - 170, middle, { size: 18, bold: true, align: "right" }, 130);
	card.text(row.detail, right - 16, middle, { size: 15, colour: CARD_COLOURS.text, align: "right" }, 140);
}

/** A leaderboard page as a PNG: ranks, member names (never avatars, so no fetch per render), values. */
export async function renderBoardCard(input: BoardCardInput): Promise<Buffer> {
	const card = new Card(BOARD_CARD_SIZE.width, BOARD_CARD_SIZE.height);
	const inner = BOARD_CARD_SIZE.width - 2 * PAD;
	card.text(input.title, PAD, 52, { size: 28, bold: true }, inner);
	card.text(input.subtitle, PAD, 78, { size: 16, colour: CARD_COLOURS.muted }, inner);
	input.rows.slice(0, 10).forEach((row, index) => {
		boardRow(card, 96 + index * ROW_HEIGHT, row);
	});
	if (input.caller) boardRow(card, BOARD_CARD_SIZE.height - ROW_HEIGHT - 10, input.caller);
	return card.png();
}

/** A points board page as the card shows it, names looked up beforehand (never fetched per render). */
export function boardCardInput(
	board: BoardPage,
	names: ReadonlyMap<string, string>,
	callerId: string,
	server: string,
): BoardCardInput {
	const row = (entry: BoardRow): BoardCardRow => ({
		rank: entry.rank,
		name: names.get(entry.memberId) ?? entry.memberId,
		value: points(entry.points),
		detail: accuracy(entry),
		isCaller: entry.memberId === callerId,
	});
	return {
		title: `Leaderboard · ${periodLabel(board.period, board.bucket)}`,
		subtitle: `${server} · page ${board.page} of ${board.pages} · ${board.members} member${board.members === 1 ? "" : "s"}`,
		rows: board.rows.map(row),
		...(board.caller ? { caller: row(board.caller) } : {}),
	};
}

/** The streak board page the member asked for, in the same style. */
export function streakCardInput(
	rows: ReadonlyArray<{ memberId: string; days: number }>,
	page: { requested: number; size: number },
	names: ReadonlyMap<string, string>,
	callerId: string,
	server: string,
): BoardCardInput {
	const pages = Math.max(1, Math.ceil(rows.length / page.size));
	const shown = Math.min(page.requested, pages);
	const first = (shown - 1) * page.size;
	return {
		title: "Daily streaks",
		subtitle: `${server} · page ${shown} of ${pages}`,
		rows: rows.slice(first, first + page.size).map((entry, index) => ({
			rank: first + index + 1,
			name: names.get(entry.memberId) ?? entry.memberId,
			value: days(entry.days),
			detail: "",
			isCaller: entry.memberId === callerId,
		})),
	};
}
