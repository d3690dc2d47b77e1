import { describe, expect, it } from "vitest";
import { startRepeatingSweep } from "../../src/lib/repeating-sweep.js";

describe("a repeating sweep", () => {
	it("GIVEN two calls while one sweep runs THEN they share it; stop waits for it to finish", async () => {
		let runs = 0;
		let finish: (handled: number) => void = () => undefined;
		const repeating = startRepeatingSweep(
			() => {
				runs += 1;
				return new Promise<number>((resolve) => {
					finish = resolve;
				});
			},
			{ intervalMs: 60_000, onError: () => undefined },
		);
		const first = repeating.sweep();
		const second = repeating.sweep();
		expect(runs).toBe(1);
		let stopped = false;
		const stopping = repeating.stop().then(() => {
			stopped = true;
		});
		await Promise.resolve();
		expect(stopped).toBe(false);
		finish(3);
		expect(await first).toBe(3);
		expect(await second).toBe(3);
		await stopping;
		expect(stopped).toBe(true);
	});

	it("GIVEN a sweep that fails THEN the error is handed on, it counts as nothing, and the next sweep runs", async () => {
		const errors: unknown[] = [];
		let fail = true;
		const repeating = startRepeatingSweep(
			async () => {
				if (fail) throw new Error("store down");
				return 2;
			},
			{ intervalMs: 60_000, onError: (error) => errors.push(error) },
		);
		expect(await repeating.sweep()).toBe(0);
		expect(errors).toHaveLength(1);
		fail = false;
		expect(await repeating.sweep()).toBe(2);
		await repeating.stop();
	});
});
