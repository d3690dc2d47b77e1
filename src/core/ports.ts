import type { z } from "zod";

/**
 * The bot's persistent state, whatever the backend. Records are validated on the way out, because a
 * store outlives the code that wrote it.
 */
export interface Store {
	get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined>;
	set(key: string, value: unknown, ttlMs?: number): Promise<void>;
	delete(key: string): Promise<void>;
	/** Takes `key` for `ttlMs` if nobody holds it; resolves true for exactly one caller, across processes. */
	claim(key: string, ttlMs: number): Promise<boolean>;
	close(): Promise<void>;
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
