import type { Keyv } from "keyv";
import type { z } from "zod";
import { type AtomicStructures, CorruptRecordError, type Store } from "../core/ports.js";

/** What Keyv cannot express: operations that must be atomic in the backend itself. */
export interface AtomicBackend extends AtomicStructures {
	/** Takes `key` for `ttlMs` if nobody holds it. */
	claim(key: string, ttlMs: number): Promise<boolean>;
	close(): Promise<void>;
}

export function createKeyvStore(keyv: Keyv, atomic: AtomicBackend): Store {
	return {
		async get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
			const raw: unknown = await keyv.get(key);
			if (raw === undefined) return undefined;
			const parsed = schema.safeParse(raw);
			if (!parsed.success) throw new CorruptRecordError(key, parsed.error.message);
			return parsed.data;
		},
		async set(key, value, ttlMs) {
			await keyv.set(key, value, ttlMs);
		},
		async delete(key) {
			await keyv.delete(key);
		},
		claim: (key, ttlMs) => atomic.claim(key, ttlMs),
		hashSetIfAbsent: (key, field, value) => atomic.hashSetIfAbsent(key, field, value),
		hashGetAll: (key) => atomic.hashGetAll(key),
		hashAddFirstAbsent: (key, fields) => atomic.hashAddFirstAbsent(key, fields),
		hashSet: (key, field, value) => atomic.hashSet(key, field, value),
		hashDelete: (key, field) => atomic.hashDelete(key, field),
		hashIncrement: (key, field, by) => atomic.hashIncrement(key, field, by),
		rankingSet: (key, member, score) => atomic.rankingSet(key, member, score),
		rankingIncrement: (key, member, by) => atomic.rankingIncrement(key, member, by),
		rankingPage: (key, offset, limit) => atomic.rankingPage(key, offset, limit),
		rankingStanding: (key, member) => atomic.rankingStanding(key, member),
		rankingSize: (key) => atomic.rankingSize(key),
		rankingUpTo: (key, maxScore, limit, offset) => atomic.rankingUpTo(key, maxScore, limit, offset),
		rankingRemove: (key, member) => atomic.rankingRemove(key, member),
		deleteStructure: (key) => atomic.deleteStructure(key),
		async close() {
			await atomic.close();
			await keyv.disconnect();
		},
	};
}
