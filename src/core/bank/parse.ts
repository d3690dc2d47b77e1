import { isNode, LineCounter, parseDocument } from "yaml";
import type { BankProblem } from "./problem.js";
import { type BankFile, bankFileSchema } from "./schema.js";

export type ParsedBankFile =
	| { ok: true; file: string; bank: BankFile; lineOf: (path: readonly PropertyKey[]) => number | undefined }
	| { ok: false; problems: BankProblem[] };

/** Parses one bank file's text (YAML, or JSON, which is YAML too) and validates it against the schema. */
export function parseBankFile(file: string, text: string): ParsedBankFile {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
	if (doc.errors.length > 0) {
		return {
			ok: false,
			problems: doc.errors.map((error) => ({
				file,
				path: "",
				message: `${error.code === "DUPLICATE_KEY" ? "duplicate key" : "syntax error"}: ${firstLine(error.message)}`,
				line: error.linePos?.[0]?.line,
			})),
		};
	}
	const lineOf = (path: readonly PropertyKey[]): number | undefined => {
		for (let depth = path.length; depth >= 0; depth--) {
			const node = doc.getIn(path.slice(0, depth), true);
			if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
		}
		return undefined;
	};
	const result = bankFileSchema.safeParse(doc.toJS());
	if (!result.success) {
		return {
			ok: false,
			problems: result.error.issues.map((issue) => ({
				file,
				path: issue.path.map(String).join("."),
				message: issue.message,
				line: lineOf(issue.path),
			})),
		};
	}
	return { ok: true, file, bank: result.data, lineOf };
}

function firstLine(message: string): string {
	return message.split("\n")[0] ?? message;
}
