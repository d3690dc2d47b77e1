import { EventEmitter } from "node:events";
import type { KeyvStoreAdapter, StoredData } from "keyv";
import sqlite from "node-sqlite3-wasm";
import type { ClaimBackend } from "./keyv-store.js";

/**
 * Keyv adapter over one SQLite file. SQLite gives crash-safe, atomic writes in a single file, and this
 * WebAssembly build needs no native compilation, so a newcomer needs nothing but Node.
 */
export class SqliteAdapter extends EventEmitter implements KeyvStoreAdapter, ClaimBackend {
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
			 CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, expires INTEGER NOT NULL);`,
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

	async disconnect(): Promise<void> {
		if (this.#db.isOpen) this.#db.close();
	}

	async close(): Promise<void> {
		await this.disconnect();
	}
}
