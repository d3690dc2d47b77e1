import { setTimeout as sleep } from "node:timers/promises";
import { type Clock, StoreUnavailableError } from "./ports.js";

const FIRST_PAUSE_MS = 250;
const LONGEST_PAUSE_MS = 5_000;

export interface RetryWindow {
	clock: Clock;
	/** The task is given up once this instant has passed; it is tried at least once. */
	until: number;
	/** Aborting gives up at once (shutdown). */
	signal?: AbortSignal;
}

/**
 * Runs a task that only does idempotent store writes, trying again while the store is unreachable. The
 * window is fixed by the caller (from when the member acted, not from when this attempt began), so a
 * queue of events from one member all give up together instead of one window after another.
 */
export async function retryWhileUnavailable<T>(task: () => Promise<T>, window: RetryWindow): Promise<T> {
	let pause = FIRST_PAUSE_MS;
	for (;;) {
		try {
			return await task();
		} catch (error) {
			const remaining = window.until - window.clock.now();
			if (!(error instanceof StoreUnavailableError) || remaining <= 0 || window.signal?.aborted) throw error;
			try {
				await sleep(Math.min(pause, remaining), undefined, window.signal ? { signal: window.signal } : {});
			} catch {
				throw error;
			}
			pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
		}
	}
}
