import { findMockSession } from "../../src/core/mock/session.js";
import { readProgress, recordTurnPosted } from "../../src/core/mock/turns.js";
import { findRound, ROUNDS_DUE, saveRound } from "../../src/core/rounds.js";
import { openStore, type StoreTarget } from "../../src/store/open-store.js";

/**
 * Moves a round's deadline into the past, as if the bot had been down when it fell due. On the embedded
 * store only while no bot process holds the file; on Redis at any time.
 */
export async function makeRoundOverdue(target: string | StoreTarget, messageId: string): Promise<void> {
	const store = await openStore(typeof target === "string" ? { kind: "embedded", dataDir: target } : target);
	try {
		const round = await findRound({ store }, messageId);
		if (!round) throw new Error(`no round ${messageId} in the store`);
		const overdue = Date.now() - 60_000;
		await saveRound({ store }, { ...round, revealDueAt: overdue });
		await store.rankingSet(ROUNDS_DUE, messageId, overdue);
	} finally {
		await store.close();
	}
}

/** Moves a mock interview question's time-out into the past, as if its minutes had gone by. */
export async function makeMockTurnOverdue(target: StoreTarget, sessionId: string, turn: number): Promise<void> {
	const store = await openStore(target);
	try {
		const session = await findMockSession({ store }, sessionId);
		if (!session) throw new Error(`no mock interview ${sessionId} in the store`);
		const logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => logger };
		const posted = (await readProgress({ store, logger }, session)).turns[turn]?.posted;
		if (!posted) throw new Error(`question ${turn} of ${sessionId} was not posted`);
		await recordTurnPosted({ store }, sessionId, turn, { ...posted, dueAt: Date.now() - 1_000 });
	} finally {
		await store.close();
	}
}
