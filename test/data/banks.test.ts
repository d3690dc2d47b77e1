import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { listBankFiles, loadBankFiles } from "../../src/bank-files.js";
import { formatProblem } from "../../src/core/bank/problem.js";

const shipped = await loadBankFiles(await listBankFiles("data/banks"));

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

describe("shipped banks", () => {
	it("GIVEN data/banks THEN every file loads without a single problem", () => {
		expect(shipped.problems.map(formatProblem)).toEqual([]);
	});

	it("GIVEN the Flask bank THEN it has the 40 outline topics as choices and 8 open prompts", () => {
		const flask = shipped.bank.questions.filter((question) => question.id.startsWith("flask-"));
		const count = (section: string, kind: string) =>
			flask.filter((question) => question.section === section && question.kind === kind).length;
		expect({
			basics: count("flask-basics", "choice"),
			requests: count("flask-requests", "choice"),
			sqlalchemy: count("flask-sqlalchemy", "choice"),
			security: count("flask-security", "choice"),
			deployment: count("flask-deployment", "choice"),
			interview: count("flask-interview", "open"),
			comparisons: count("flask-comparisons", "open"),
		}).toEqual({ basics: 12, requests: 10, sqlalchemy: 8, security: 6, deployment: 4, interview: 5, comparisons: 3 });
		expect(flask).toHaveLength(48);
	});

	it("GIVEN the choice questions THEN the right answer is not always in the same place", () => {
		const positions = new Set(
			shipped.bank.questions.flatMap((question) => (question.kind === "choice" ? [question.correct] : [])),
		);
		expect(positions.size).toBeGreaterThanOrEqual(3);
	});
});

const predicts = shipped.bank.questions.flatMap((question) =>
	question.kind === "choice" && question.output !== undefined && question.code
		? [{ ...question, code: question.code, output: question.output }]
		: [],
);

describe.skipIf(!pythonWithFlask())("predict-the-output questions", () => {
	it("GIVEN the Flask bank THEN it has its three predict questions", () => {
		expect(predicts.map((question) => question.tags.includes("predict"))).toEqual([true, true, true]);
	});

	it.each(predicts.map((question) => [question.id, question] as const))(
		"GIVEN %s THEN its snippet prints exactly the stated output, and the right choice states it",
		(_id, question) => {
			const run = spawnSync(python ?? "python3", ["-"], {
				input: question.code.source,
				encoding: "utf8",
				timeout: 20_000,
			});
			expect(run.stderr).toBe("");
			expect(run.stdout.trimEnd()).toBe(question.output.trimEnd());
			const rightChoice = question.choices[question.correct] ?? "";
			const normalise = (text: string) => text.replace(/[`\s]+/g, " ").trim();
			for (const line of question.output.trim().split("\n")) {
				expect(normalise(rightChoice)).toContain(normalise(line));
			}
		},
	);
});
