import { describe, expect, it } from "vitest";
import { createBank } from "../../src/core/bank/bank.js";
import { type ChoiceQuestion, DIFFICULTIES, type Difficulty, type Question } from "../../src/core/bank/schema.js";
import { formatShape, measureChoiceShape, shapeOfEachBank, shapeWarnings } from "../../src/core/bank/shape.js";

type Tell = "shortest" | "longest" | "neither";

let nextId = 0;

/** A choice question whose right choice (placed at `correct`) is strictly the shortest, the longest, or neither. */
function choice(
	tell: Tell,
	{
		choices = 4,
		difficulty = "medium",
		correct = 0,
	}: { choices?: number; difficulty?: Difficulty; correct?: number } = {},
): ChoiceQuestion {
	// Every wrong choice is two characters long, so "aa" ties with them all.
	const right = { shortest: "a", longest: "aaa", neither: "aa" }[tell];
	const texts = Array.from({ length: choices }, (_, index) => (index === correct ? right : `b${index}`));
	nextId += 1;
	return {
		id: `demo-q${nextId}`,
		section: "demo-s",
		difficulty,
		kind: "choice",
		prompt: "Which one?",
		choices: texts,
		correct,
		answer: "That one.",
		tags: [],
	};
}

function open(difficulty: Difficulty = "medium"): Question {
	nextId += 1;
	return {
		id: `demo-q${nextId}`,
		section: "demo-s",
		difficulty,
		kind: "open",
		prompt: "Discuss.",
		answer: "Points.",
		tags: [],
	};
}

/** A choice question with exactly these choices. */
function choiceOf(choices: string[], correct: number): ChoiceQuestion {
	return { ...choice("neither"), choices, correct };
}

const times = (count: number, make: () => Question) => Array.from({ length: count }, make);

/**
 * Eleven two-, three- and four-choice questions whose chance adds up to exactly 4 (limit 5), the first
 * `tells` of them telling, difficulties in turn (4 easy, 4 medium, 3 advanced) so the spread holds.
 */
function mixedBank(tell: Tell, tells: number): ChoiceQuestion[] {
	const sizes = [2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4];
	return sizes.map((choices, index) =>
		choice(index < tells ? tell : "neither", {
			choices,
			correct: index % choices,
			difficulty: DIFFICULTIES[index % DIFFICULTIES.length],
		}),
	);
}

describe("bank shape: the right choice's length", () => {
	it("GIVEN choices of different lengths THEN a right choice counts only where it is strictly the shortest or longest", () => {
		const shape = measureChoiceShape([
			choiceOf(["a", "bb", "cc", "dd"], 0),
			choiceOf(["a", "b", "cc", "dd"], 0), // tied with another: not strictly
			choiceOf(["aaa", "bb", "c", "d"], 0),
			choiceOf(["aaa", "bbb", "c", "d"], 0), // tied with another: not strictly
			choiceOf(["aa", "b", "ccc"], 0), // in between
		]);
		expect(shape.strictlyShortest.count).toBe(1);
		expect(shape.strictlyLongest.count).toBe(1);
	});

	it("GIVEN a two-choice question with equal choices THEN the right one is neither strictly shortest nor longest", () => {
		const shape = measureChoiceShape([choiceOf(["yes", "no!"], 1)]);
		expect([shape.strictlyShortest.count, shape.strictlyLongest.count]).toEqual([0, 0]);
	});

	it("GIVEN an emoji THEN it counts as one character, as the reader sees it", () => {
		const shape = measureChoiceShape([choiceOf(["🙂", "ab"], 0)]);
		expect(shape.strictlyShortest.count).toBe(1);
	});

	it("GIVEN two-, three- and four-choice questions THEN chance is the sum of one over each question's choices", () => {
		const shape = measureChoiceShape(mixedBank("neither", 0));
		expect(shape.strictlyShortest.chance).toBeCloseTo(4, 12);
		expect(shape.strictlyShortest.limit).toBeCloseTo(5, 12);
		expect(shape.strictlyLongest.chance).toBeCloseTo(4, 12);
	});

	it.each(["shortest", "longest"] as const)(
		"GIVEN mixed choice counts and the right choice strictly the %s exactly 1.25 x chance times THEN it holds; one more does not",
		(tell) => {
			const key = tell === "shortest" ? "strictlyShortest" : "strictlyLongest";
			const atLimit = measureChoiceShape(mixedBank(tell, 5));
			expect(atLimit[key]).toMatchObject({ count: 5, withinLimit: true });
			expect(shapeWarnings(atLimit)).toEqual([]);

			const over = measureChoiceShape(mixedBank(tell, 6));
			expect(over[key]).toMatchObject({ count: 6, withinLimit: false });
			expect(shapeWarnings(over)).toEqual([
				`the right choice is strictly the ${tell} in 6 of 11 choice questions; chance is 4 and the limit 5 (1.25 x chance), so a member who always picks the ${tell} choice scores above chance`,
			]);
		},
	);

	it("GIVEN 24 three-choice questions (chance 8, which floating point sums to a hair under) THEN 10 telling still holds and 11 does not", () => {
		const bank = (tells: number) =>
			measureChoiceShape(
				Array.from({ length: 24 }, (_, index) => choice(index < tells ? "shortest" : "neither", { choices: 3 })),
			);
		expect(bank(10).strictlyShortest.withinLimit).toBe(true);
		expect(bank(11).strictlyShortest.withinLimit).toBe(false);
	});

	it("GIVEN the right choice strictly longest in one question of two THEN the shortest count is untouched", () => {
		const shape = measureChoiceShape([choice("longest"), choice("neither")]);
		expect(shape.strictlyShortest).toMatchObject({ count: 0, chance: 0.5, withinLimit: true });
		expect(shape.strictlyLongest).toMatchObject({ count: 1, chance: 0.5, limit: 0.625, withinLimit: false });
	});
});

