import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sqlite from "node-sqlite3-wasm";
import type { Store } from "../src/core/ports.js";
import { boardKey, readBoardPage, recordAward } from "../src/core/standings.js";
import { EMBEDDED_STORE_FILE, openStore, type StoreTarget } from "../src/store/open-store.js";
import { percentile, round, timed } from "./measure.js";
import type { BenchRow } from "./row.js";

const MEMBERS = 100_000;
const SMALL = 1_000;
const SAMPLES = 500;
const member = (index: number) => String(100_000_000_000_000_000n + BigInt(index));

/** Fills a board through the store: Redis answers a thousand writes in flight at once. */
async function fillThroughStore(store: Store, key: string, members: number): Promise<void> {
	for (let start = 0; start < members; start += 1_000) {
		const batch = Array.from({ length: Math.min(1_000, members - start) }, (_, i) => start + i);
		await Promise.all(batch.map((index) => store.rankingSet(key, member(index), index % 5_000)));
	}
}

/**
 * The embedded store syncs every write to disk, as a bot's single writes should; a bench loading
 * 100,000 rows does it in one transaction on the same table the store reads.
 */
async function fillEmbedded(dataDir: string, key: string, members: number): Promise<void> {
	const probe = await openStore({ kind: "embedded", dataDir });
	await probe.rankingSet(key, "probe", 0);
	await probe.close();
	const db = new sqlite.Database(join(dataDir, EMBEDDED_STORE_FILE));
	try {
		const stored = db.get("SELECT key FROM rankings WHERE member = 'probe'")?.key as string;
		db.run("DELETE FROM rankings WHERE member = 'probe'");
		db.exec("BEGIN");
		for (let index = 0; index < members; index++) {
			db.run("INSERT INTO rankings (key, member, score) VALUES (?, ?, ?)", [stored, member(index), index % 5_000]);
		}
		db.exec("COMMIT");
	} finally {
		db.close();
	}
}

async function sample(store: Store, guildId: string, members: number) {
	const ctx = { store };
	const now = Date.now();
	const pages: number[] = [];
	const awards: number[] = [];
	for (let i = 0; i < SAMPLES; i++) {
		const caller = member(Math.floor(Math.random() * members));
		pages.push(
			(
				await timed(() =>
					readBoardPage(ctx, { guildId, period: "all", page: 1, callerId: caller, now, timeZone: "UTC" }),
				)
			).ms,
		);
		const scope = {
			guildId,
			roundId: `bench-${guildId}-${i}`,
			questionId: "q",
			sectionId: "s",
			at: now,
			timeZone: "UTC",
		};
		awards.push(
			(await timed(() => recordAward(ctx, { memberId: caller, points: 2, correct: true, first: false }, scope))).ms,
		);
	}
	return { pageP99: percentile(pages, 99), awardP50: percentile(awards, 50), awardP99: percentile(awards, 99) };
}

async function measure(label: string, target: StoreTarget, fill: (key: string, members: number) => Promise<void>) {
	const large = "bench-large";
	const small = "bench-small";
	await fill(boardKey(large, "all", ""), MEMBERS);
	await fill(boardKey(small, "all", ""), SMALL);
	const store = await openStore(target);
	try {
		const big = await sample(store, large, MEMBERS);
		const little = await sample(store, small, SMALL);
		return [
			{
				measure: `${label}: leaderboard page (top 10 + caller) p99, ${MEMBERS.toLocaleString("en")} members`,
				dojo: round(big.pageP99, 2),
				unit: "ms",
				target: label === "Redis" ? "< 5 ms" : "",
				...(label === "Redis" ? { met: big.pageP99 < 5 } : {}),
			},
			{
				measure: `${label}: award p50 at ${MEMBERS.toLocaleString("en")} members (baseline: at ${SMALL.toLocaleString("en")})`,
				dojo: round(big.awardP50, 2),
				baseline: round(little.awardP50, 2),
				unit: "ms",
				target: "O(log n): about flat",
				met: big.awardP50 <= little.awardP50 * 2,
			},
		] satisfies BenchRow[];
	} finally {
		await store.close();
	}
}

export async function leaderboardRows(redisUrl: string): Promise<BenchRow[]> {
	const redisTarget: StoreTarget = { kind: "redis", url: redisUrl };
	const redisStore = await openStore(redisTarget);
	const redisRows = await measure("Redis", redisTarget, (key, members) => fillThroughStore(redisStore, key, members));
	await redisStore.close();
	const dataDir = mkdtempSync(join(tmpdir(), "dojo-bench-"));
	try {
		const embeddedRows = await measure("embedded", { kind: "embedded", dataDir }, (key, members) =>
			fillEmbedded(dataDir, key, members),
		);
		return [...redisRows, ...embeddedRows];
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
}
