import type { APIAllowedMentions, APIEmbed, APIMessage } from "discord-api-types/v10";
import { EmbedType, MessageFlags, MessageType } from "discord-api-types/v10";
import type { UploadedFile } from "./http-body.js";
import { type MessageBody, validateMessageBody } from "./limits.js";
import type { MessageRecord, World } from "./state.js";

export interface Author {
	channelId: string;
	guildId: string;
	/** Interaction responses and follow-ups come from the application's webhook. */
	viaInteraction?: { id: string; type: number; userId: string; name?: string };
}

const richEmbeds = (embeds: APIEmbed[] | null | undefined): APIEmbed[] =>
	(embeds ?? []).map((embed) => ({ type: EmbedType.Rich, ...embed }));

/** Builds and stores a message the bot sends, after the checks Discord makes on the body. */
export function createMessage(
	world: World,
	author: Author,
	body: MessageBody,
	files: UploadedFile[],
	options: { inChannel: boolean; baseUrl: string; embedLinks: boolean; placeholder?: boolean },
): MessageRecord {
	// A deferred response's "thinking…" message is empty until the bot edits it.
	validateMessageBody(body, { creating: !options.placeholder, files: files.length });
	const id = world.nextId();
	const record: MessageRecord = {
		allowedMentions: body.allowed_mentions,
		reactors: new Map(),
		files: new Map(),
		message: {
			id,
			channel_id: author.channelId,
			author: world.botUser,
			content: body.content ?? "",
			timestamp: new Date(world.now()).toISOString(),
			edited_timestamp: null,
			tts: false,
			mention_everyone: false,
			mentions: [],
			mention_roles: [],
			attachments: [],
			// Discord drops embeds silently when the sender lacks Embed Links.
			embeds: options.embedLinks ? richEmbeds(body.embeds) : [],
			pinned: false,
			type: author.viaInteraction ? MessageType.ChatInputCommand : MessageType.Default,
			flags: body.flags ?? 0,
			components: (body.components ?? []) as APIMessage["components"],
		},
	};
	if (author.viaInteraction) {
		record.message.webhook_id = world.applicationId;
		record.message.application_id = world.applicationId;
		record.message.interaction_metadata = {
			id: author.viaInteraction.id,
			type: author.viaInteraction.type,
			user: world.userObject(author.viaInteraction.userId),
			authorizing_integration_owners: { 0: author.guildId },
		} as APIMessage["interaction_metadata"];
		// Deprecated but still sent: Discord's client reads the command's name from it for "Grace used /question".
		if (author.viaInteraction.name) {
			record.message.interaction = {
				id: author.viaInteraction.id,
				type: author.viaInteraction.type,
				name: author.viaInteraction.name,
				user: world.userObject(author.viaInteraction.userId),
			};
		}
	}
	attachFiles(world, record, files, options.baseUrl);
	world.storeMessage(record, options.inChannel);
	return record;
}

export function editMessage(
	world: World,
	record: MessageRecord,
	body: MessageBody,
	files: UploadedFile[],
	baseUrl: string,
) {
	validateMessageBody(body, { creating: false, files: files.length });
	const message = record.message;
	if (body.content !== undefined) message.content = body.content ?? "";
	if (body.embeds !== undefined) message.embeds = richEmbeds(body.embeds);
	if (body.components !== undefined) message.components = (body.components ?? []) as APIMessage["components"];
	if (body.flags !== undefined) message.flags = (message.flags ?? 0) | (body.flags & MessageFlags.SuppressEmbeds);
	if (body.allowed_mentions !== undefined) record.allowedMentions = body.allowed_mentions;
	message.edited_timestamp = new Date(world.now()).toISOString();
	if (body.attachments !== undefined) message.attachments = [];
	attachFiles(world, record, files, baseUrl);
}

function attachFiles(world: World, record: MessageRecord, files: UploadedFile[], baseUrl: string) {
	for (const file of files) {
		const id = world.nextId();
		record.files.set(id, file.bytes);
		record.message.attachments.push(world.attachmentObject(id, file.filename, file.bytes, file.contentType, baseUrl));
	}
}

/** A channel message as a test sees it: the API object plus the allowed_mentions it was sent with. */
export type VisibleMessage = APIMessage & { allowed_mentions?: APIAllowedMentions };

export function visible(record: MessageRecord): VisibleMessage {
	return structuredClone({
		...record.message,
		...(record.allowedMentions === undefined ? {} : { allowed_mentions: record.allowedMentions as APIAllowedMentions }),
	});
}
