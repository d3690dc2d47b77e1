import { createHash } from "node:crypto";
import { type REST, Routes } from "discord.js";
import { z } from "zod";
import type { Command } from "../../commands/_command.js";
import { type Logger, type Store, StoreUnavailableError } from "../core/ports.js";

export interface CommandScope {
	applicationId: string;
	/** Register in this guild only (instant, for development); global otherwise. */
	guildId?: string;
}

const syncRecordSchema = z.object({ hash: z.string(), syncedAt: z.number() });

/**
 * Long enough for one registration (a bulk overwrite takes well under a second); short, so that when
 * the process holding it failed or died, the next start registers.
 */
const REGISTRATION_CLAIM_MS = 30_000;

function scopeKey(scope: CommandScope): string {
	return `commands:${scope.applicationId}:${scope.guildId ?? "global"}`;
}

function commandsHash(commands: readonly Command[]): string {
	return createHash("sha256")
		.update(JSON.stringify(commands.map((command) => command.data)))
		.digest("hex");
}

/** One bulk overwrite: Discord replaces the whole set, so removed commands disappear too. */
export async function putCommands(rest: REST, commands: readonly Command[], scope: CommandScope): Promise<void> {
	const route = scope.guildId
		? Routes.applicationGuildCommands(scope.applicationId, scope.guildId)
		: Routes.applicationCommands(scope.applicationId);
	await rest.put(route, { body: commands.map((command) => command.data) });
}

/**
 * Registers the commands at start-up unless this exact set was already registered in this scope, so a
 * restart costs no API call and stays clear of Discord's daily limit on command creation. Processes
 * that start together (shards on several hosts) register a new set once: one claims it, the others
 * leave it to that one.
 */
export async function syncCommands(
	deps: { rest: REST; store: Store; logger: Logger; now: () => number },
	commands: readonly Command[],
	scope: CommandScope,
): Promise<"registered" | "unchanged" | "left to another process"> {
	const key = scopeKey(scope);
	const hash = commandsHash(commands);
	// Without the store the set is registered anyway: one extra overwrite beats commands out of date.
	const previous = await deps.store.get(key, syncRecordSchema).catch((error: unknown) => {
		if (error instanceof StoreUnavailableError) return undefined;
		throw error;
	});
	const where = scope.guildId ? `guild ${scope.guildId}` : "global";
	if (previous?.hash === hash) {
		deps.logger.info({ scope: where, commands: commands.length }, "slash commands unchanged, not re-registered");
		return "unchanged";
	}
	const claimed = await deps.store.claim(`${key}:${hash}`, REGISTRATION_CLAIM_MS).catch((error: unknown) => {
		if (error instanceof StoreUnavailableError) return true;
		throw error;
	});
	if (!claimed) {
		deps.logger.info({ scope: where, commands: commands.length }, "slash commands being registered by another process");
		return "left to another process";
	}
	await putCommands(deps.rest, commands, scope);
	await deps.store.set(key, { hash, syncedAt: deps.now() }).catch((error: unknown) => {
		if (!(error instanceof StoreUnavailableError)) throw error;
		deps.logger.warn({}, "slash commands registered, but not remembered: the store is unreachable");
	});
	deps.logger.info({ scope: where, commands: commands.length }, "slash commands registered");
	return "registered";
}
