import type { GuildMember, PartialGuildMember, PartialUser, User } from "discord.js";
import type { DojoContext } from "../core/context.js";
import { rememberName } from "../core/member-names.js";
import { createRecentKeys } from "../lib/recent-keys.js";

/** Names written recently, so a member reacting all day costs one store write, not one per reaction. */
const REMEMBERED_NAMES = 20_000;

/** A member as discord.js has it, or as a raw payload gives it (only its nickname is read). */
type AnyMember = GuildMember | PartialGuildMember | { nick?: string | null } | null | undefined;

/** What Discord shows for a member in a guild: their server nickname, else their display name. */
export function displayName(user: User | PartialUser, member: AnyMember): string {
	const nick = !member ? undefined : "nickname" in member ? member.nickname : member.nick;
	return nick ?? user.globalName ?? user.username ?? user.id;
}

export interface NameBook {
	/** Keeps the member's name for images; never waits for the store and never fails the caller. */
	note(guildId: string, user: User | PartialUser, member: AnyMember): void;
}

export function createNameBook(ctx: DojoContext): NameBook {
	const written = createRecentKeys(REMEMBERED_NAMES);
	return {
		note(guildId, user, member) {
			if (user.bot) return;
			const name = displayName(user, member);
			const key = `${guildId}:${user.id}:${name}`;
			if (written.has(key)) return;
			written.add(key);
			rememberName(ctx, guildId, user.id, name).catch((error: unknown) =>
				ctx.logger.debug({ err: error, guildId, userId: user.id }, "member name not kept"),
			);
		},
	};
}
