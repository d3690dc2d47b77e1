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
			await store.set(k, { n: 1, tags: [] }, 50);
			expect(await store.get(k, record)).toBeDefined();
			await new Promise((resolve) => setTimeout(resolve, 120));
			expect(await store.get(k, record)).toBeUndefined();
		});

		it("GIVEN 50 concurrent claims of one key THEN exactly one wins, and it is free again after its TTL", async () => {
			const k = key("claim");
			const results = await Promise.all(Array.from({ length: 50 }, () => store.claim(k, 100)));
			expect(results.filter(Boolean)).toHaveLength(1);
			expect(await store.claim(k, 100)).toBe(false);
			await new Promise((resolve) => setTimeout(resolve, 150));
			expect(await store.claim(k, 100)).toBe(true);
		});

		it("GIVEN a reopened store THEN what was written before is still there", async (context) => {
			if (!reopen) return context.skip("this backend does not persist");
			const k = key("persist");
			await store.set(k, { n: 42, tags: ["kept"] });
			await store.close();
			store = await reopen();
			expect(await store.get(k, record)).toEqual({ n: 42, tags: ["kept"] });
		});
	});
}
