import { isNode, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import type { BankProblem } from "./problem.js";
import { type BankFile, bankFileSchema, type Question, questionSchema } from "./schema.js";

export interface ValidBankFile {
	ok: true;
	file: string;
	bank: BankFile;
	lineOf: (path: readonly PropertyKey[]) => number | undefined;
	/** Where each question stood in the file, when questions that failed the schema were left out. */
	questionIndex?: readonly number[];
}

export type ParsedBankFile =
	| ValidBankFile
	/** `partial` holds the questions that passed, so their id and section problems are named in the same pass. */
	| { ok: false; problems: BankProblem[]; partial?: ValidBankFile };

/** Parses one bank file's text (YAML, or JSON, which is YAML too) and validates it against the schema. */
export function parseBankFile(file: string, text: string): ParsedBankFile {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
	if (doc.errors.length > 0) {
		// After the first syntax error the parser reports every later token as unexpected too; only the
		// first one says what to fix. Duplicate keys are independent of each other, so all of them count.
		const duplicates = doc.errors.filter((error) => error.code === "DUPLICATE_KEY");
		const firstSyntaxError = doc.errors.find((error) => error.code !== "DUPLICATE_KEY");
		return {
			ok: false,
			problems: [...(firstSyntaxError ? [firstSyntaxError] : []), ...duplicates].map((error) => ({
				file,
				path: "",
				message: `${error.code === "DUPLICATE_KEY" ? "duplicate key" : "syntax error"}: ${firstLine(error.message)}${HINTS[error.code] ?? ""}`,
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
	let value: unknown;
	try {
		value = doc.toJS();
	} catch (error) {
		// Resolving aliases can still fail on a well-formed document: an alias to a missing anchor, or
		// aliases expanding past the parser's limit (the "billion laughs" pattern).
		const message = error instanceof Error ? error.message : String(error);
		return { ok: false, problems: [{ file, path: "", message: `cannot read the YAML: ${firstLine(message)}` }] };
	}
	const result = bankFileSchema.safeParse(value);
	if (!result.success) {
		const partial = validPart(value);
		return {
			ok: false,
			problems: result.error.issues.map((issue) => ({
				file,
				path: issue.path.map(String).join("."),
				message: issue.message,
				line: lineOf(issue.path),
			})),
			...(partial ? { partial: { ok: true, file, lineOf, ...partial } } : {}),
		};
	}
	return { ok: true, file, bank: result.data, lineOf };
}

const bankWithoutQuestions = bankFileSchema.omit({ questions: true }).extend({ questions: z.array(z.unknown()) });

/** The bank with only its questions that pass the schema, when the rest of the file does. */
function validPart(value: unknown): { bank: BankFile; questionIndex: number[] } | undefined {
	const outline = bankWithoutQuestions.safeParse(value);
	if (!outline.success) return undefined;
	const questions: Question[] = [];
	const questionIndex: number[] = [];
	outline.data.questions.forEach((raw, index) => {
		const question = questionSchema.safeParse(raw);
		if (!question.success) return;
		questions.push(question.data);
		questionIndex.push(index);
	});
	return { bank: { ...outline.data, questions }, questionIndex };
}

/** What to do about the mistakes people make most when writing a bank by hand. */
const HINTS: Partial<Record<string, string>> = {
	BLOCK_AS_IMPLICIT_KEY: '; a value containing ": " needs quotes or a | block',
	TAB_AS_INDENT: "; indent with spaces, not tabs",
};

/** The parser's own first line, without its "at line N, column M" since the problem carries the line. */
function firstLine(message: string): string {
	return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}
