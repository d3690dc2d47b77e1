import { createKeyedLock } from "../../lib/keyed-lock.js";
import type { Logger, Store } from "../ports.js";
import { claimIds, noOwners } from "./assemble.js";
import { type Bank, type BankPart, composeBank } from "./bank.js";
import type { BankFile } from "./schema.js";
import { readBankContent, readServerBanks } from "./server-banks.js";

/**
 * Every server's view of the banks: the built-in ones from BANKS_DIR, plus what the server imported,
 * less what it turned off. A view is read from the store and kept for a few seconds, so a burst of
 * picks costs no extra round trips; this process forgets a server's view as soon as it changes it.
 * A view past its keep time but younger than STALE_MS is still served while it is read again in the
 * background, so a busy server's commands never wait on that read: a change made by another process
 * shows to the commands after the first one past the keep time, and never later than STALE_MS.
 */
export interface BankLibrary {
	/** The built-in banks, all enabled: what a server that changed nothing sees. */
	readonly builtIn: Bank;
	readonly builtInFiles: readonly BankFile[];
	forGuild(guildId: string): Promise<Bank>;
	/** Drops the kept view of a server after this process changed its banks. */
	forget(guildId: string): void;
	/**
	 * Runs one change of a server's banks after the ones before it, so two changes at once (an import
	 * and a /bank disable) never write the server's index over each other. A server's commands all
	 * reach the one process that owns its shard.
	 */
	changing<T>(guildId: string, change: () => Promise<T>): Promise<T>;
}

const KEEP_MS = 5_000;
/** A view older than this is read again before it is used, not served while it is read. */
const STALE_MS = 60_000;
/** Views kept at once; a view of built-in banks only costs nothing, it is the shared `builtIn`. */
const KEPT_VIEWS = 500;

export function createBankLibrary(
	deps: { store: Store; logger: Logger; clock: { now(): number } },
	builtInFiles: readonly BankFile[],
): BankLibrary {
	const builtIn = composeBank(builtInFiles.map((file) => ({ file, origin: "built-in", enabled: true })));
	const kept = new Map<string, { bank: Bank; at: number }>();
	const loading = new Map<string, Promise<Bank>>();
	// Bumped by forget, so a load that started before a change never keeps the view from before it.
	let changes = 0;
	const oneChangeAtATime = createKeyedLock();

	async function load(guildId: string): Promise<Bank> {
		const banks = await readServerBanks(deps, guildId);
		if (banks.disabled.length === 0 && banks.own.length === 0) return builtIn;
		const disabled = new Set(banks.disabled);
		const owners = noOwners();
		for (const file of builtInFiles) claimIds(owners, file, file.id);
		const parts: BankPart[] = builtInFiles.map((file) => ({
			file,
			origin: "built-in",
			enabled: !disabled.has(file.id),
		}));
		const contents = await Promise.all(
			banks.own.map((entry) =>
				readBankContent(deps, guildId, entry).catch((error: unknown) => {
					deps.logger.error(
						{ err: error, guildId, bankId: entry.id },
						"a server bank in the store is not valid; left out",
					);
					return undefined;
				}),
			),
		);
		for (const file of contents) {
			if (!file) continue;
			// The operator may since have shipped a built-in bank using one of these ids; the built-in one wins.
			const clash = [
				owners.bank.get(file.id),
				...file.sections.map((section) => owners.section.get(section.id)),
				...file.questions.map((question) => owners.question.get(question.id)),
			].find((owner) => owner !== undefined);
			if (clash !== undefined) {
				deps.logger.warn(
					{ guildId, bankId: file.id, builtInBank: clash },
					"a server bank reuses built-in ids; left out",
				);
				continue;
			}
			claimIds(owners, file, file.id);
			parts.push({ file, origin: "server", enabled: !disabled.has(file.id) });
		}
		return composeBank(parts);
	}

	return {
		builtIn,
		builtInFiles,
		async forGuild(guildId) {
			const entry = kept.get(guildId);
			const age = entry ? deps.clock.now() - entry.at : Number.POSITIVE_INFINITY;
			if (entry && age < KEEP_MS) return entry.bank;
			if (entry && age < STALE_MS) {
				// A failed read leaves the view as it was; the next command past the keep time tries again.
				refresh(guildId).catch((error: unknown) =>
					deps.logger.warn({ err: error, guildId }, "could not read a server's banks again; kept the view"),
				);
				return entry.bank;
			}
			return refresh(guildId);
		},
		changing: (guildId, change) => oneChangeAtATime(guildId, change),
		forget(guildId) {
			changes += 1;
			kept.delete(guildId);
			loading.delete(guildId);
		},
	};

	function refresh(guildId: string): Promise<Bank> {
		const pending = loading.get(guildId);
		if (pending) return pending;
		const startedAt = changes;
		const started = load(guildId)
			.then((bank) => {
				if (startedAt !== changes) return bank;
				kept.delete(guildId);
				if (kept.size >= KEPT_VIEWS) kept.delete(kept.keys().next().value ?? "");
				kept.set(guildId, { bank, at: deps.clock.now() });
				return bank;
			})
			.finally(() => {
				if (loading.get(guildId) === started) loading.delete(guildId);
			});
		loading.set(guildId, started);
		return started;
	}
}
