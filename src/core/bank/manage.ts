import { stringify } from "yaml";
import type { DojoContext } from "../context.js";
import type { BankSummary } from "./bank.js";
import type { BankFile } from "./schema.js";
import { deleteBankContent, readBankContent, readServerBanks, writeServerBanks } from "./server-banks.js";

type BankCtx = Pick<DojoContext, "store" | "banks">;

export type ToggleOutcome =
	| { kind: "unknown" }
	| { kind: "unchanged"; bank: BankSummary }
	/** Turning it off would leave the server nothing to ask. */
	| { kind: "last-enabled"; bank: BankSummary }
	| { kind: "changed"; bank: BankSummary };

/** Turns a bank on or off for one server; what was asked from it, and its scores, stay. */
export async function setBankEnabled(
	ctx: BankCtx,
	guildId: string,
	bankId: string,
	enabled: boolean,
): Promise<ToggleOutcome> {
	const view = await ctx.banks.forGuild(guildId);
	const bank = view.banks.find((entry) => entry.id === bankId);
	if (!bank) return { kind: "unknown" };
	if (bank.enabled === enabled) return { kind: "unchanged", bank };
	if (!enabled && !view.banks.some((entry) => entry.enabled && entry.id !== bankId && entry.questions > 0)) {
		return { kind: "last-enabled", bank };
	}
	await ctx.banks.changing(guildId, async () => {
		const banks = await readServerBanks(ctx, guildId);
		const disabled = banks.disabled.filter((id) => id !== bankId);
		await writeServerBanks(ctx, guildId, { ...banks, disabled: enabled ? disabled : [...disabled, bankId] });
		ctx.banks.forget(guildId);
	});
	return { kind: "changed", bank: { ...bank, enabled } };
}

/** A bank as the YAML a group writes by hand, so an export imports back as the same bank. */
export async function exportBank(
	ctx: BankCtx,
	guildId: string,
	bankId: string,
): Promise<{ bank: BankSummary; fileName: string; yaml: string } | undefined> {
	const view = await ctx.banks.forGuild(guildId);
	const bank = view.banks.find((entry) => entry.id === bankId);
	if (!bank) return undefined;
	const file = await bankFile(ctx, guildId, bank);
	if (!file) return undefined;
	return { bank, fileName: `${bank.id}.yaml`, yaml: stringify(tidy(file), { lineWidth: 0 }) };
}

async function bankFile(ctx: BankCtx, guildId: string, bank: BankSummary): Promise<BankFile | undefined> {
	if (bank.origin === "built-in") return ctx.banks.builtInFiles.find((file) => file.id === bank.id);
	const entry = (await readServerBanks(ctx, guildId)).own.find((own) => own.id === bank.id);
	return entry && readBankContent(ctx, guildId, entry);
}

/** Leaves out what parsing fills in by default (empty tags), as a person would. */
function tidy(file: BankFile): object {
	return {
		...file,
		questions: file.questions.map(({ tags, ...question }) => (tags.length > 0 ? { ...question, tags } : question)),
	};
}

export type RemoveOutcome =
	| { kind: "unknown" }
	| { kind: "built-in"; bank: BankSummary }
	| { kind: "removed"; bank: BankSummary };

/** What a removal would take away, checked before the member confirms. */
export async function findRemovableBank(ctx: BankCtx, guildId: string, bankId: string): Promise<RemoveOutcome> {
	const bank = (await ctx.banks.forGuild(guildId)).banks.find((entry) => entry.id === bankId);
	if (!bank) return { kind: "unknown" };
	return bank.origin === "built-in" ? { kind: "built-in", bank } : { kind: "removed", bank };
}

/** Removes one of the server's own banks; rounds, stats and history that name its questions stay. */
export async function removeServerBank(ctx: BankCtx, guildId: string, bankId: string): Promise<RemoveOutcome> {
	const found = await findRemovableBank(ctx, guildId, bankId);
	if (found.kind !== "removed") return found;
	return ctx.banks.changing(guildId, async (): Promise<RemoveOutcome> => {
		const banks = await readServerBanks(ctx, guildId);
		const entry = banks.own.find((own) => own.id === bankId);
		if (!entry) return { kind: "unknown" };
		await writeServerBanks(ctx, guildId, {
			disabled: banks.disabled.filter((id) => id !== bankId),
			own: banks.own.filter((own) => own.id !== bankId),
		});
		ctx.banks.forget(guildId);
		await deleteBankContent(ctx, guildId, entry);
		return found;
	});
}
