import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { assembleBank } from "../../src/core/bank/assemble.js";
import { parseBankFile } from "../../src/core/bank/parse.js";
import { formatProblem } from "../../src/core/bank/problem.js";
import { checkEmbedLimits } from "../../src/core/render/embed.js";
import { renderQuestion, renderRevealed } from "../../src/core/render/question.js";

/** Text a study group might type, including what breaks naive renderers: fences, mentions, huge runs. */
const nastyText = fc.oneof(
	fc.string({ maxLength: 300 }),
	fc.string({ unit: "grapheme", maxLength: 200 }),
	fc.constantFrom("@everyone", "<@&123456789012345678>", "```", "||spoiler||", "**", "\u0000", "🇦🇧", ""),
	fc.integer({ min: 0, max: 5000 }).map((length) => "x".repeat(length)),
);

const questionLike = fc.record(
	{
		id: fc.oneof(fc.constantFrom("q-one", "q-two", "Q!", ""), fc.string({ maxLength: 70 })),
		section: fc.constantFrom("fuzz-section", "missing-section"),
		difficulty: fc.constantFrom("easy", "medium", "advanced", "hard"),
		kind: fc.constantFrom("choice", "open", "essay"),
		prompt: nastyText,
		code: fc.option(fc.record({ language: fc.constantFrom("python", "PY THON"), source: nastyText })),
		choices: fc.array(nastyText, { maxLength: 6 }),
		correct: fc.oneof(fc.integer({ min: -2, max: 6 }), fc.constant(1.5)),
		answer: nastyText,
		tags: fc.array(fc.constantFrom("ok", "Not OK"), { maxLength: 3 }),
	},
	{ requiredKeys: [] },
);

const bankLike = fc.record(
	{
		id: fc.constantFrom("fuzz", ""),
		title: nastyText,
		sections: fc.array(fc.record({ id: fc.constantFrom("fuzz-section", "x"), title: nastyText }), { maxLength: 3 }),
		questions: fc.array(questionLike, { maxLength: 5 }),
	},
	{ requiredKeys: [] },
);

describe("bank validation under generated input", () => {
	it("GIVEN arbitrary text as a bank file THEN parsing never throws and every problem names the file with a message", () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.json()), (text) => {
				const parsed = parseBankFile("fuzz.yaml", text);
				if (!parsed.ok) {
					expect(parsed.problems.length).toBeGreaterThan(0);
					for (const problem of parsed.problems) expect(formatProblem(problem)).toMatch(/^fuzz\.yaml: .+: .+/);
				}
			}),
			{ numRuns: 1_000 },
		);
	});

	it("GIVEN generated bank-shaped files THEN each is accepted or explained, and every accepted question renders within Discord's limits", () => {
		fc.assert(
			fc.property(bankLike, (bank) => {
				const result = assembleBank([parseBankFile("fuzz.yaml", stringify(bank))]);
				for (const problem of result.problems) expect(formatProblem(problem)).toMatch(/^fuzz\.yaml: .+: .+/);
				for (const question of result.bank.questions) {
					const section = result.bank.section(question.section);
					if (!section) throw new Error(`accepted ${question.id} without its section`);
					expect(checkEmbedLimits(renderQuestion(question, section))).toEqual([]);
					expect(checkEmbedLimits(renderRevealed(question, section))).toEqual([]);
				}
			}),
			{ numRuns: 2_000 },
		);
		// 2,000 generated banks take a few seconds on a quiet machine and several times that on a busy one.
	}, 60_000);
});
