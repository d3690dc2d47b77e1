import {
	type ChatInputCommandInteraction,
	channelMention,
	DiscordAPIError,
	RESTJSONErrorCodes,
	Routes,
	ThreadAutoArchiveDuration,
} from "discord.js";
import type { DojoContext } from "../core/context.js";
import { UserFacingError } from "../core/errors.js";
import { draftMock, type MockRequest, openMock } from "../core/mock/session.js";
import { mockSubject, renderLobby } from "../core/render/mock.js";
import { MOCK_PERMISSIONS, missingFrom } from "./channel-permissions.js";
import { lobbyButtons } from "./mock-components.js";
import { abandonMock, addToThread } from "./mock-runner.js";

type GuildCommandInteraction = ChatInputCommandInteraction<"cached" | "raw">;

/** Why Discord would not open the thread, in words a member can act on; undefined for anything else. */
function explainThreadRefusal(interaction: GuildCommandInteraction, error: unknown): string | undefined {
	if (!(error instanceof DiscordAPIError)) return undefined;
	if (error.code === RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType) {
		return "Run /mock start in a text channel: the interview opens a thread of its own there.";
	}
	if (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess) {
		const missing = missingFrom(interaction.appPermissions, MOCK_PERMISSIONS);
		return `I couldn't open the interview's thread in ${channelMention(interaction.channelId)}: I'm missing ${missing.length > 0 ? missing.join(", ") : "Create Public Threads"} there. Ask a server admin to grant it to my role in this channel, then run /mock start again.`;
	}
	return undefined;
}

/**
 * Opens a mock interview: the lobby is the reply (Discord wants an answer within 3 s), the session is
 * stored under the reply's id, and the thread is started from the reply, so it takes the same id. The
 * starter is added to the thread. When Discord refuses the thread the lobby says so and is dropped.
 */
export async function openMockLobby(
	ctx: DojoContext,
	interaction: GuildCommandInteraction,
	request: MockRequest,
): Promise<string> {
	const draft = draftMock(request, ctx.clock.now());
	const response = await interaction.reply({
		embeds: renderLobby(draft, [request.starterId], mockSubject(ctx.bank, request.filter)),
		components: lobbyButtons(),
		allowedMentions: { parse: [] },
		withResponse: true,
	});
	const message = response.resource?.message;
	if (!message) throw new Error("Discord did not return the mock interview's lobby message");
	await openMock(ctx, message.id, request);
	try {
		await interaction.client.rest.post(Routes.threads(interaction.channelId, message.id), {
			body: { name: request.title, auto_archive_duration: ThreadAutoArchiveDuration.OneDay },
		});
	} catch (error) {
		await abandonMock(ctx, message.id);
		const explained = explainThreadRefusal(interaction, error);
		await interaction
			.editReply({
				content: "This mock interview could not start: its thread could not be opened.",
				embeds: [],
				components: [],
			})
			.catch((editError: unknown) => ctx.logger.warn({ err: editError }, "could not close the mock interview lobby"));
		if (explained) throw new UserFacingError(explained);
		throw error;
	}
	await addToThread(ctx, interaction.client, message.id, [request.starterId]);
	return message.id;
}
