import type { z } from "zod";

/**
 * The bot's persistent state, whatever the backend. Records are validated on the way out, because a
 * store outlives the code that wrote it.
 */
export interface Store extends AtomicStructures {
	get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined>;
	set(key: string, value: unknown, ttlMs?: number): Promise<void>;
	delete(key: string): Promise<void>;
	/** Takes `key` for `ttlMs` if nobody holds it; resolves true for exactly one caller, across processes. */
	claim(key: string, ttlMs: number): Promise<boolean>;
	close(): Promise<void>;
}

export interface FirstAbsent {
	field: string;
	position: number;
}

export interface RankedEntry {
	member: string;
	score: number;
}

/**
 * Hashes and rankings whose every update is one atomic step in the backend (Redis hashes and sorted
 * sets, SQLite rows), so picks and points from several bot processes at once are never lost or doubled.
 * Keyv records cannot promise that: they are read, changed and written back.
 */
export interface AtomicStructures {
	/** Sets a field unless it already has a value; true for exactly one caller. */
	hashSetIfAbsent(key: string, field: string, value: string): Promise<boolean>;
	hashGetAll(key: string): Promise<Record<string, string>>;
	/**
	 * Sets the first of `fields`, in their order, that the hash lacks, to its position: how many fields the
	 * hash holds with it (1 in an empty hash). Resolves that field and position, or undefined when the hash
	 * has them all. One atomic step: concurrent callers never take the same field, and one that would have
	 * lost a field to another simply gets the next, in the same round trip.
	 */
	hashAddFirstAbsent(key: string, fields: readonly string[]): Promise<FirstAbsent | undefined>;
	/** Sets a field whatever it held: for values only their owner changes. */
	hashSet(key: string, field: string, value: string): Promise<void>;
	hashDelete(key: string, field: string): Promise<void>;
	/** Adds `by` to an integer field (missing counts as 0) and resolves the new value. */
	hashIncrement(key: string, field: string, by: number): Promise<number>;
	/** Sets a member's score, whatever it was. */
	rankingSet(key: string, member: string, score: number): Promise<void>;
	/** Adds `by` to a member's score (missing counts as 0) and resolves the new score. */
	rankingIncrement(key: string, member: string, by: number): Promise<number>;
	/** Highest score first; equal scores in descending member order, as Redis orders them. */
	rankingPage(key: string, offset: number, limit: number): Promise<RankedEntry[]>;
	/** The member's 1-based rank in that order, or undefined when the member has no score. */
	rankingStanding(key: string, member: string): Promise<{ rank: number; score: number } | undefined>;
	rankingSize(key: string): Promise<number>;
	/**
	 * Lowest score first, only scores up to `maxScore`, after skipping `offset` of them: a ranking used as
	 * a schedule of due times, read a page at a time.
	 */
	rankingUpTo(key: string, maxScore: number, limit: number, offset?: number): Promise<RankedEntry[]>;
	/** Removes one member; true when it was there. */
	rankingRemove(key: string, member: string): Promise<boolean>;
	/** Removes a hash or ranking. */
	deleteStructure(key: string): Promise<void>;
}

/** What the bot counts for its operator; the edge implements it with Prometheus metrics. */
export interface DojoMetrics {
	commandHandled(command: string, outcome: "ok" | "refused" | "failed", seconds: number): void;
	pickLocked(): void;
	roundRevealed(reason: string): void;
	dailyAttempted(posted: boolean): void;
}

export interface Clock {
	now(): number;
}

export interface Logger {
	debug(fields: object, message: string): void;
	info(fields: object, message: string): void;
	warn(fields: object, message: string): void;
	error(fields: object, message: string): void;
	child(bindings: object): Logger;
}

export class CorruptRecordError extends Error {
	readonly key: string;

	constructor(key: string, detail: string) {
		super(`stored record ${key} is not valid: ${detail}`);
		this.name = "CorruptRecordError";
		this.key = key;
	}
}

/** The store cannot be reached right now (Redis down or restarting); the operation may work again later. */
export class StoreUnavailableError extends Error {
	constructor(cause: unknown) {
		super(`the store is not answering (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
		this.name = "StoreUnavailableError";
	}
}
