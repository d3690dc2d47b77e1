import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Keyv } from "keyv";
import type { Store } from "../core/ports.js";
import { claimStoreFile } from "./data-dir-owner.js";
import { createKeyvStore } from "./keyv-store.js";
import { KEY_NAMESPACE, openRedisStore, type RedisConnectionEvents } from "./redis-store.js";

export const EMBEDDED_STORE_FILE = "dojo.sqlite";

export type StoreTarget = { kind: "redis"; url: string } | { kind: "embedded"; dataDir: string };

export function describeStore(target: StoreTarget): string {
	return target.kind === "redis" ? "redis" : `embedded (${join(target.dataDir, EMBEDDED_STORE_FILE)})`;
}

export async function openStore(target: StoreTarget, events?: RedisConnectionEvents): Promise<Store> {
	if (target.kind === "redis") return openRedisStore(target.url, events);
	mkdirSync(target.dataDir, { recursive: true });
	const file = join(target.dataDir, EMBEDDED_STORE_FILE);
	// Loaded only for the embedded store: the SQLite build reserves 16 MiB of WebAssembly memory on import,
	// which a bot on Redis would carry for nothing.
	const { SqliteAdapter } = await import("./sqlite-adapter.js");
	const release = claimStoreFile(file);
	const adapter = new SqliteAdapter(file);
	const store = createKeyvStore(new Keyv({ store: adapter, namespace: KEY_NAMESPACE, throwOnErrors: true }), adapter);
	return {
		...store,
		async close() {
			await store.close();
			release();
		},
	};
}
