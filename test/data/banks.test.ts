import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { listBankFiles, loadBankFiles } from "../../src/bank-files.js";
import { formatProblem } from "../../src/core/bank/problem.js";
import type { ChoiceQuestion, Question } from "../../src/core/bank/schema.js";
import { type BankShape, shapeOfEachBank, shapeWarnings } from "../../src/core/bank/shape.js";

const BANKS_DIR = "data/banks";
const bankFiles = await listBankFiles(BANKS_DIR);
const shipped = await loadBankFiles(bankFiles);

/** Our banks, each in data/banks/<id>.yaml (issue 18). */
const OUR_BANKS = ["flask", "python", "sql", "behavioural", "system-design"] as const;

/** Every id the Flask bank first shipped with: rotations and stats key on them, so none may be renamed. */
const FIRST_FLASK_CHOICE_IDS = [
	...["flask-what-is-flask", "flask-minimal-app-debug", "flask-routing-url-for", "flask-url-converters"],
	...["flask-request-object", "flask-returning-json", "flask-status-and-headers", "flask-application-factory"],
	...["flask-app-and-request-context", "flask-configuration", "flask-error-handlers", "flask-predict-url-for"],
	...["flask-blueprints", "flask-request-hooks", "flask-file-uploads", "flask-sessions", "flask-cors"],
	...["flask-class-based-resources", "flask-input-validation", "flask-signals", "flask-streaming-responses"],
	...["flask-predict-test-client", "flask-sqlalchemy-setup", "flask-sqlalchemy-querying", "flask-migrations"],
	...["flask-transactions", "flask-relationship-loading", "flask-pagination", "flask-orm-events"],
	...["flask-predict-flush-rollback", "flask-jwt-auth", "flask-password-hashing", "flask-login-extension"],
	...["flask-sql-injection", "flask-rate-limiting", "flask-security-headers", "flask-production-deployment"],
	...["flask-testing", "flask-async-views", "flask-cli"],
];
const FLASK_OPEN_IDS = [
	...["flask-interview-factory", "flask-interview-prod-db-error", "flask-interview-admin-decorator"],
	...["flask-interview-session-g-request", "flask-interview-caching", "flask-compare-fastapi"],
	...["flask-compare-websockets", "flask-compare-django"],
];

const bankOfSection = new Map(shipped.bank.sections.map((section) => [section.id, section.bankId]));
const questionsByBank = new Map<string, Question[]>();
for (const question of shipped.bank.questions) {
	const bankId = bankOfSection.get(question.section) ?? "";
	questionsByBank.set(bankId, [...(questionsByBank.get(bankId) ?? []), question]);
}
const shapes = new Map(shapeOfEachBank(shipped.bank).map((shape) => [shape.bankId, shape]));

/**
 * A bank that is not there fails its own tests with a sentence saying why, rather than every test
 * stumbling over an empty list (or collection crashing) while a bank is still being written.
 */
function loaded(bankId: string): { questions: Question[]; shape: BankShape } {
	const shape = shapes.get(bankId);
	if (shape) return { questions: questionsByBank.get(bankId) ?? [], shape };
	const file = join(BANKS_DIR, `${bankId}.yaml`);
	if (!bankFiles.includes(file)) throw new Error(`${file} does not exist yet: issue 18 adds the ${bankId} bank`);
	const [first, ...others] = shipped.problems.filter((problem) => problem.file === file);
	if (!first) throw new Error(`${file} loaded, but no bank in it has the id "${bankId}"`);
	throw new Error(
		`${file} did not load: ${formatProblem(first)}${others.length > 0 ? ` (and ${others.length} more)` : ""}`,
	);
}

const choicesOf = (questions: readonly Question[]) =>
	questions.filter((question): question is ChoiceQuestion => question.kind === "choice");
const isPredict = (question: Question) => question.tags.includes("predict");

