import { Keyv } from "keyv";
import type { Clock, Store } from "../core/ports.js";
import { createKeyvStore } from "./keyv-store.js";

/** Forgets everything on exit: for tests only, never a production default. */
export function createMemoryStore(clock: Clock = { now: Date.now }): Store {
	const claims = new Map<string, number>();
	return createKeyvStore(new Keyv({ throwOnErrors: true }), {
		async claim(key, ttlMs) {
			const now = clock.now();
			const heldUntil = claims.get(key);
			if (heldUntil !== undefined && heldUntil > now) return false;
			claims.set(key, now + ttlMs);
			return true;
		},
		async close() {},
	});
}
