import { type Client, Routes } from "discord.js";

/** Removes one member's reaction from a message (needs Manage Messages in the channel). */
export async function removeMemberReaction(
	client: Client,
	target: { channelId: string; messageId: string; emoji: string; memberId: string },
): Promise<void> {
	const emoji = encodeURIComponent(target.emoji);
	await client.rest.delete(
		Routes.channelMessageUserReaction(target.channelId, target.messageId, emoji, target.memberId),
	);
}
