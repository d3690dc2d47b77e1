import type { Keyv } from "keyv";
import type { z } from "zod";
import { CorruptRecordError, type Store } from "../core/ports.js";

/** The one operation Keyv cannot express: a take-if-free that is atomic in the backend itself. */
export interface ClaimBackend {
	claim(key: string, ttlMs: number): Promise<boolean>;
	close(): Promise<void>;
}

export function createKeyvStore(keyv: Keyv, claims: ClaimBackend): Store {
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
		claim: (key, ttlMs) => claims.claim(key, ttlMs),
		async close() {
			await claims.close();
			await keyv.disconnect();
		},
	};
}