describe("bank shape: difficulty spread", () => {
	const spread = (easy: number, medium: number, advanced: number) => [
		...times(easy, () => choice("neither", { difficulty: "easy" })),
		...times(medium, () => choice("neither", { difficulty: "medium" })),
		...times(advanced, () => choice("neither", { difficulty: "advanced" })),
	];

	it("GIVEN each difficulty exactly 20% of the choice questions THEN the spread holds", () => {
		expect(shapeWarnings(measureChoiceShape(spread(1, 3, 1)))).toEqual([]);
		expect(shapeWarnings(measureChoiceShape(spread(3, 9, 3)))).toEqual([]);
	});

	it("GIVEN one difficulty one question short of 20% THEN that difficulty is warned about, rounded down", () => {
		const shape = measureChoiceShape(spread(3, 10, 3));
		expect(shape.difficulty.easy).toMatchObject({ count: 3, enough: false });
		expect(shapeWarnings(shape)).toEqual([
			"easy is 3 of 16 choice questions (18%); each difficulty should be at least 20%",
			"advanced is 3 of 16 choice questions (18%); each difficulty should be at least 20%",
		]);
	});

	it("GIVEN open questions THEN they are counted apart and do not make up a missing difficulty", () => {
		const shape = measureChoiceShape([...spread(0, 4, 1), ...times(5, () => open("easy"))]);
		expect(shape).toMatchObject({ choiceQuestions: 5, openQuestions: 5 });
		expect(shape.difficulty.easy).toMatchObject({ count: 0, share: 0, enough: false });
	});

	it("GIVEN a bank of open questions only THEN there is no shape to check and nothing to warn about", () => {
		const shape = measureChoiceShape(times(3, () => open("advanced")));
		expect(shape.strictlyShortest).toMatchObject({ count: 0, chance: 0, withinLimit: true });
		expect(shape.difficulty.easy).toMatchObject({ count: 0, enough: true });
		expect(shapeWarnings(shape)).toEqual([]);
	});
});

describe("bank shape: per bank", () => {
	const sections = [
		{ id: "alpha-s", title: "Alpha", bankId: "alpha", bankTitle: "Alpha bank" },
		{ id: "beta-s", title: "Beta", bankId: "beta", bankTitle: "Beta bank" },
		{ id: "alpha-t", title: "Alpha two", bankId: "alpha", bankTitle: "Alpha bank" },
	];

	it("GIVEN a merged bank THEN each bank is measured on its own questions, across its sections, in load order", () => {
		const bank = createBank(sections, [
			{ ...choice("shortest", { difficulty: "easy" }), section: "alpha-s" },
			{ ...choice("neither", { difficulty: "medium" }), section: "beta-s" },
			{ ...choice("longest", { difficulty: "advanced" }), section: "alpha-t" },
			{ ...open(), section: "beta-s" },
		]);
		const shapes = shapeOfEachBank(bank);
		expect(shapes.map((shape) => shape.bankId)).toEqual(["alpha", "beta"]);
		expect(shapes[0]).toMatchObject({
			bankTitle: "Alpha bank",
			choiceQuestions: 2,
			openQuestions: 0,
			strictlyShortest: { count: 1, chance: 0.5 },
			strictlyLongest: { count: 1, chance: 0.5 },
		});
		expect(shapes[1]).toMatchObject({ choiceQuestions: 1, openQuestions: 1, strictlyShortest: { count: 0 } });
	});

	it("GIVEN a bank THEN its report is one line with both counts against chance and the spread", () => {
		const bank = createBank(sections, [
			...mixedBank("shortest", 2).map((question) => ({ ...question, section: "alpha-s" })),
			{ ...open(), section: "alpha-s" },
		]);
		const [alpha, beta] = shapeOfEachBank(bank).map(formatShape);
		expect(alpha).toBe(
			"alpha: 11 choice, 1 open; right choice strictly shortest 2 / chance 4, strictly longest 0 / chance 4 (limit 5); difficulty easy 4 (36%), medium 4 (36%), advanced 3 (27%)",
		);
		expect(beta).toBe("beta: 0 choice, 0 open; no choice questions, so no shape to check");
	});
});
