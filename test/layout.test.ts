import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../commands/index.js";

/** Every TypeScript file under a folder, as paths from the project root. */
function sourcesIn(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
		.map((entry) => relative(".", join(entry.parentPath, entry.name)))
		.sort();
}

const read = (path: string) => readFileSync(path, "utf8");

/** A call on the store port: get, set, delete, claim, the hash and ranking operations. */
const STORE_CALL = /\bstore\s*\.\s*(get|set|delete|claim|hash\w*|ranking\w*|deleteStructure)\s*\(/;

describe("the layout's rules", () => {
	it("GIVEN commands/ THEN every command module is registered, and every registered command has a module", () => {
		const modules = sourcesIn("commands").filter((path) => !/\/(_|index\.ts$)/.test(path));
		const exported = modules.flatMap((path) => [...read(path).matchAll(/export const (\w+Command) = \{/g)]);
		expect(exported.length).toBe(modules.length);
		expect(COMMANDS).toHaveLength(modules.length);
		for (const path of modules) expect(read(path)).toMatch(/\} satisfies Command;/);
	});

	it("GIVEN commands/ and src/discord/ THEN none calls the store: store keys and records belong to src/core", () => {
		const offenders = [...sourcesIn("commands"), ...sourcesIn("src/discord")].filter((path) =>
			STORE_CALL.test(read(path)),
		);
		expect(offenders).toEqual([]);
	});

	it("GIVEN src/core THEN it imports nothing from the edges: discord, store backends, operations, commands", () => {
		const edge = /from\s+"(\.\.\/)+(discord|store|operations|commands)\//;
		const offenders = sourcesIn("src/core").filter((path) => edge.test(read(path)));
		expect(offenders).toEqual([]);
	});

	it("GIVEN src/lib THEN it has no domain: it imports nothing from core, discord or commands", () => {
		const domain = /from\s+"\.\.\/(core|discord|store|operations)\/|from\s+"\.\.\/\.\.\/commands\//;
		expect(sourcesIn("src/lib").filter((path) => domain.test(read(path)))).toEqual([]);
	});
});
