import type { Bank } from "./bank/bank.js";
import type { BankLibrary } from "./bank/library.js";
import type { Clock, DojoMetrics, Logger, Store } from "./ports.js";

/** Everything a handler needs, passed in rather than imported, so tests can hand in their own. */
export interface DojoContext {
	readonly store: Store;
	/** The banks of the server being served: set per server by `inGuild`; the built-in banks elsewhere. */
	readonly bank: Bank;
	/** Every server's banks, built-in and imported. */
	readonly banks: BankLibrary;
	readonly clock: Clock;
	readonly logger: Logger;
	readonly random: () => number;
	readonly metrics: DojoMetrics;
}

/** The context for work in one server: its own view of the banks, with what it imported or turned off. */
export async function inGuild<C extends Pick<DojoContext, "banks">>(
	ctx: C,
	guildId: string,
): Promise<C & { bank: Bank }> {
	return { ...ctx, bank: await ctx.banks.forGuild(guildId) };
}
