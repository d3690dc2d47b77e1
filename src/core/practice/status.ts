import type { DojoContext } from "../context.js";
import { readCards, recallChance } from "./cards.js";
import { dueCutoff, nextDueAfter } from "./queue.js";

const WEEK_MS = 7 * 24 * 60 * 60_000;

export interface SectionRetention {
	sectionId: string;
	cards: number;
	/** The mean chance, 0 to 1, that the member recalls one of these answers now (FSRS's retrievability). */
	retention: number;
}

export interface PracticeStatus {
	/** Cards whose day has come (today in the member's zone, or earlier). */
	dueNow: number;
	/** Cards that come due in the seven days after today. */
	dueThisWeek: number;
	cards: number;
	/** Cards whose last answer was right. */
	learned: number;
	sections: SectionRetention[];
	/** When the next card not due yet comes due. */
	nextDue?: number;
}

/** What a member's practice queue holds, for /practice status and the progress card. */
export async function readPracticeStatus(
	ctx: Pick<DojoContext, "store" | "bank" | "clock" | "logger">,
	query: { guildId: string; memberId: string; timeZone: string },
): Promise<PracticeStatus> {
	const now = ctx.clock.now();
	const cutoff = dueCutoff(now, query.timeZone);
	const cards = await readCards(ctx, query.guildId, query.memberId);
	const bySection = new Map<string, { cards: number; total: number }>();
	for (const { question, card } of cards) {
		const entry = bySection.get(question.section) ?? { cards: 0, total: 0 };
		entry.cards += 1;
		entry.total += recallChance(card, now);
		bySection.set(question.section, entry);
	}
	const nextDue = nextDueAfter(cards, cutoff);
	return {
		dueNow: cards.filter((entry) => entry.card.due <= cutoff).length,
		dueThisWeek: cards.filter((entry) => entry.card.due > cutoff && entry.card.due <= cutoff + WEEK_MS).length,
		cards: cards.length,
		learned: cards.filter((entry) => entry.card.last === "good").length,
		sections: [...bySection]
			.map(([sectionId, entry]) => ({ sectionId, cards: entry.cards, retention: entry.total / entry.cards }))
			.sort((a, b) => a.retention - b.retention),
		...(nextDue === undefined ? {} : { nextDue }),
	};
}

/** How many cards are due today in the member's zone: what a reminder announces. */
export async function countDueCards(
	ctx: Pick<DojoContext, "store" | "bank" | "logger">,
	query: { guildId: string; memberId: string; now: number; timeZone: string },
): Promise<number> {
	const cutoff = dueCutoff(query.now, query.timeZone);
	return (await readCards(ctx, query.guildId, query.memberId)).filter((entry) => entry.card.due <= cutoff).length;
}
