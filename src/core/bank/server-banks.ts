import { z } from "zod";
import type { DojoContext } from "../context.js";
import { type BankFile, bankFileSchema } from "./schema.js";

/**
 * The store layout of the banks a server brings itself. One small index per server says which of its
 * banks exist (at which revision) and which banks, built-in or its own, it turned off; each revision of
 * a bank's content is a record of its own, written before the index points at it, so a reader never
 * sees half an import.
 */
const indexKey = (guildId: string) => `server-banks:${guildId}`;
const contentKey = (guildId: string, bankId: string, revision: number) =>
	`server-bank:${guildId}:${bankId}:${revision}`;

const ownBankSchema = z.object({
	id: z.string(),
	title: z.string(),
	revision: z.number().int().nonnegative(),
	importedAt: z.number(),
	importedBy: z.string(),
	questions: z.number().int().nonnegative(),
	sections: z.number().int().nonnegative(),
});

const serverBanksSchema = z.object({
	/** Bank ids, built-in or the server's own, that the server turned off. */
	disabled: z.array(z.string()).default([]),
	own: z.array(ownBankSchema).default([]),
});

export type OwnBankEntry = z.infer<typeof ownBankSchema>;
export type ServerBanks = z.infer<typeof serverBanksSchema>;

const EMPTY: ServerBanks = { disabled: [], own: [] };

export async function readServerBanks(ctx: Pick<DojoContext, "store">, guildId: string): Promise<ServerBanks> {
	return (await ctx.store.get(indexKey(guildId), serverBanksSchema)) ?? EMPTY;
}

export async function writeServerBanks(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	banks: ServerBanks,
): Promise<void> {
	await ctx.store.set(indexKey(guildId), banks);
}

/** A bank's content, validated again on the way out: the store outlives the code that checked it. */
export async function readBankContent(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	entry: Pick<OwnBankEntry, "id" | "revision">,
): Promise<BankFile | undefined> {
	return ctx.store.get(contentKey(guildId, entry.id, entry.revision), bankFileSchema);
}

export async function writeBankContent(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	revision: number,
	bank: BankFile,
): Promise<void> {
	await ctx.store.set(contentKey(guildId, bank.id, revision), bank);
}

export async function deleteBankContent(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	entry: Pick<OwnBankEntry, "id" | "revision">,
): Promise<void> {
	await ctx.store.delete(contentKey(guildId, entry.id, entry.revision));
}
