import { createHash } from "node:crypto";
import { z } from "zod";
import { CorruptRecordError, type Store } from "./ports.js";
import { parseStoredJson } from "./stored-json.js";

/** Where an application's slash commands are registered: everywhere, or in one guild (its id). */
export type RegistrationScope = "global" | (string & {});

export const GLOBAL_SCOPE: RegistrationScope = "global";

const registrationSchema = z.object({
	/** Digest of the command definitions registered there; equal means there is nothing to send. */
	hash: z.string(),
	registeredAt: z.number(),
});

export type CommandRegistration = z.infer<typeof registrationSchema>;

/**
 * Every scope this deployment registered the application's commands in, one hash field each, so a
 * later start registered elsewhere (DEV_GUILD_ID set, changed or removed) knows what to take back.
 */
const registrationsKey = (applicationId: string) => `command-registrations:${applicationId}`;

/** Before the hash, one record per scope; only the scope's own key could find it. */
const legacyKey = (applicationId: string, scope: RegistrationScope) => `commands:${applicationId}:${scope}`;
const legacyRecordSchema = z.object({ hash: z.string(), syncedAt: z.number() });

export async function loadRegistrations(
	store: Store,
	applicationId: string,
): Promise<Map<RegistrationScope, CommandRegistration>> {
	const fields = await store.hashGetAll(registrationsKey(applicationId));
	// A field that does not parse still says the commands were put there: it counts, with no known hash.
	return new Map(
		Object.entries(fields).map(([scope, raw]) => [
			scope,
			parseStoredJson(raw, registrationSchema) ?? { hash: "", registeredAt: 0 },
		]),
	);
}

/**
 * True for the one process, of several starting together, that registers this set of commands in this
 * scope. Processes starting together found the same registrations, so the claim is on that finding:
 * a later start that finds another (a move to another scope and back within the claim's lifetime) is
 * not held up by it. The claim lapses after `ttlMs`, so a process that died holding it does not block
 * the next start either.
 */
export async function claimRegistration(
	store: Store,
	applicationId: string,
	scope: RegistrationScope,
	hash: string,
	found: ReadonlyMap<RegistrationScope, CommandRegistration>,
	ttlMs: number,
): Promise<boolean> {
	const finding = createHash("sha256")
		.update(JSON.stringify([...found].sort(([a], [b]) => a.localeCompare(b))))
		.digest("hex");
	return store.claim(`command-registration-claim:${applicationId}:${scope}:${hash}:${finding}`, ttlMs);
}

export async function recordRegistration(
	store: Store,
	applicationId: string,
	scope: RegistrationScope,
	registration: CommandRegistration,
): Promise<void> {
	await store.hashSet(registrationsKey(applicationId), scope, JSON.stringify(registrationSchema.parse(registration)));
}

export async function forgetRegistration(store: Store, applicationId: string, scope: RegistrationScope): Promise<void> {
	await store.hashDelete(registrationsKey(applicationId), scope);
}

/**
 * Moves the records an earlier version kept, one key per scope, into the hash. Those keys can only be
 * looked up by scope, so the candidates are the scopes the caller can name (global and the guilds the
 * bot is in).
 */
export async function adoptLegacyRegistrations(
	store: Store,
	applicationId: string,
	candidates: Iterable<RegistrationScope>,
): Promise<RegistrationScope[]> {
	const adopted = await Promise.all(
		[...new Set(candidates)].map(async (scope) => {
			const key = legacyKey(applicationId, scope);
			const legacy = await store.get(key, legacyRecordSchema).catch((error: unknown) => {
				if (error instanceof CorruptRecordError) return { hash: "", syncedAt: 0 };
				throw error;
			});
			if (!legacy) return undefined;
			await recordRegistration(store, applicationId, scope, { hash: legacy.hash, registeredAt: legacy.syncedAt });
			await store.delete(key);
			return scope;
		}),
	);
	return adopted.filter((scope) => scope !== undefined);
}
