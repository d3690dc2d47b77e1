import { PermissionFlagsBits, type PermissionsBitField } from "discord.js";

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
