import { createClient } from "@keyv/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openStore } from "../../src/store/open-store.js";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../support/redis-server.js";
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
});