describe("shipped banks", () => {
	it("GIVEN data/banks THEN every file loads without a single problem", () => {
		expect(shipped.problems.map(formatProblem)).toEqual([]);
	});

	it.each(OUR_BANKS)("GIVEN data/banks/%s.yaml THEN it is there and loads", (bankId) => {
		expect(loaded(bankId).questions.length).toBeGreaterThan(0);
	});

	const everyBank = [...new Set([...OUR_BANKS, ...shapes.keys()])];
	it.each(everyBank)(
		"GIVEN the %s bank THEN no choice length gives the answer away and each difficulty is at least 20% of its choice questions",
		(bankId) => {
			expect(shapeWarnings(loaded(bankId).shape)).toEqual([]);
		},
	);

	it.each(everyBank)("GIVEN the %s bank THEN the right answer is not always in the same place", (bankId) => {
		const choiceQuestions = choicesOf(loaded(bankId).questions);
		const positions = new Set(choiceQuestions.map((question) => question.correct));
		const places = Math.max(0, ...choiceQuestions.map((question) => question.choices.length));
		expect(positions.size, "distinct positions of the right choice").toBeGreaterThanOrEqual(Math.min(3, places));
	});

	it("GIVEN the Flask bank THEN it has at least 64 choice questions, 12 of them advanced, and its 8 open prompts", () => {
		const { questions } = loaded("flask");
		const choiceQuestions = choicesOf(questions);
		expect(choiceQuestions.length, "choice questions").toBeGreaterThanOrEqual(64);
		expect(
			choiceQuestions.filter((question) => question.difficulty === "advanced").length,
			"advanced choice questions",
		).toBeGreaterThanOrEqual(12);
		const openIds = questions.filter((question) => question.kind === "open").map((question) => question.id);
		expect(openIds.sort()).toEqual([...FLASK_OPEN_IDS].sort());
	});

	it("GIVEN the Flask bank THEN every question id it first shipped with is still there", () => {
		const ids = new Set(loaded("flask").questions.map((question) => question.id));
		expect([...FIRST_FLASK_CHOICE_IDS, ...FLASK_OPEN_IDS].filter((id) => !ids.has(id))).toEqual([]);
	});

	it.each([
		["python", 50, 12, "python", 10],
		["sql", 40, 12, "sql", 8],
	] as const)(
		"GIVEN the %s bank THEN it has %i choice questions, at least %i of them %s predict-the-output, and %i open prompts",
		(bankId, choice, predicts, language, open) => {
			const { questions } = loaded(bankId);
			const choiceQuestions = choicesOf(questions);
			expect({ choice: choiceQuestions.length, open: questions.length - choiceQuestions.length }).toEqual({
				choice,
				open,
			});
			const predictQuestions = choiceQuestions.filter(isPredict);
			expect(predictQuestions.length, "questions tagged predict").toBeGreaterThanOrEqual(predicts);
			expect(
				predictQuestions.filter((question) => question.code?.language !== language).map((question) => question.id),
				`predict questions whose code.language is not ${language}`,
			).toEqual([]);
		},
	);

	it.each([
		["behavioural", 20],
		["system-design", 15],
	] as const)("GIVEN the %s bank THEN it has %i open prompts and no choice questions", (bankId, open) => {
		const { questions } = loaded(bankId);
		expect({ choice: choicesOf(questions).length, open: questions.length }).toEqual({ choice: 0, open });
	});

	it("GIVEN the questions tagged predict THEN each has code and an output to check, and each output is tagged", () => {
		const untagged = shipped.bank.questions.filter(
			(question) => question.kind === "choice" && question.output !== undefined && !isPredict(question),
		);
		const unchecked = shipped.bank.questions.filter(
			(question) => isPredict(question) && (question.kind !== "choice" || question.output === undefined),
		);
		expect({
			"output but no predict tag": untagged.map((question) => question.id),
			"predict tag but no output": unchecked.map((question) => question.id),
		}).toEqual({ "output but no predict tag": [], "predict tag but no output": [] });
	});
});

/** Debian's interpreter first: Debian's python3-flask installs for it, not for a pyenv python3 on the PATH. */
const python = ["/usr/bin/python3", "python3"].find(
	(candidate) => spawnSync(candidate, ["-c", "import flask, flask_sqlalchemy, sqlalchemy"]).status === 0,
);

function pythonWithFlask(): boolean {
	if (python) return true;
	if (process.env.CI)
		throw new Error("python3 with Flask and Flask-SQLAlchemy is missing; CI must install it (see .ci/run)");
	console.warn(
		"python3-flask not found: skipping the predict-the-output checks (apt-get install python3-flask python3-flask-sqlalchemy)",
	);
	return false;
}

/** Runs an SQL snippet's statements on an empty in-memory SQLite database and prints the last one's rows. */
const RUN_SQL = fileURLToPath(new URL("./run-sql.py", import.meta.url));

/** How each snippet language is run: the script goes on stdin. */
const RUNNERS: Partial<Record<string, string[]>> = { python: ["-"], sql: [RUN_SQL] };

const predicts = shipped.bank.questions.flatMap((question) =>
	question.kind === "choice" && question.output !== undefined && question.code
		? [{ ...question, code: question.code, output: question.output }]
		: [],
);

describe.skipIf(!pythonWithFlask())("predict-the-output questions", () => {
	it.each(predicts.map((question) => [question.id, question] as const))(
		"GIVEN %s THEN its snippet prints exactly the stated output, and the right choice states it",
		(_id, question) => {
			const args = RUNNERS[question.code.language];
			if (!args)
				throw new Error(`no runner for code.language ${question.code.language}: predict snippets are python or sql`);
			// Its own empty folder, so a snippet that writes a file leaves nothing in the repository.
			const cwd = mkdtempSync(join(tmpdir(), "dojo-predict-"));
			try {
				const run = spawnSync(python ?? "python3", args, {
					input: question.code.source,
					encoding: "utf8",
					timeout: 20_000,
					cwd,
				});
				expect(run.error?.message, "the snippet must run and finish within 20 s").toBeUndefined();
				expect(run.stderr).toBe("");
				expect(run.stdout.trimEnd()).toBe(question.output.trimEnd());
			} finally {
				rmSync(cwd, { recursive: true, force: true });
			}
			const rightChoice = question.choices[question.correct] ?? "";
			const normalise = (text: string) => text.replace(/[`\s]+/g, " ").trim();
			for (const line of question.output.trim().split("\n")) {
				expect(normalise(rightChoice)).toContain(normalise(line));
			}
		},
		30_000,
	);
});
