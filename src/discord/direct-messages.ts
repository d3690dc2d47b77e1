import { type Client, DiscordAPIError, RESTJSONErrorCodes } from "discord.js";

/** Discord's permanent refusals of a DM: the member closed DMs or blocked the bot, or shares no server. */
const REFUSED: ReadonlySet<number> = new Set([
	RESTJSONErrorCodes.CannotSendMessagesToThisUser,
	RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
]);

export type DirectMessageResult = { ok: true } | { ok: false; refused: boolean; problem: string };

/** Sends a member a private message (discord.js opens the DM channel first when it has none); it never pings. */
export async function sendDirectMessage(
	client: Client,
	memberId: string,
	content: string,
): Promise<DirectMessageResult> {
	try {
		await client.users.send(memberId, { content, allowedMentions: { parse: [] } });
		return { ok: true };
	} catch (error) {
		if (error instanceof DiscordAPIError && typeof error.code === "number") {
			return { ok: false, refused: REFUSED.has(error.code), problem: `${error.code}: ${error.message}` };
		}
		throw error;
	}
}
