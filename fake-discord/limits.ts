import type { APIEmbed } from "discord-api-types/v10";
import { RESTJSONErrorCodes } from "discord-api-types/v10";
import { DiscordHttpError, invalidFormBody } from "./errors.js";

/** The message fields the server reads from create, edit and interaction bodies. */
export interface MessageBody {
	content?: string | null;
	embeds?: APIEmbed[] | null;
	components?: unknown[] | null;
	flags?: number;
	allowed_mentions?: unknown;
	attachments?: unknown[];
	sticker_ids?: string[];
	poll?: unknown;
}

type Problem = { path: Array<string | number>; code: string; message: string };

const tooLong = (path: Array<string | number>, max: number): Problem => ({
	path,
	code: "BASE_TYPE_MAX_LENGTH",
	message: `Must be ${max} or fewer in length.`,
});

/** Discord's message and embed limits (Channel resource, "Embed Limits"); 50035 names every broken one. */
export function validateMessageBody(body: MessageBody, options: { creating: boolean; files: number }): void {
	const problems: Problem[] = [];
	if (typeof body.content === "string" && body.content.length > 2000) problems.push(tooLong(["content"], 2000));
	const embeds = body.embeds ?? [];
	if (embeds.length > 10) problems.push(tooLong(["embeds"], 10));
	let total = 0;
	embeds.forEach((embed, index) => {
		const at = (...path: Array<string | number>) => ["embeds", index, ...path];
		const check = (value: string | undefined, max: number, ...path: Array<string | number>) => {
			if (value === undefined) return;
			total += value.length;
			if (value.length > max) problems.push(tooLong(at(...path), max));
		};
		check(embed.title, 256, "title");
		check(embed.description, 4096, "description");
		check(embed.footer?.text, 2048, "footer", "text");
		check(embed.author?.name, 256, "author", "name");
		if ((embed.fields?.length ?? 0) > 25) problems.push(tooLong(at("fields"), 25));
		embed.fields?.forEach((field, fieldIndex) => {
			check(field.name, 256, "fields", fieldIndex, "name");
			check(field.value, 1024, "fields", fieldIndex, "value");
		});
	});
	if (total > 6000) {
		problems.push({
			path: ["embeds"],
			code: "MAX_EMBED_SIZE_EXCEEDED",
			message: "Embed size exceeds maximum size of 6000",
		});
	}
	if (problems.length > 0) throw invalidFormBody(problems);

	const empty =
		!body.content && embeds.length === 0 && !body.components?.length && !body.sticker_ids?.length && !body.poll;
	if (options.creating && empty && options.files === 0) {
		throw new DiscordHttpError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, "Cannot send an empty message");
	}
}
