import { type Client, PermissionFlagsBits, type PermissionsBitField } from "discord.js";

/** What a round needs in its channel: post the embed, add the answer reactions, read them back. */
export const ROUND_PERMISSIONS = {
	"View Channel": PermissionFlagsBits.ViewChannel,
	"Send Messages": PermissionFlagsBits.SendMessages,
	"Embed Links": PermissionFlagsBits.EmbedLinks,
	"Add Reactions": PermissionFlagsBits.AddReactions,
	"Read Message History": PermissionFlagsBits.ReadMessageHistory,
} as const;

/** What a thread needs: to open it from a message, and to post in it (Send Messages does not count there). */
export const THREAD_PERMISSIONS = {
	"Create Public Threads": PermissionFlagsBits.CreatePublicThreads,
	"Send Messages in Threads": PermissionFlagsBits.SendMessagesInThreads,
} as const;

/** What a mock interview needs in its channel: see it, open the thread, and post embeds in the thread. */
export const MOCK_PERMISSIONS = {
	"View Channel": PermissionFlagsBits.ViewChannel,
	"Embed Links": PermissionFlagsBits.EmbedLinks,
	...THREAD_PERMISSIONS,
} as const;

/** The names of the permissions in `needed` that `granted` lacks, in the table's order. */
export function missingFrom(
	granted: Readonly<PermissionsBitField>,
	needed: Readonly<Record<string, bigint>>,
): string[] {
	return Object.entries(needed)
		.filter(([, flag]) => !granted.has(flag))
		.map(([name]) => name);
}

export function missingRoundPermissions(granted: Readonly<PermissionsBitField>): string[] {
	return missingFrom(granted, ROUND_PERMISSIONS);
}

/** A member's (by default the bot's) permissions in a cached guild channel; null when it cannot be seen. */
function permissionsIn(client: Client, channelId: string, userId = client.user?.id) {
	const channel = client.channels.cache.get(channelId);
	if (!channel || !userId || !("permissionsFor" in channel)) return null;
	return channel.permissionsFor(userId);
}

/** The round permissions the bot lacks in a channel, from the cache (no request to Discord). */
export function missingRoundPermissionsIn(client: Client, channelId: string): string[] {
	const granted = permissionsIn(client, channelId);
	return granted ? missingRoundPermissions(granted) : ["View Channel"];
}

/** The thread permissions the bot lacks in a channel, from the cache (no request to Discord). */
export function missingThreadPermissionsIn(client: Client, channelId: string): string[] {
	const granted = permissionsIn(client, channelId);
	return granted ? missingFrom(granted, THREAD_PERMISSIONS) : Object.keys(THREAD_PERMISSIONS);
}

/** Whether a member (by default the bot) may manage messages there: for the bot, what hiding picks takes. */
export function canManageMessages(client: Client, channelId: string, userId?: string): boolean {
	return !!permissionsIn(client, channelId, userId)?.has(PermissionFlagsBits.ManageMessages);
}
