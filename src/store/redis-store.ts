import KeyvRedis, { createClient } from "@keyv/redis";
import { Keyv } from "keyv";
import { type Store, StoreUnavailableError } from "../core/ports.js";
import { createDeadlines } from "../lib/deadline.js";
import { type AtomicBackend, createKeyvStore } from "./keyv-store.js";
import { wrapStore } from "./wrap-store.js";

export const KEY_NAMESPACE = "dojo";

/** How a Redis connection is doing, for the bot's log. */
export interface RedisConnectionEvents {
	onProblem?(problem: string): void;
	onReady?(): void;
	/** Start-up gave up waiting for a first connection; the client keeps trying in the background. */
	onUnreachableAtStart?(): void;
}

const MAX_BACKOFF_MS = 5_000;
/** How long start-up waits for a first connection before serving without one. */
const STARTUP_WAIT_MS = 3_000;
/**
 * A command that gets no answer in this time (Redis paused, a black-holed connection) fails, so that an
 * interaction can still be answered within Discord's 3 seconds.
 */
export const COMMAND_TIMEOUT_MS = 2_000;
/** A dropped connection reports an error on every retry; the log gets one line per this interval. */
const PROBLEM_REPORT_INTERVAL_MS = 10_000;

function createDojoClient(url: string, events: RedisConnectionEvents) {
	const client = createClient({
		url,
		disableOfflineQueue: true,
		socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, MAX_BACKOFF_MS) },
	});
	let lastReport = 0;
	let troubled = false;
	// Without a listener an 'error' event would crash the process on the first dropped connection.
	client.on("error", (error: Error) => {
		troubled = true;
		if (Date.now() - lastReport < PROBLEM_REPORT_INTERVAL_MS) return;
		lastReport = Date.now();
		events.onProblem?.("code" in error && error.code ? `${error.code}: ${error.message}` : error.message);
	});
	client.on("ready", () => {
		if (troubled) events.onReady?.();
		troubled = false;
	});
	return client;
}

type RedisClient = ReturnType<typeof createDojoClient>;

/**
 * Redis through @keyv/redis. The offline queue is off and every command has a deadline, so that a
 * command fails at once while Redis is unreachable instead of hanging past Discord's 3-second
 * interaction deadline. The client reconnects with backoff for ever, from start-up on: a bot started
 * before its Redis serves members ("temporarily unavailable") and recovers on its own.
 */
export async function openRedisStore(url: string, events: RedisConnectionEvents = {}): Promise<Store> {
	const client = createDojoClient(url, events);
	const connected = client.connect().then(
		() => true,
		() => false,
	);
	const waited = new Promise<false>((resolve) => setTimeout(() => resolve(false), STARTUP_WAIT_MS).unref());
	if (!(await Promise.race([connected, waited]))) events.onUnreachableAtStart?.();
	const adapter = new KeyvRedis(client, { namespace: KEY_NAMESPACE, throwOnErrors: true });
	const keyv = new Keyv({ store: adapter, namespace: KEY_NAMESPACE, useKeyPrefix: false, throwOnErrors: true });
	const store = createKeyvStore(keyv, redisAtomics(client, `${KEY_NAMESPACE}${adapter.keyPrefixSeparator}`));
	// One timer for every command's deadline, not one per command: this wraps every store call.
	const withinDeadline = createDeadlines(
		COMMAND_TIMEOUT_MS,
		() => new StoreUnavailableError(new Error(`Redis gave no answer within ${COMMAND_TIMEOUT_MS} ms`)),
	);
	// With the offline queue off, a command fails at once while the connection is down; say so in a way
	// the bot can explain to members, instead of a bare client error.
	const explain = (error: unknown): never => {
		if (error instanceof StoreUnavailableError) throw error;
		if (!client.isReady) throw new StoreUnavailableError(error);
		throw error;
	};
	return wrapStore(store, (_operation, call) => {
		let sent: Promise<unknown>;
		try {
			sent = call();
		} catch (error) {
			return Promise.reject(error).catch(explain);
		}
		return withinDeadline(sent).catch(explain);
	});
}

/** hashAddFirstAbsent in one step on the server: HSETNX down the list until one sets. */
const FIRST_ABSENT_SCRIPT = `
local position = redis.call('HLEN', KEYS[1]) + 1
for i = 1, #ARGV do
	if redis.call('HSETNX', KEYS[1], ARGV[i], position) == 1 then return { ARGV[i], position } end
end
return false`;

/** Hashes and sorted sets on the client @keyv/redis holds, under the same key prefix as its records. */
function redisAtomics(client: RedisClient, prefix: string): AtomicBackend {
	const k = (key: string) => `${prefix}${key}`;
	return {
		async claim(key, ttlMs) {
			return (await client.set(k(`claim:${key}`), "1", { NX: true, PX: ttlMs })) === "OK";
		},
		async hashSetIfAbsent(key, field, value) {
			return Number(await client.hSetNX(k(key), field, value)) === 1;
		},
		async hashGetAll(key) {
			return { ...(await client.hGetAll(k(key))) };
		},
		async hashAddFirstAbsent(key, fields) {
			if (fields.length === 0) return undefined;
			const reply = await client.eval(FIRST_ABSENT_SCRIPT, { keys: [k(key)], arguments: [...fields] });
			if (!Array.isArray(reply)) return undefined;
			return { field: String(reply[0]), position: Number(reply[1]) };
		},
		async hashSet(key, field, value) {
			await client.hSet(k(key), field, value);
		},
		async hashDelete(key, field) {
			await client.hDel(k(key), field);
		},
		async hashIncrement(key, field, by) {
			return Number(await client.hIncrBy(k(key), field, by));
		},
		async rankingSet(key, member, score) {
			await client.zAdd(k(key), { score, value: member });
		},
		async rankingIncrement(key, member, by) {
			return Number(await client.zIncrBy(k(key), by, member));
		},
		async rankingPage(key, offset, limit) {
			if (limit <= 0) return [];
			const entries = await client.zRangeWithScores(k(key), offset, offset + limit - 1, { REV: true });
			return entries.map((entry) => ({ member: entry.value, score: Number(entry.score) }));
		},
		async rankingStanding(key, member) {
			const [rank, score] = await Promise.all([client.zRevRank(k(key), member), client.zScore(k(key), member)]);
			if (rank === null || score === null) return undefined;
			return { rank: Number(rank) + 1, score: Number(score) };
		},
		async rankingSize(key) {
			return Number(await client.zCard(k(key)));
		},
		async rankingUpTo(key, maxScore, limit, offset = 0) {
			if (limit <= 0) return [];
			const entries = await client.zRangeWithScores(k(key), "-inf", maxScore, {
				BY: "SCORE",
				LIMIT: { offset, count: limit },
			});
			return entries.map((entry) => ({ member: entry.value, score: Number(entry.score) }));
		},
		async rankingRemove(key, member) {
			return Number(await client.zRem(k(key), member)) > 0;
		},
		async deleteStructure(key) {
			await client.del(k(key));
		},
		async close() {
			// A graceful close waits for a connection that may never come back; there is nothing to flush.
			if (client.isOpen && !client.isReady) client.destroy();
		},
	};
}
