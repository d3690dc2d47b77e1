import { type Client, PermissionFlagsBits, type PermissionsBitField } from "discord.js";

/** What a round needs in its channel: post the embed, add the answer reactions, read them back. */
export const ROUND_PERMISSIONS = {
	"View Channel": PermissionFlagsBits.ViewChannel,
	"Send Messages": PermissionFlagsBits.SendMessages,
	"Embed Links": PermissionFlagsBits.EmbedLinks,
	"Add Reactions": PermissionFlagsBits.AddReactions,
	"Read Message History": PermissionFlagsBits.ReadMessageHistory,
} as const;

export function missingRoundPermissions(granted: Readonly<PermissionsBitField>): string[] {
	return Object.entries(ROUND_PERMISSIONS)
		.filter(([, flag]) => !granted.has(flag))
		.map(([name]) => name);
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

/** Whether a member (by default the bot) may manage messages there: for the bot, what hiding picks takes. */
export function canManageMessages(client: Client, channelId: string, userId?: string): boolean {
	return !!permissionsIn(client, channelId, userId)?.has(PermissionFlagsBits.ManageMessages);
}
