import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CorruptRecordError, type Store } from "../../src/core/ports.js";

/** The behaviour every backend owes the bot; each backend's test file runs it. */
export function storeContract(name: string, open: () => Promise<{ store: Store; reopen?: () => Promise<Store> }>) {
	describe(`store contract: ${name}`, () => {
		let store: Store;
		let reopen: (() => Promise<Store>) | undefined;
		const record = z.object({ n: z.number(), tags: z.array(z.string()) });
		let prefix = 0;
		const key = (suffix: string) => `contract:${Date.now()}:${++prefix}:${suffix}`;

		beforeAll(async () => {
			({ store, reopen } = await open());
		});
		afterAll(async () => {
			await store.close();
		});

		it("GIVEN a missing key THEN get resolves undefined", async () => {
			expect(await store.get(key("missing"), record)).toBeUndefined();
		});

		it("GIVEN a set record THEN get returns it validated, and delete removes it", async () => {
			const k = key("roundtrip");
			await store.set(k, { n: 7, tags: ["a", "ü", "🇦"] });
			expect(await store.get(k, record)).toEqual({ n: 7, tags: ["a", "ü", "🇦"] });
			await store.delete(k);
			expect(await store.get(k, record)).toBeUndefined();
		});

		it("GIVEN a record of the wrong shape THEN get throws CorruptRecordError naming the key", async () => {
			const k = key("corrupt");
			await store.set(k, { n: "seven" });
			await expect(store.get(k, record)).rejects.toThrow(CorruptRecordError);
			await expect(store.get(k, record)).rejects.toThrow(k);
		});

		it("GIVEN a TTL THEN the record is gone after it", async () => {
			const k = key("ttl");
			// Long enough that a loaded machine cannot let it lapse before the first read.
			await store.set(k, { n: 1, tags: [] }, 1_000);
			expect(await store.get(k, record)).toBeDefined();
			await new Promise((resolve) => setTimeout(resolve, 1_200));
			expect(await store.get(k, record)).toBeUndefined();
		});

		it("GIVEN 50 concurrent claims of one key THEN exactly one wins, and it is free again after its TTL", async () => {
			const k = key("claim");
			// The TTL is long enough that a loaded machine cannot let it lapse during the 50 claims.
			const ttlMs = 2_000;
			const results = await Promise.all(Array.from({ length: 50 }, () => store.claim(k, ttlMs)));
			expect(results.filter(Boolean)).toHaveLength(1);
			expect(await store.claim(k, ttlMs)).toBe(false);
			await new Promise((resolve) => setTimeout(resolve, ttlMs + 200));
			expect(await store.claim(k, ttlMs)).toBe(true);
		});

		it("GIVEN 50 concurrent first writes of one hash field THEN exactly one is kept", async () => {
			const k = key("hash-once");
			const results = await Promise.all(
				Array.from({ length: 50 }, (_, i) => store.hashSetIfAbsent(k, "member-1", `pick-${i}`)),
			);
			expect(results.filter(Boolean)).toHaveLength(1);
			const winner = results.indexOf(true);
			expect(await store.hashGetAll(k)).toEqual({ "member-1": `pick-${winner}` });
			expect(await store.hashSetIfAbsent(k, "member-2", "🇧")).toBe(true);
			expect(await store.hashGetAll(k)).toEqual({ "member-1": `pick-${winner}`, "member-2": "🇧" });
		});

		it("GIVEN 50 concurrent takes of the first absent of 40 fields THEN each field goes once, in positions 1 to 40, and then none", async () => {
			const k = key("first-absent");
			const fields = Array.from({ length: 40 }, (_, i) => `q${i}`);
			expect(await store.hashAddFirstAbsent(k, ["q3", "q1"])).toEqual({ field: "q3", position: 1 });
			const taken = await Promise.all(Array.from({ length: 50 }, () => store.hashAddFirstAbsent(k, fields)));
			const won = taken.filter((result) => result !== undefined);
			expect(won.map((result) => result.field).sort()).toEqual(fields.filter((field) => field !== "q3").sort());
			expect(won.map((result) => result.position).sort((a, b) => a - b)).toEqual(
				Array.from({ length: 39 }, (_, i) => i + 2),
			);
			expect(won[0]?.field).toBe("q0");
			expect(await store.hashAddFirstAbsent(k, fields)).toBeUndefined();
			expect(await store.hashAddFirstAbsent(k, [])).toBeUndefined();
			expect((await store.hashGetAll(k)).q3).toBe("1");
		});

		it("GIVEN hashSet and hashDelete THEN a field is overwritten and removed, its siblings untouched", async () => {
			const k = key("hash-set");
			await store.hashSet(k, "q1", "wrong");
			await store.hashSet(k, "q2", "partly");
			await store.hashSet(k, "q1", "wrong again");
			await store.hashDelete(k, "q2");
			await store.hashDelete(k, "never-there");
			expect(await store.hashGetAll(k)).toEqual({ q1: "wrong again" });
		});

		it("GIVEN concurrent increments of one field THEN none is lost", async () => {
			const k = key("counter");
			await Promise.all(Array.from({ length: 100 }, (_, i) => store.hashIncrement(k, "points", (i % 3) + 1)));
			expect(await store.hashIncrement(k, "points", 0)).toBe(199);
			expect(await store.hashIncrement(k, "answered", -2)).toBe(-2);
			expect(await store.hashGetAll(k)).toEqual({ points: "199", answered: "-2" });
		});

		it("GIVEN a ranking THEN pages run from the highest score, ties in descending member order", async () => {
			const k = key("ranking");
			expect(await store.rankingPage(k, 0, 10)).toEqual([]);
			expect(await store.rankingStanding(k, "nobody")).toBeUndefined();
			const scores: Record<string, number> = { "111": 5, "222": 9, "333": 5, "44": 5, "555": 1 };
			for (const [member, score] of Object.entries(scores)) await store.rankingIncrement(k, member, score);
			expect(await store.rankingIncrement(k, "555", 2)).toBe(3);
			expect(await store.rankingSize(k)).toBe(5);
			const everyone = await store.rankingPage(k, 0, 10);
			expect(everyone).toEqual([
				{ member: "222", score: 9 },
				{ member: "44", score: 5 },
				{ member: "333", score: 5 },
				{ member: "111", score: 5 },
				{ member: "555", score: 3 },
			]);
			expect(await store.rankingPage(k, 1, 2)).toEqual(everyone.slice(1, 3));
			for (const [index, entry] of everyone.entries()) {
				expect(await store.rankingStanding(k, entry.member)).toEqual({ rank: index + 1, score: entry.score });
			}
			await store.deleteStructure(k);
			expect(await store.rankingSize(k)).toBe(0);
		});

		it("GIVEN a ranking used as a schedule THEN entries due by a time come earliest first, and removed ones go", async () => {
			const k = key("schedule");
			await store.rankingIncrement(k, "round-b", 2_000);
			await store.rankingSet(k, "round-a", 9_000);
			await store.rankingSet(k, "round-a", 1_000);
			await store.rankingIncrement(k, "round-c", 3_000);
			expect(await store.rankingUpTo(k, 2_500, 10)).toEqual([
				{ member: "round-a", score: 1_000 },
				{ member: "round-b", score: 2_000 },
			]);
			expect(await store.rankingUpTo(k, 5_000, 1)).toEqual([{ member: "round-a", score: 1_000 }]);
			expect(await store.rankingUpTo(k, 5_000, 1, 1)).toEqual([{ member: "round-b", score: 2_000 }]);
			expect(await store.rankingUpTo(k, 5_000, 10, 2)).toEqual([{ member: "round-c", score: 3_000 }]);
			expect(await store.rankingUpTo(k, 2_500, 10, 2)).toEqual([]);
			expect(await store.rankingRemove(k, "round-a")).toBe(true);
			expect(await store.rankingRemove(k, "round-a")).toBe(false);
			expect((await store.rankingUpTo(k, 5_000, 10)).map((entry) => entry.member)).toEqual(["round-b", "round-c"]);
		});

		it("GIVEN 200 concurrent awards over 20 members THEN every point is on the board", async () => {
			const k = key("awards");
			await Promise.all(Array.from({ length: 200 }, (_, i) => store.rankingIncrement(k, `m${i % 20}`, 2)));
			const board = await store.rankingPage(k, 0, 50);
			expect(board).toHaveLength(20);
			expect(board.every((entry) => entry.score === 20)).toBe(true);
		});

		it("GIVEN a reopened store THEN what was written before is still there", async (context) => {
			if (!reopen) return context.skip("this backend does not persist");
			const k = key("persist");
			await store.set(k, { n: 42, tags: ["kept"] });
			await store.close();
			store = await reopen();
			expect(await store.get(k, record)).toEqual({ n: 42, tags: ["kept"] });
		});

		it("GIVEN a reopened store THEN hashes and rankings are still there", async (context) => {
			if (!reopen) return context.skip("this backend does not persist");
			const [hashKey, rankingKey] = [key("kept-hash"), key("kept-ranking")];
			await store.hashSetIfAbsent(hashKey, "member", "🇨");
			await store.rankingIncrement(rankingKey, "member", 4);
			await store.close();
			store = await reopen();
			expect(await store.hashGetAll(hashKey)).toEqual({ member: "🇨" });
			expect(await store.rankingStanding(rankingKey, "member")).toEqual({ rank: 1, score: 4 });
		});
	});
}
