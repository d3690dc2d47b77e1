import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { type AssembledBank, assembleBank } from "./core/bank/assemble.js";
import { type ParsedBankFile, parseBankFile } from "./core/bank/parse.js";

const BANK_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

export async function listBankFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && BANK_EXTENSIONS.has(extname(entry.name).toLowerCase()))
		.map((entry) => join(dir, entry.name))
		.sort();
}

export async function loadBankFiles(paths: readonly string[]): Promise<AssembledBank> {
	const parsed = await Promise.all(
		paths.map(async (path): Promise<ParsedBankFile> => {
			const file = relative(process.cwd(), path) || path;
			try {
				return parseBankFile(file, await readFile(path, "utf8"));
			} catch (error) {
				const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
				return { ok: false, problems: [{ file, path: "", message: `cannot read the file (${reason})` }] };
			}
		}),
	);
	return assembleBank(parsed);
}
