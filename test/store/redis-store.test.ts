import { createClient } from "@keyv/redis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../../harness/redis-server.js";
import { StoreUnavailableError } from "../../src/core/ports.js";
import { openStore } from "../../src/store/open-store.js";
import { storeContract } from "./store.contract.js";

const skip = skipWithoutRedis();
let redis: PrivateRedis;

describe.skipIf(skip)("redis backend", () => {
	beforeAll(async () => {
		redis = await startPrivateRedis();
	});
	afterAll(async () => {
		await redis?.stop();
	});

	storeContract("redis", async () => {
		const open = () => openStore({ kind: "redis", url: redis.url });
		return { store: await open(), reopen: open };
	});

	it("GIVEN a record THEN it lives under the dojo:: prefix, once, as Keyv JSON", async () => {
		const store = await openStore({ kind: "redis", url: redis.url });
		await store.set("round:123", { ok: true });
		const raw = createClient({ url: redis.url });
		await raw.connect();
		try {
			expect(await raw.keys("*round:123")).toEqual(["dojo::round:123"]);
			expect(await store.get("round:123", z.object({ ok: z.boolean() }))).toEqual({ ok: true });
		} finally {
			await raw.close();
			await store.close();
		}
	});

	it("GIVEN two stores sharing one Redis THEN 50 members' picks split between them are each kept once, and points add up", async () => {
		const [left, right] = await Promise.all([
			openStore({ kind: "redis", url: redis.url }),
			openStore({ kind: "redis", url: redis.url }),
		]);
		try {
			const members = Array.from({ length: 50 }, (_, i) => `member-${i}`);
			const attempts = members.flatMap((member, i) => [
				left.hashSetIfAbsent("picks:shared", member, `left-${i}`),
				right.hashSetIfAbsent("picks:shared", member, `right-${i}`),
			]);
			const kept = await Promise.all(attempts);
			expect(kept.filter(Boolean)).toHaveLength(50);
			expect(Object.keys(await left.hashGetAll("picks:shared"))).toHaveLength(50);
			await Promise.all(
				members.flatMap((member) => [left, right].map((s) => s.rankingIncrement("board:shared", member, 3))),
			);
			const board = await right.rankingPage("board:shared", 0, 100);
			expect(board.reduce((sum, entry) => sum + entry.score, 0)).toBe(300);
		} finally {
			await Promise.all([left.close(), right.close()]);
		}
	});

	it("GIVEN Redis goes away THEN operations fail at once with StoreUnavailableError instead of hanging", async () => {
		const doomed = await startPrivateRedis();
		const store = await openStore({ kind: "redis", url: doomed.url });
		try {
			await store.set("round:1", { ok: true });
			await doomed.stop();
			const started = Date.now();
			await expect(store.get("round:1", z.unknown())).rejects.toBeInstanceOf(StoreUnavailableError);
			await expect(store.hashSetIfAbsent("picks:1", "member", "🇦")).rejects.toBeInstanceOf(StoreUnavailableError);
			expect(Date.now() - started).toBeLessThan(1_000);
		} finally {
			await store.close().catch(() => undefined);
		}
	});

	it("GIVEN a Redis that stops answering (paused) THEN an operation fails within its deadline instead of hanging", async () => {
		const frozen = await startPrivateRedis();
		const store = await openStore({ kind: "redis", url: frozen.url });
		try {
			await store.set("round:1", { ok: true });
			frozen.pause();
			await expect(store.get("round:1", z.unknown())).rejects.toBeInstanceOf(StoreUnavailableError);
			frozen.resume();
			await vi.waitFor(async () => expect(await store.get("round:1", z.unknown())).toEqual({ ok: true }), {
				timeout: 10_000,
				interval: 200,
			});
		} finally {
			await store.close().catch(() => undefined);
			await frozen.stop();
		}
	});

	it("GIVEN Redis is not running at start THEN the store opens anyway, reports it, and works once Redis starts", async () => {
		const late = await startPrivateRedis();
		await late.down();
		const reports: string[] = [];
		const store = await openStore(
			{ kind: "redis", url: late.url },
			{ onUnreachableAtStart: () => reports.push("unreachable"), onReady: () => reports.push("back") },
		);
		try {
			expect(reports).toEqual(["unreachable"]);
			await expect(store.rankingSize("board:late")).rejects.toBeInstanceOf(StoreUnavailableError);
			await late.up();
			await vi.waitFor(async () => expect(await store.rankingIncrement("board:late", "ada", 2)).toBe(2), {
				timeout: 15_000,
				interval: 250,
			});
			expect(reports).toEqual(["unreachable", "back"]);
		} finally {
			await store.close();
			await late.stop();
		}
	});
});
