import type { Bank } from "../bank/bank.js";
import type { Period } from "../scoring/periods.js";
import type { BoardPage, BoardRow, MemberStats, ReviewEntry, Tally } from "../standings.js";
import { echoInput } from "./echo.js";
import { EMBED_LIMITS, type Embed } from "./embed.js";

const BOARD_COLOUR = 0xf1c40f;
const STATS_COLOUR = 0x5865f2;

const PERIOD_LABELS: Record<Period, string> = { all: "All time", week: "This week", month: "This month" };

export function periodLabel(period: Period, bucket: string): string {
	return period === "all" ? PERIOD_LABELS.all : `${PERIOD_LABELS[period]} (${bucket})`;
}

/** The label inside a sentence: "all time", "this week (2026-W48)". */
export function periodPhrase(period: Period, bucket: string): string {
	const label = periodLabel(period, bucket);
	return label.charAt(0).toLowerCase() + label.slice(1);
}

export function accuracy(tally: Tally): string {
	if (tally.answered === 0) return "no answers";
	return `${Math.round((tally.correct / tally.answered) * 100)}% of ${tally.answered}`;
}

const points = (value: number) => `${value} pt${value === 1 ? "" : "s"}`;
const days = (value: number) => `${value} day${value === 1 ? "" : "s"}`;

function boardLine(row: BoardRow): string {
	return `**${row.rank}.** <@${row.memberId}> · ${points(row.points)} · ${accuracy(row)}`;
}

const pageCount = (pages: number) => `${pages} page${pages === 1 ? "" : "s"}`;

/** Said above a board when the member asked for a page past its end, instead of silently showing another. */
export function noSuchPage(requested: number, pages: number, board = "the board"): string {
	return `There is no page ${requested}: ${board} has ${pageCount(pages)}. Here is page ${pages}.`;
}

/** A leaderboard page; an empty board is a friendly sentence rather than an empty embed. */
export function renderBoard(board: BoardPage): { content: string } | { content?: string; embeds: Embed[] } {
	const label = periodLabel(board.period, board.bucket);
	if (board.members === 0) {
		return {
			content: `Nobody is on the board for ${periodPhrase(board.period, board.bucket)} yet. Answer a /question to be the first!`,
		};
	}
	const lines = board.rows.map(boardLine);
	if (board.caller) lines.push("", `You: ${boardLine(board.caller)}`);
	return {
		...(board.requestedPage > board.pages ? { content: noSuchPage(board.requestedPage, board.pages) } : {}),
		embeds: [
			{
				title: `Leaderboard · ${label}`,
				description: lines.join("\n"),
				color: BOARD_COLOUR,
				footer: { text: `Page ${board.page} of ${board.pages} · ${board.members} members` },
			},
		],
	};
}

/** A member's standing and strengths; sections are named by title, best and weakest by accuracy. */
export function renderStats(
	stats: MemberStats,
	memberId: string,
	bank: Bank,
	streak: { current: number; best: number } = { current: 0, best: 0 },
): Embed {
	const standing = (["all", "week", "month"] as const).map((period) => {
		const entry = stats.periods[period];
		const label = PERIOD_LABELS[period];
		return entry
			? `${label}: ${points(entry.points)}, rank ${entry.rank} of ${entry.of}`
			: `${label}: not on the board`;
	});
	const title = (sectionId: string) => bank.section(sectionId)?.title ?? sectionId;
	const sections = [...stats.sections].sort((a, b) => rate(b) - rate(a) || b.answered - a.answered);
	const lines = [
		`<@${memberId}>`,
		"",
		...standing,
		"",
		`Questions answered: ${stats.overall.answered} · accuracy ${accuracy(stats.overall)}`,
		`Daily streak: ${days(streak.current)} (best ${days(streak.best)})`,
	];
	if (sections.length > 0) {
		lines.push("", ...sections.map((entry) => `${title(entry.sectionId)}: ${accuracy(entry)}`));
	}
	const best = sections[0];
	const weakest = sections.at(-1);
	if (best && weakest && sections.length > 1) {
		lines.push("", `Best section: **${title(best.sectionId)}** · Weakest: **${title(weakest.sectionId)}**`);
	}
	return { title: "Stats", description: lines.join("\n"), color: STATS_COLOUR };
}

const rate = (tally: Tally) => (tally.answered === 0 ? 0 : tally.correct / tally.answered);

const REVIEW_SHOWN = 20;
const REVIEW_PROMPT_LENGTH = 90;
const REVIEW_TEXT_BUDGET = EMBED_LIMITS.description - 200;

/** Questions to practise again, newest first: id, section, when, and the start of the prompt. */
export function renderReview(entries: readonly ReviewEntry[], bank: Bank): { content: string } | { embeds: Embed[] } {
	if (entries.length === 0) {
		return { content: "Nothing to review: every question you answered, you got right. Keep going!" };
	}
	const lines: string[] = [];
	let length = 0;
	for (const entry of entries.slice(0, REVIEW_SHOWN)) {
		const prompt = bank.question(entry.questionId)?.prompt;
		const line =
			`\`${entry.questionId}\` · ${bank.section(entry.sectionId)?.title ?? entry.sectionId} · <t:${Math.floor(entry.at / 1000)}:R>` +
			(prompt ? `\n${echoInput(prompt, REVIEW_PROMPT_LENGTH)}` : "");
		// Room is kept for the "… and N more" line and the closing hint.
		if (length + line.length > REVIEW_TEXT_BUDGET) break;
		lines.push(line);
		length += line.length + 1;
	}
	if (entries.length > lines.length) lines.push(`… and ${entries.length - lines.length} more`);
	return {
		embeds: [
			{
				title: "To review",
				description: `${lines.join("\n")}\n\nAsk one again with \`/question id:<id>\`.`,
				color: STATS_COLOUR,
			},
		],
	};
}

/** The current daily streaks; none going is a nudge rather than an empty embed. */
export function renderStreakBoard(
	rows: ReadonlyArray<{ memberId: string; days: number }>,
	page: { requested: number; size: number },
): { content: string } | { content?: string; embeds: Embed[] } {
	if (rows.length === 0) {
		return { content: "Nobody has a daily streak going. Answer today's question of the day to start one!" };
	}
	const pages = Math.ceil(rows.length / page.size);
	const shown = Math.min(page.requested, pages);
	const first = (shown - 1) * page.size;
	const lines = rows
		.slice(first, first + page.size)
		.map((row, index) => `**${first + index + 1}.** <@${row.memberId}> · ${days(row.days)}`);
	return {
		...(page.requested > pages ? { content: noSuchPage(page.requested, pages, "the streak board") } : {}),
		embeds: [{ title: "Daily streaks", description: lines.join("\n"), color: BOARD_COLOUR }],
	};
}
