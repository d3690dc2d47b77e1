import type { Bank } from "./bank/bank.js";
import type { Clock, DojoMetrics, Logger, Store } from "./ports.js";

/** Everything a handler needs, passed in rather than imported, so tests can hand in their own. */
export interface DojoContext {
	readonly store: Store;
	readonly bank: Bank;
	readonly clock: Clock;
	readonly logger: Logger;
	readonly random: () => number;
	readonly metrics: DojoMetrics;
}
