import { Keyv } from "keyv";
import type { Clock, RankedEntry, Store } from "../core/ports.js";
import { createKeyvStore } from "./keyv-store.js";
import { compareRanked } from "./ranking-order.js";

/** Forgets everything on exit: for tests only, never a production default. */
export function createMemoryStore(clock: Clock = { now: Date.now }): Store {
	const claims = new Map<string, number>();
	const hashes = new Map<string, Map<string, string>>();
	const rankings = new Map<string, Map<string, number>>();
	const hash = (key: string) => entry(hashes, key, () => new Map<string, string>());
	const ranking = (key: string) => entry(rankings, key, () => new Map<string, number>());
	const ordered = (key: string): RankedEntry[] =>
		[...(rankings.get(key) ?? [])].map(([member, score]) => ({ member, score })).sort(compareRanked);

	return createKeyvStore(new Keyv({ throwOnErrors: true }), {
		async claim(key, ttlMs) {
			const now = clock.now();
			const heldUntil = claims.get(key);
			if (heldUntil !== undefined && heldUntil > now) return false;
			claims.set(key, now + ttlMs);
			return true;
		},
		async hashSetIfAbsent(key, field, value) {
			const fields = hash(key);
			if (fields.has(field)) return false;
			fields.set(field, value);
			return true;
		},
		async hashGetAll(key) {
			return Object.fromEntries(hashes.get(key) ?? []);
		},
		async hashAddFirstAbsent(key, fields) {
			const present = hash(key);
			const field = fields.find((candidate) => !present.has(candidate));
			if (field === undefined) return undefined;
			const position = present.size + 1;
			present.set(field, String(position));
			return { field, position };
		},
		async hashSet(key, field, value) {
			hash(key).set(field, value);
		},
		async hashDelete(key, field) {
			hashes.get(key)?.delete(field);
		},
		async hashIncrement(key, field, by) {
			const fields = hash(key);
			const value = Number(fields.get(field) ?? 0) + by;
			fields.set(field, String(value));
			return value;
		},
		async rankingSet(key, member, score) {
			ranking(key).set(member, score);
		},
		async rankingIncrement(key, member, by) {
			const scores = ranking(key);
			const score = (scores.get(member) ?? 0) + by;
			scores.set(member, score);
			return score;
		},
		async rankingPage(key, offset, limit) {
			return ordered(key).slice(offset, offset + Math.max(limit, 0));
		},
		async rankingStanding(key, member) {
			const index = ordered(key).findIndex((entry) => entry.member === member);
			const score = rankings.get(key)?.get(member);
			return index < 0 || score === undefined ? undefined : { rank: index + 1, score };
		},
		async rankingSize(key) {
			return rankings.get(key)?.size ?? 0;
		},
		async rankingUpTo(key, maxScore, limit, offset = 0) {
			return ordered(key)
				.filter((entry) => entry.score <= maxScore)
				.reverse()
				.slice(offset, offset + Math.max(limit, 0));
		},
		async rankingRemove(key, member) {
			return rankings.get(key)?.delete(member) ?? false;
		},
		async deleteStructure(key) {
			hashes.delete(key);
			rankings.delete(key);
		},
		async close() {},
	});
}

function entry<V>(map: Map<string, V>, key: string, create: () => V): V {
	const existing = map.get(key);
	if (existing !== undefined) return existing;
	const created = create();
	map.set(key, created);
	return created;
}
