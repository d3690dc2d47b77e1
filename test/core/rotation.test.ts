import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { takeNextQuestion } from "../../src/core/rotation.js";
import { matchingQuestions, pickFromRotation } from "../../src/core/selection.js";
import { createMemoryStore } from "../../src/store/memory-store.js";
import { smallBank } from "./fixtures.js";

const bank = smallBank();
/** Replays generated numbers as Math.random would hand them out. */
const replay = (numbers: number[]) => {
	let index = 0;
	return () => numbers[index++ % numbers.length] ?? 0;
};

describe("selection and rotation", () => {
	it("GIVEN filters THEN only questions matching all of them are candidates", () => {
		expect(matchingQuestions(bank, { section: "demo-basics", difficulty: "easy" }).map((q) => q.id)).toEqual([
			"demo-one",
			"demo-three",
		]);
		expect(matchingQuestions(bank, { difficulty: "advanced" }).map((q) => q.id)).toEqual(["demo-four"]);
		expect(matchingQuestions(bank, { section: "demo-advanced", difficulty: "easy" })).toEqual([]);
	});

	it("GIVEN any random source THEN every candidate is asked once per cycle and a new cycle never repeats the last", () => {
		const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
		fc.assert(
			fc.property(
				fc.array(unit, { minLength: 1, maxLength: 20 }),
				fc.integer({ min: 1, max: 3 }),
				(numbers, cycles) => {
					const random = replay(numbers);
					let asked: string[] = [];
					let previous: string | undefined;
					for (let cycle = 0; cycle < cycles; cycle++) {
						const seen: string[] = [];
						for (let i = 0; i < bank.questions.length; i++) {
							const pick = pickFromRotation(bank.questions, asked, random);
							if (!pick) return false;
							if (i === 0 && pick.question.id === previous) return false;
							seen.push(pick.question.id);
							asked = pick.asked;
						}
						if (new Set(seen).size !== bank.questions.length) return false;
						previous = seen.at(-1);
					}
					return true;
				},
			),
		);
	});

	it("GIVEN an asked id no longer in the bank THEN it is dropped from the rotation", () => {
		const pick = pickFromRotation(bank.questions, ["gone-question", "demo-one"], () => 0);
		expect(pick?.asked).toEqual(["demo-one", pick?.question.id]);
	});

	it("GIVEN one candidate THEN it is asked again and again", () => {
		const only = matchingQuestions(bank, { difficulty: "advanced" });
		expect(pickFromRotation(only, ["demo-four"], Math.random)?.question.id).toBe("demo-four");
	});

	it("GIVEN concurrent /question calls in one guild THEN the stored rotation hands out distinct questions", async () => {
		const ctx = { store: createMemoryStore(), bank, random: Math.random };
		const picks = await Promise.all(bank.questions.map(() => takeNextQuestion(ctx, "g1", {})));
		expect(new Set(picks.map((q) => q?.id)).size).toBe(bank.questions.length);
	});

	it("GIVEN two guilds or two filters THEN their rotations are independent", async () => {
		const ctx = { store: createMemoryStore(), bank, random: () => 0 };
		const first = await takeNextQuestion(ctx, "g1", {});
		expect((await takeNextQuestion(ctx, "g2", {}))?.id).toBe(first?.id);
		expect((await takeNextQuestion(ctx, "g1", { difficulty: "easy" }))?.id).toBe("demo-one");
	});

	it("GIVEN no match THEN no question and nothing stored", async () => {
		const ctx = { store: createMemoryStore(), bank, random: Math.random };
		expect(await takeNextQuestion(ctx, "g1", { section: "demo-advanced", difficulty: "easy" })).toBeUndefined();
	});
});
