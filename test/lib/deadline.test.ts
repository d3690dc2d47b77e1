import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDeadlines } from "../../src/lib/deadline.js";

describe("shared deadlines", () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	const late = () => new Error("late");

	it("GIVEN calls that settle in time THEN each settles as it did; GIVEN one that never settles THEN only it times out, soon after its deadline", async () => {
		const within = createDeadlines(2_000, late, () => Date.now());
		const quick = within(Promise.resolve("quick"));
		const failing = within(Promise.reject(new Error("refused")));
		const hung = within(new Promise<never>(() => {}));
		const hungOutcome = hung.then(
			() => "settled",
			(error: Error) => `${error.message} at ${Date.now()}`,
		);
		const started = Date.now();
		await expect(quick).resolves.toBe("quick");
		await expect(failing).rejects.toThrow("refused");
		await vi.advanceTimersByTimeAsync(1_999);
		await vi.advanceTimersByTimeAsync(100);
		expect(await hungOutcome).toMatch(/^late at /);
		const timedOutAt = Number((await hungOutcome).split(" at ")[1]);
		expect(timedOutAt - started).toBeGreaterThanOrEqual(2_000);
		expect(timedOutAt - started).toBeLessThanOrEqual(2_050);
	});

	it("GIVEN calls started one after another THEN each times out on its own deadline, with one timer pending at a time", async () => {
		const within = createDeadlines(1_000, late, () => Date.now());
		const outcomes: string[] = [];
		const track = (name: string) =>
			within(new Promise<never>(() => {})).catch(() => outcomes.push(`${name}@${Date.now()}`));
		const started = Date.now();
		void track("first");
		await vi.advanceTimersByTimeAsync(400);
		void track("second");
		expect(vi.getTimerCount()).toBe(1);
		await vi.advanceTimersByTimeAsync(700);
		expect(outcomes).toEqual([`first@${started + 1_010}`]);
		await vi.advanceTimersByTimeAsync(400);
		expect(outcomes).toHaveLength(2);
		expect(Number(outcomes[1]?.split("@")[1]) - started).toBeLessThanOrEqual(1_420);
		expect(vi.getTimerCount()).toBe(0);
	});
});
