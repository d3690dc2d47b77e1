import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/core/bank/problem.js";
import { bankFrom, SMALL_BANK_YAML, smallBank } from "./fixtures.js";

const messages = (result: ReturnType<typeof bankFrom>) => result.problems.map(formatProblem);

describe("bank files", () => {
	it("GIVEN a valid file THEN every question and section loads", () => {
		const bank = smallBank();
		expect(bank.questions.map((question) => question.id)).toEqual(["demo-one", "demo-two", "demo-three", "demo-four"]);
		expect(bank.section("demo-basics")).toMatchObject({ title: "Demo basics", bankId: "demo", bankTitle: "Demo" });
	});

	it("GIVEN the same file as JSON THEN it loads too", () => {
		const yaml = bankFrom(["demo.yaml", SMALL_BANK_YAML]);
		const json = bankFrom([
			"demo.json",
			JSON.stringify({ id: "demo", title: "Demo", sections: [{ id: "demo-s", title: "S" }], questions: [] }),
		]);
		expect(yaml.problems).toEqual([]);
		expect(json.problems).toEqual([]);
		expect(json.bank.sections).toHaveLength(1);
	});

	it("GIVEN a YAML syntax error THEN the problem names the file and the line", () => {
		const result = bankFrom(["broken.yaml", "id: x\ntitle: [unclosed\nsections: []\n"]);
		expect(result.skippedFiles).toEqual(["broken.yaml"]);
		expect(messages(result)[0]).toMatch(/^broken\.yaml: \(file\): syntax error: .+ \(line \d\)$/);
	});

	it("GIVEN a YAML syntax error early in a long file THEN only that one is reported, not every token after it", () => {
		const text = SMALL_BANK_YAML.replace("prompt: Which one?", 'prompt: What does it send `{"id": 3, "tags": ["a"]}`?');
		expect(messages(bankFrom(["demo.yaml", text]))).toEqual([
			'demo.yaml: (file): syntax error: Nested mappings are not allowed in compact mappings; a value containing ": " needs quotes or a | block (line 14)',
		]);
	});

	it("GIVEN correct out of range THEN the problem names the path, explains and gives the line", () => {
		const text = SMALL_BANK_YAML.replace("correct: 1", "correct: 3");
		const result = bankFrom(["demo.yaml", text]);
		expect(messages(result)).toEqual([
			"demo.yaml: questions.0.correct: must be the 0-based index of a choice (0 to 2), got 3 (line 16)",
		]);
	});

	it("GIVEN several problems THEN every one is listed, not only the first", () => {
		const text = SMALL_BANK_YAML.replace("difficulty: medium", "difficulty: hard")
			.replace("choices: [first, second, third]", "choices: [only]")
			.replace("kind: open\n    prompt: Discuss.", "kind: essay\n    prompt: Discuss.");
		const paths = bankFrom(["demo.yaml", text]).problems.map((problem) => problem.path);
		expect(paths).toEqual(
			expect.arrayContaining(["questions.1.difficulty", "questions.0.choices", "questions.2.kind"]),
		);
	});

	it("GIVEN a question in an unknown section THEN the problem lists the known sections", () => {
		const result = bankFrom(["demo.yaml", SMALL_BANK_YAML.replace("section: demo-advanced", "section: demo-missing")]);
		expect(messages(result)).toEqual([
			'demo.yaml: questions.3.section: unknown section "demo-missing" (this bank has: demo-basics, demo-advanced) (line 36)',
		]);
	});

	it("GIVEN duplicate ids within and across files THEN each is reported and the later file is left out", () => {
		const within = bankFrom(["demo.yaml", SMALL_BANK_YAML.replace("id: demo-two", "id: demo-one")]);
		expect(messages(within)).toEqual([
			expect.stringMatching(/^demo\.yaml: questions\.1\.id: duplicate question id "demo-one"/),
		]);

		const other = SMALL_BANK_YAML.replace("id: demo\n", "id: other\n")
			.replaceAll("demo-basics", "other-basics")
			.replaceAll("demo-advanced", "other-advanced");
		const across = bankFrom(["a.yaml", SMALL_BANK_YAML], ["b.yaml", other]);
		expect(across.skippedFiles).toEqual(["b.yaml"]);
		expect(messages(across)[0]).toBe(
			'b.yaml: questions.0.id: question id "demo-one" is already used in a.yaml (line 10)',
		);
		expect(across.bank.questions).toHaveLength(4);
	});

	it("GIVEN a prompt, code and choices too long for one embed THEN the problem says by how much", () => {
		const text = SMALL_BANK_YAML.replace("prompt: Which one?", `prompt: ${"x".repeat(1500)}`)
			.replace(
				"choices: [first, second, third]",
				`choices: [${["a", "b", "c", "d"].map((c) => c.repeat(200)).join(", ")}]`,
			)
			.replace(
				"    answer: The second one.",
				`    code:\n      language: text\n      source: ${"y".repeat(1800)}\n    answer: The second one.`,
			);
		expect(messages(bankFrom(["demo.yaml", text]))).toContainEqual(
			expect.stringMatching(
				/^demo\.yaml: questions\.0\.prompt: prompt, code and choices render to 41\d\d characters in an embed description; Discord allows 4096 \(line 14\)$/,
			),
		);
	});

	it("GIVEN a question whose answer overflows the message once revealed THEN the answer is blamed", () => {
		const text = SMALL_BANK_YAML.replace("prompt: Which one?", `prompt: ${"x".repeat(1500)}`)
			.replace("answer: The second one.", `answer: ${"z".repeat(3500)}`)
			.replace("    answer: z", `    code:\n      language: text\n      source: ${"y".repeat(1500)}\n    answer: z`);
		expect(messages(bankFrom(["demo.yaml", text]))).toEqual([
			expect.stringMatching(
				/^demo\.yaml: questions\.0\.answer: question and answer together render to \d{4} characters; Discord allows 6000 in one message/,
			),
		]);
	});

	it("GIVEN code containing a fence THEN it is refused before it can break the message", () => {
		const result = bankFrom(["demo.yaml", SMALL_BANK_YAML.replace("source: print(1 + 1)", 'source: "```\\nboom"')]);
		expect(messages(result)[0]).toContain("questions.1.code.source: must not contain ```");
	});

	it("GIVEN an empty file THEN the problem says what was expected", () => {
		const result = bankFrom(["empty.yaml", ""]);
		expect(messages(result)[0]).toMatch(/^empty\.yaml: \(file\): .*expected object/);
	});

	it("GIVEN an alias to a missing anchor or an alias bomb THEN a problem, not a crash", () => {
		expect(messages(bankFrom(["alias.yaml", "*-"]))).toEqual([
			"alias.yaml: (file): cannot read the YAML: Unresolved alias (the anchor must be set before the alias): -",
		]);
		const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
		for (const [index, name] of ["b", "c", "d", "e", "f"].entries()) {
			const previous = index === 0 ? "a" : ["b", "c", "d", "e"][index - 1];
			bomb.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
		}
		expect(messages(bankFrom(["bomb.yaml", bomb.join("\n")]))[0]).toMatch(
			/^bomb\.yaml: \(file\): cannot read the YAML: /,
		);
	});
});
