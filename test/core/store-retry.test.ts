import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/core/ports.js";
import { retryWhileUnavailable } from "../../src/core/store-retry.js";
import { createInFlight } from "../../src/lib/in-flight.js";

const clock = { now: Date.now };
const unavailable = () => new StoreUnavailableError(new Error("connection refused"));

describe("retryWhileUnavailable", () => {
	it("GIVEN a store that comes back within the window THEN the task succeeds and ran until it did", async () => {
		let attempts = 0;
		const result = await retryWhileUnavailable(
			async () => {
				attempts += 1;
				if (attempts < 3) throw unavailable();
				return "stored";
			},
			{ clock, until: Date.now() + 5_000 },
		);
		expect(result).toBe("stored");
		expect(attempts).toBe(3);
	});

	it("GIVEN a window that already passed THEN the task is tried once and the outage reported", async () => {
		let attempts = 0;
		const task = async () => {
			attempts += 1;
			throw unavailable();
		};
		await expect(retryWhileUnavailable(task, { clock, until: Date.now() - 1 })).rejects.toBeInstanceOf(
			StoreUnavailableError,
		);
		expect(attempts).toBe(1);
	});

	it("GIVEN any other error THEN it is not retried", async () => {
		let attempts = 0;
		const task = async () => {
			attempts += 1;
			throw new TypeError("a bug");
		};
		await expect(retryWhileUnavailable(task, { clock, until: Date.now() + 5_000 })).rejects.toBeInstanceOf(TypeError);
		expect(attempts).toBe(1);
	});

	it("GIVEN shutdown aborts a waiting retry THEN it gives up at once with the outage", async () => {
		const shutdown = new AbortController();
		const waiting = retryWhileUnavailable(
			async () => {
				throw unavailable();
			},
			{ clock, until: Date.now() + 60_000, signal: shutdown.signal },
		);
		shutdown.abort();
		await expect(waiting).rejects.toBeInstanceOf(StoreUnavailableError);
	});
});

describe("createInFlight", () => {
	it("GIVEN running tasks THEN drain waits for them and reports none left", async () => {
		const inFlight = createInFlight();
		const finished: number[] = [];
		for (const delay of [10, 30, 20]) {
			void inFlight.run(async () => {
				await new Promise((resolve) => setTimeout(resolve, delay));
				finished.push(delay);
			});
		}
		void inFlight
			.run(async () => {
				throw new Error("a failed task still counts as settled");
			})
			.catch(() => undefined);
		expect(inFlight.size).toBe(4);
		expect(await inFlight.drain(5_000)).toBe(0);
		expect(finished.sort((a, b) => a - b)).toEqual([10, 20, 30]);
	});

	it("GIVEN a task that outlives the drain timeout THEN drain returns with it still counted", async () => {
		const inFlight = createInFlight();
		let release: () => void = () => undefined;
		void inFlight.run(() => new Promise<void>((resolve) => (release = resolve)));
		expect(await inFlight.drain(20)).toBe(1);
		release();
		expect(await inFlight.drain(1_000)).toBe(0);
	});
});
