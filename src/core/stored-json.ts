import type { z } from "zod";

/** Reads a JSON value kept in a hash field; undefined when it is not JSON or not of this shape. */
export function parseStoredJson<T>(raw: string, schema: z.ZodType<T>): T | undefined {
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		return undefined;
	}
	const parsed = schema.safeParse(value);
	return parsed.success ? parsed.data : undefined;
}
