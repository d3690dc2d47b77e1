import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EMBEDDED_STORE_FILE, openStore } from "../../src/store/open-store.js";
import { storeContract } from "./store.contract.js";

const dataDir = mkdtempSync(join(tmpdir(), "dojo-embedded-"));
const open = () => openStore({ kind: "embedded", dataDir });

storeContract("embedded SQLite file", async () => ({ store: await open(), reopen: open }));

describe("embedded store file ownership", () => {
	it("GIVEN the lock a crashed bot left behind THEN the next start opens the file and writes", async () => {
		const dir = mkdtempSync(join(tmpdir(), "dojo-crashed-"));
		const file = join(dir, EMBEDDED_STORE_FILE);
		const before = await openStore({ kind: "embedded", dataDir: dir });
		await before.rankingSet("board:g:all", "ada", 3);
		await before.close();
		const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
		mkdirSync(`${file}.lock`);
		writeFileSync(`${file}.pid`, dead);

		const after = await openStore({ kind: "embedded", dataDir: dir });
		try {
			await after.rankingIncrement("board:g:all", "ada", 2);
			expect(await after.rankingStanding("board:g:all", "ada")).toEqual({ rank: 1, score: 5 });
		} finally {
			await after.close();
		}
		expect(existsSync(`${file}.pid`)).toBe(false);
	});

	it("GIVEN a live process holding the file THEN opening it is refused, naming the process", async () => {
		const dir = mkdtempSync(join(tmpdir(), "dojo-shared-"));
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, `${EMBEDDED_STORE_FILE}.pid`), String(process.ppid));
		await expect(openStore({ kind: "embedded", dataDir: dir })).rejects.toThrow(
			`is in use by process ${process.ppid}; run one bot per DATA_DIR, or several on one REDIS_URL`,
		);
	});
});
