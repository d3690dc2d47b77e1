import type { Store } from "../core/ports.js";

/** The same store, timing every operation; the backends stay unaware of metrics. */
export function instrumentStore(
	store: Store,
	observe: (operation: string, seconds: number, failed: boolean) => void,
): Store {
	const timed =
		<A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
		async (...args: A): Promise<R> => {
			const started = performance.now();
			let failed = false;
			try {
				return await call(...args);
			} catch (error) {
				failed = true;
				throw error;
			} finally {
				observe(operation, (performance.now() - started) / 1000, failed);
			}
		};
	const wrapped = {} as Record<string, unknown>;
	for (const name of Object.keys(store) as Array<keyof Store>) {
		const method = store[name] as (...args: unknown[]) => Promise<unknown>;
		wrapped[name] = name === "close" ? method : timed(name, method);
	}
	return wrapped as unknown as Store;
}
