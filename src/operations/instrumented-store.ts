import type { Store } from "../core/ports.js";
import { wrapStore } from "../store/wrap-store.js";

/** The same store, timing every operation; the backends stay unaware of metrics. */
export function instrumentStore(
	store: Store,
	observe: (operation: string, seconds: number, failed: boolean) => void,
): Store {
	// Plain promise callbacks rather than an async function with try/finally: this runs on every store call.
	return wrapStore(store, (operation, call) => {
		const started = performance.now();
		return call().then(
			(value) => {
				observe(operation, (performance.now() - started) / 1000, false);
				return value;
			},
			(error: unknown) => {
				observe(operation, (performance.now() - started) / 1000, true);
				throw error;
			},
		);
	});
}
