import type { Store } from "../core/ports.js";
import { wrapStore } from "../store/wrap-store.js";

/** The same store, timing every operation; the backends stay unaware of metrics. */
export function instrumentStore(
	store: Store,
	observe: (operation: string, seconds: number, failed: boolean) => void,
): Store {
	return wrapStore(store, async (operation, call) => {
		const started = performance.now();
		let failed = false;
		try {
			return await call();
		} catch (error) {
			failed = true;
			throw error;
		} finally {
			observe(operation, (performance.now() - started) / 1000, failed);
		}
	});
}
