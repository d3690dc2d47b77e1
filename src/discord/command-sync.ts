import { createHash } from "node:crypto";
import { DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from "discord.js";
import {
	adoptLegacyRegistrations,
	type CommandRegistration,
	claimRegistration,
	forgetRegistration,
	GLOBAL_SCOPE,
	loadRegistrations,
	type RegistrationScope,
	recordRegistration,
} from "../core/command-registrations.js";
import { type Logger, type Store, StoreUnavailableError } from "../core/ports.js";
import type { Command } from "./command.js";

export interface CommandScope {
	applicationId: string;
	/** Register in this guild only (instant, for development); global otherwise. */
	guildId?: string;
}

export interface SyncDeps {
	rest: REST;
	store: Store;
	logger: Logger;
	now: () => number;
}

export interface SyncResult {
	outcome: "registered" | "unchanged" | "left to another process";
	/** The scopes whose earlier registration was taken back. */
	removedFrom: RegistrationScope[];
}

/**
 * Long enough for one registration (a bulk overwrite takes well under a second); short, so that when
 * the process holding it failed or died, the next start registers.
 */
const REGISTRATION_CLAIM_MS = 30_000;

/** Discord's answers for a guild the application can no longer reach; its commands there went with it. */
const GUILD_GONE = new Set<number | string>([RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.UnknownGuild]);

const describeScope = (scope: RegistrationScope) => (scope === GLOBAL_SCOPE ? "global" : `guild ${scope}`);

function commandsHash(commands: readonly Command[]): string {
	return createHash("sha256")
		.update(JSON.stringify(commands.map((command) => command.data)))
		.digest("hex");
}

/** One bulk overwrite: Discord replaces the whole set, so removed commands disappear too. */
async function overwrite(rest: REST, applicationId: string, scope: RegistrationScope, body: unknown[]): Promise<void> {
	const route =
		scope === GLOBAL_SCOPE
			? Routes.applicationCommands(applicationId)
			: Routes.applicationGuildCommands(applicationId, scope);
	await rest.put(route, { body });
}

/** Store problems here cost at most a repeated request later, so they are logged and let pass. */
async function unlessStoreDown<T>(deps: SyncDeps, attempt: () => Promise<T>, warning: string): Promise<T | undefined> {
	try {
		return await attempt();
	} catch (error) {
		if (!(error instanceof StoreUnavailableError)) throw error;
		deps.logger.warn({}, warning);
		return undefined;
	}
}

async function earlierRegistrations(
	deps: SyncDeps,
	applicationId: string,
	candidates: Iterable<RegistrationScope>,
): Promise<Map<RegistrationScope, CommandRegistration>> {
	const registrations = await loadRegistrations(deps.store, applicationId);
	if (registrations.size > 0) return registrations;
	const adopted = await adoptLegacyRegistrations(deps.store, applicationId, candidates);
	return adopted.length > 0 ? loadRegistrations(deps.store, applicationId) : registrations;
}

/** Empties a scope registered earlier, as the discord.js guide does: a bulk overwrite with no commands. */
async function takeBack(deps: SyncDeps, applicationId: string, scope: RegistrationScope): Promise<boolean> {
	const where = describeScope(scope);
	let removed = true;
	try {
		await overwrite(deps.rest, applicationId, scope, []);
		deps.logger.info({ scope: where }, "removed the slash commands registered there before");
	} catch (error) {
		if (!(error instanceof DiscordAPIError && GUILD_GONE.has(error.code))) {
			deps.logger.warn(
				{ err: error, scope: where },
				"could not remove the slash commands registered there before; trying again at the next start",
			);
			return false;
		}
		removed = false;
		deps.logger.info(
			{ scope: where, code: error.code },
			"the bot is no longer in the server it registered its slash commands in before; nothing to remove",
		);
	}
	await unlessStoreDown(
		deps,
		() => forgetRegistration(deps.store, applicationId, scope),
		"an earlier registration was taken back, but the store is unreachable; it is taken back again at the next start",
	);
	return removed;
}

/**
 * Registers the commands in their scope unless this exact set is already there (unless `force`), so a
 * restart costs no API call and stays clear of Discord's daily limit on command creation. Then takes
 * the commands back from every other scope this store remembers registering them in, so moving from
 * DEV_GUILD_ID to global (or to another guild, or back) never shows members each command twice.
 * Processes that start together (shards on several hosts) register a new set once: one claims it, and
 * the others leave the registration and the taking back to that one. `force` (commands:deploy) always
 * registers. `knownGuilds` names the guilds whose records an earlier version may have kept.
 */
export async function syncCommands(
	deps: SyncDeps,
	commands: readonly Command[],
	scope: CommandScope,
	options: { force?: boolean; knownGuilds?: Iterable<string> } = {},
): Promise<SyncResult> {
	const { applicationId } = scope;
	const here: RegistrationScope = scope.guildId ?? GLOBAL_SCOPE;
	const where = describeScope(here);
	const hash = commandsHash(commands);
	// Without the store the set is registered anyway: one extra overwrite beats commands out of date.
	const earlier = await unlessStoreDown(
		deps,
		() => earlierRegistrations(deps, applicationId, [GLOBAL_SCOPE, here, ...(options.knownGuilds ?? [])]),
		"the store is unreachable, so slash commands registered elsewhere before are left for the next start",
	);
	let outcome: SyncResult["outcome"] = "unchanged";
	if (!options.force && earlier?.get(here)?.hash === hash) {
		deps.logger.info({ scope: where, commands: commands.length }, "slash commands unchanged, not re-registered");
	} else {
		// Without the store every process registers: one extra overwrite beats commands out of date.
		const claimed =
			options.force ||
			earlier === undefined ||
			((await unlessStoreDown(
				deps,
				() => claimRegistration(deps.store, applicationId, here, hash, earlier, REGISTRATION_CLAIM_MS),
				"the store is unreachable, so slash commands are registered without checking whether another process is",
			)) ??
				true);
		if (!claimed) {
			deps.logger.info(
				{ scope: where, commands: commands.length },
				"slash commands being registered by another process",
			);
			return { outcome: "left to another process", removedFrom: [] };
		}
		await overwrite(
			deps.rest,
			applicationId,
			here,
			commands.map((command) => command.data),
		);
		await unlessStoreDown(
			deps,
			() => recordRegistration(deps.store, applicationId, here, { hash, registeredAt: deps.now() }),
			"slash commands registered, but not remembered: the store is unreachable",
		);
		deps.logger.info({ scope: where, commands: commands.length }, "slash commands registered");
		outcome = "registered";
	}
	const removedFrom: RegistrationScope[] = [];
	for (const other of earlier?.keys() ?? []) {
		if (other !== here && (await takeBack(deps, applicationId, other))) removedFrom.push(other);
	}
	return { outcome, removedFrom };
}
