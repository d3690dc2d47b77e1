import { EventEmitter } from "node:events";
import type { KeyvStoreAdapter, StoredData } from "keyv";
import sqlite from "node-sqlite3-wasm";
import type { FirstAbsent, RankedEntry } from "../core/ports.js";
import type { AtomicBackend } from "./keyv-store.js";

/**
 * Keyv adapter over one SQLite file. SQLite gives crash-safe, atomic writes in a single file, and this
 * WebAssembly build needs no native compilation, so a newcomer needs nothing but Node.
 */
export class SqliteAdapter extends EventEmitter implements KeyvStoreAdapter, AtomicBackend {
	readonly opts: { path: string };
	namespace?: string;
	readonly #db: sqlite.Database;
	readonly #now: () => number;

	constructor(path: string, now: () => number = Date.now) {
		super();
		this.opts = { path };
		this.#now = now;
		this.#db = new sqlite.Database(path);
		this.#db.exec(
			`PRAGMA journal_mode = DELETE;
			 PRAGMA synchronous = FULL;
			 CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER);
			 CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, expires INTEGER NOT NULL);
			 CREATE TABLE IF NOT EXISTS hashes (key TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (key, field));
			 CREATE TABLE IF NOT EXISTS rankings (key TEXT NOT NULL, member TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (key, member));
			 CREATE INDEX IF NOT EXISTS rankings_order ON rankings (key, score DESC, member DESC);`,
		);
	}

	async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
		const row = this.#db.get("SELECT value FROM kv WHERE key = ? AND (expires IS NULL OR expires > ?)", [
			key,
			this.#now(),
		]);
		return (row?.value ?? undefined) as StoredData<Value> | undefined;
	}

	async set(key: string, value: string, ttl?: number): Promise<boolean> {
		const expires = typeof ttl === "number" && ttl > 0 ? this.#now() + ttl : null;
		this.#db.run(
			"INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires",
			[key, value, expires],
		);
		return true;
	}

	async delete(key: string): Promise<boolean> {
		return this.#db.run("DELETE FROM kv WHERE key = ?", [key]).changes > 0;
	}

	async clear(): Promise<void> {
		const prefix = this.namespace ? `${this.namespace}:` : "";
		this.#db.run("DELETE FROM kv WHERE substr(key, 1, ?) = ?", [prefix.length, prefix]);
	}

	async claim(key: string, ttlMs: number): Promise<boolean> {
		const now = this.#now();
		const result = this.#db.run(
			"INSERT INTO claims (key, expires) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET expires = excluded.expires WHERE claims.expires <= ?",
			[key, now + ttlMs, now],
		);
		return result.changes > 0;
	}

	async hashSetIfAbsent(key: string, field: string, value: string): Promise<boolean> {
		return (
			this.#db.run("INSERT INTO hashes (key, field, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [
				key,
				field,
				value,
			]).changes > 0
		);
	}

	async hashGetAll(key: string): Promise<Record<string, string>> {
		const rows = this.#db.all("SELECT field, value FROM hashes WHERE key = ?", [key]);
		return Object.fromEntries(rows.map((row) => [String(row.field), String(row.value)]));
	}

	/** Atomic in this process without a transaction: the WebAssembly SQLite runs each call to the end. */
	async hashAddFirstAbsent(key: string, fields: readonly string[]): Promise<FirstAbsent | undefined> {
		const present = new Set(
			this.#db.all("SELECT field FROM hashes WHERE key = ?", [key]).map((row) => String(row.field)),
		);
		const field = fields.find((candidate) => !present.has(candidate));
		if (field === undefined) return undefined;
		const position = present.size + 1;
		this.#db.run("INSERT INTO hashes (key, field, value) VALUES (?, ?, ?)", [key, field, String(position)]);
		return { field, position };
	}

	async hashSet(key: string, field: string, value: string): Promise<void> {
		this.#db.run(
			"INSERT INTO hashes (key, field, value) VALUES (?, ?, ?) ON CONFLICT (key, field) DO UPDATE SET value = excluded.value",
			[key, field, value],
		);
	}

	async hashDelete(key: string, field: string): Promise<void> {
		this.#db.run("DELETE FROM hashes WHERE key = ? AND field = ?", [key, field]);
	}

	async hashIncrement(key: string, field: string, by: number): Promise<number> {
		const row = this.#db.get(
			`INSERT INTO hashes (key, field, value) VALUES (?, ?, ?)
			 ON CONFLICT (key, field) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + excluded.value AS TEXT)
			 RETURNING value`,
			[key, field, String(by)],
		);
		return Number(row?.value);
	}

	async rankingSet(key: string, member: string, score: number): Promise<void> {
		this.#db.run(
			"INSERT INTO rankings (key, member, score) VALUES (?, ?, ?) ON CONFLICT (key, member) DO UPDATE SET score = excluded.score",
			[key, member, score],
		);
	}

	async rankingIncrement(key: string, member: string, by: number): Promise<number> {
		const row = this.#db.get(
			`INSERT INTO rankings (key, member, score) VALUES (?, ?, ?)
			 ON CONFLICT (key, member) DO UPDATE SET score = score + excluded.score
			 RETURNING score`,
			[key, member, by],
		);
		return Number(row?.score);
	}

	async rankingPage(key: string, offset: number, limit: number): Promise<RankedEntry[]> {
		const rows = this.#db.all(
			"SELECT member, score FROM rankings WHERE key = ? ORDER BY score DESC, member DESC LIMIT ? OFFSET ?",
			[key, Math.max(limit, 0), offset],
		);
		return rows.map((row) => ({ member: String(row.member), score: Number(row.score) }));
	}

	async rankingStanding(key: string, member: string): Promise<{ rank: number; score: number } | undefined> {
		const row = this.#db.get("SELECT score FROM rankings WHERE key = ? AND member = ?", [key, member]);
		if (!row) return undefined;
		const score = Number(row.score);
		const ahead = this.#db.get(
			"SELECT COUNT(*) AS n FROM rankings WHERE key = ? AND (score > ? OR (score = ? AND member > ?))",
			[key, score, score, member],
		);
		return { rank: Number(ahead?.n) + 1, score };
	}

	async rankingSize(key: string): Promise<number> {
		return Number(this.#db.get("SELECT COUNT(*) AS n FROM rankings WHERE key = ?", [key])?.n);
	}

	async rankingUpTo(key: string, maxScore: number, limit: number, offset = 0): Promise<RankedEntry[]> {
		const rows = this.#db.all(
			"SELECT member, score FROM rankings WHERE key = ? AND score <= ? ORDER BY score ASC, member ASC LIMIT ? OFFSET ?",
			[key, maxScore, Math.max(limit, 0), offset],
		);
		return rows.map((row) => ({ member: String(row.member), score: Number(row.score) }));
	}

	async rankingRemove(key: string, member: string): Promise<boolean> {
		return this.#db.run("DELETE FROM rankings WHERE key = ? AND member = ?", [key, member]).changes > 0;
	}

	async deleteStructure(key: string): Promise<void> {
		this.#db.run("DELETE FROM hashes WHERE key = ?", [key]);
		this.#db.run("DELETE FROM rankings WHERE key = ?", [key]);
	}

	async disconnect(): Promise<void> {
		if (this.#db.isOpen) this.#db.close();
	}

	async close(): Promise<void> {
		await this.disconnect();
	}
}
