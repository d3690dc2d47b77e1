import { findRound, ROUNDS_DUE, saveRound } from "../../src/core/rounds.js";
import { openStore } from "../../src/store/open-store.js";

/**
 * Moves a round's deadline into the past, as if the bot had been down when it fell due. Only while no
 * bot process holds the store: it edits the same file the bot uses.
 */
export async function makeRoundOverdue(dataDir: string, messageId: string): Promise<void> {
	const store = await openStore({ kind: "embedded", dataDir });
	try {
		const round = await findRound({ store }, messageId);
		if (!round) throw new Error(`no round ${messageId} in ${dataDir}`);
		const overdue = Date.now() - 60_000;
		await saveRound({ store }, { ...round, revealDueAt: overdue });
		await store.rankingSet(ROUNDS_DUE, messageId, overdue);
	} finally {
		await store.close();
	}
}
