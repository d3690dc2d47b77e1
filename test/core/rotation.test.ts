import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { takeNextQuestion } from "../../src/core/rotation.js";
import { matchingQuestions } from "../../src/core/selection.js";
import { createMemoryStore } from "../../src/store/memory-store.js";
import { smallBank } from "./fixtures.js";

const bank = smallBank();
const clock = { now: () => 1_700_000_000_000 };
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

	it("GIVEN any random source THEN every candidate is asked once per cycle and a new cycle never repeats the last", async () => {
		const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
		await fc.assert(
			fc.asyncProperty(
				fc.array(unit, { minLength: 1, maxLength: 20 }),
				fc.integer({ min: 1, max: 3 }),
				async (numbers, cycles) => {
					const ctx = { store: createMemoryStore(), bank, random: replay(numbers), clock };
					let previous: string | undefined;
					for (let cycle = 0; cycle < cycles; cycle++) {
						const seen: string[] = [];
						for (let i = 0; i < bank.questions.length; i++) {
							const question = await takeNextQuestion(ctx, "g1", {});
							if (!question) return false;
							if (i === 0 && question.id === previous) return false;
							seen.push(question.id);
						}
						if (new Set(seen).size !== bank.questions.length) return false;
						previous = seen.at(-1);
					}
					return true;
				},
			),
			{ numRuns: 100 },
		);
	});

	it("GIVEN one candidate THEN it is asked again and again", async () => {
		const ctx = { store: createMemoryStore(), bank, random: Math.random, clock };
		for (let i = 0; i < 3; i++) {
			expect((await takeNextQuestion(ctx, "g1", { difficulty: "advanced" }))?.id).toBe("demo-four");
		}
	});

	it("GIVEN concurrent /question calls, even from two processes on one store, THEN they get distinct questions", async () => {
		const store = createMemoryStore();
		const left = { store, bank, random: Math.random, clock };
		const right = { store, bank, random: Math.random, clock };
		const picks = await Promise.all(
			bank.questions.map((_, index) => takeNextQuestion(index % 2 === 0 ? left : right, "g1", {})),
		);
		expect(new Set(picks.map((q) => q?.id)).size).toBe(bank.questions.length);
	});

	it("GIVEN two guilds or two filters THEN their rotations are independent", async () => {
		const ctx = { store: createMemoryStore(), bank, random: () => 0, clock };
		const first = await takeNextQuestion(ctx, "g1", {});
		expect((await takeNextQuestion(ctx, "g2", {}))?.id).toBe(first?.id);
		expect((await takeNextQuestion(ctx, "g1", { difficulty: "easy" }))?.id).toBe("demo-one");
	});

	it("GIVEN a rotation stored before cycles had their own hash THEN its open cycle goes on, then closes and is cleared", async () => {
		const store = createMemoryStore();
		const ids = bank.questions.map((question) => question.id);
		const [first, second, ...rest] = ids;
		const state = "rotation-cycles:g1:*/*";
		await store.hashSet(state, "cycle", "3");
		await store.hashSet(state, "closed:2", "1");
		await store.hashSet(state, `3:${first}`, "1");
		await store.hashSet(state, `3:${second}`, "2");
		await store.hashSet(state, "last", String(second));
		const ctx = { store, bank, random: Math.random, clock };
		const rest3: string[] = [];
		for (const _ of rest) rest3.push((await takeNextQuestion(ctx, "g1", {}))?.id ?? "");
		expect([...rest3].sort()).toEqual([...rest].sort());
		const opener = await takeNextQuestion(ctx, "g1", {});
		expect(opener?.id).not.toBe(rest3.at(-1));
		expect(await store.hashGetAll(state)).toEqual({
			cycle: "4",
			last: expect.any(String),
			"closed:2": "1",
			"closed:3": "1",
		});
	});

	it("GIVEN a whole cycle THEN each question costs two store calls and closing costs a few, not one per question", async () => {
		const store = createMemoryStore();
		const calls: string[] = [];
		const counted = new Proxy(store, {
			get: (target, name: keyof typeof store) =>
				typeof target[name] === "function"
					? (...args: unknown[]) => {
							calls.push(String(name));
							return (target[name] as (...a: unknown[]) => unknown)(...args);
						}
					: target[name],
		});
		const ctx = { store: counted, bank, random: Math.random, clock };
		for (const _ of bank.questions) await takeNextQuestion(ctx, "g1", {});
		expect(calls).toHaveLength(2 * bank.questions.length);
		calls.length = 0;
		await takeNextQuestion(ctx, "g1", {});
		expect(calls.filter((name) => name === "hashDelete")).toEqual([]);
		expect(calls.length).toBeLessThanOrEqual(8);
	});

	it("GIVEN no match THEN no question and nothing stored", async () => {
		const ctx = { store: createMemoryStore(), bank, random: Math.random, clock };
		expect(await takeNextQuestion(ctx, "g1", { section: "demo-advanced", difficulty: "easy" })).toBeUndefined();
	});
});
