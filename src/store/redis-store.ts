import KeyvRedis, { createClient } from "@keyv/redis";
import { Keyv } from "keyv";
import type { Store } from "../core/ports.js";
import { createKeyvStore } from "./keyv-store.js";

export const KEY_NAMESPACE = "dojo";

/**
 * Redis through @keyv/redis. The offline queue is off so that a command fails at once while Redis is
 * unreachable instead of hanging past Discord's 3-second interaction deadline.
 */
export async function openRedisStore(url: string): Promise<Store> {
	const client = createClient({ url, disableOfflineQueue: true });
	await client.connect();
	const adapter = new KeyvRedis(client, { namespace: KEY_NAMESPACE, throwOnErrors: true });
	const keyv = new Keyv({ store: adapter, namespace: KEY_NAMESPACE, useKeyPrefix: false, throwOnErrors: true });
	const prefix = `${KEY_NAMESPACE}${adapter.keyPrefixSeparator}`;
	return createKeyvStore(keyv, {
		async claim(key, ttlMs) {
			const reply = await client.set(`${prefix}claim:${key}`, "1", { NX: true, PX: ttlMs });
			return reply === "OK";
		},
		async close() {},
	});
}
