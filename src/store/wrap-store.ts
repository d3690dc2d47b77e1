import type { Store } from "../core/ports.js";

type Operation = (...args: unknown[]) => Promise<unknown>;

/** The same store with every operation but `close` passed through `around`, for cross-cutting concerns. */
export function wrapStore(
	store: Store,
	around: (operation: string, call: () => Promise<unknown>) => Promise<unknown>,
): Store {
	const wrapped: Record<string, Operation> = {};
	for (const name of Object.keys(store) as Array<keyof Store>) {
		const method = store[name] as Operation;
		wrapped[name] = name === "close" ? method : (...args) => around(name, () => method(...args));
	}
	return wrapped as unknown as Store;
}
