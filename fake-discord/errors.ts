import { RESTJSONErrorCodes } from "discord-api-types/v10";

export interface ErrorTree {
	[key: string]: ErrorTree | Array<{ code: string; message: string }>;
}

/** An error response as Discord sends it: HTTP status plus `{ message, code, errors? }`. */
export class DiscordHttpError extends Error {
	readonly status: number;
	readonly code: number;
	readonly errors: ErrorTree | undefined;

	constructor(status: number, code: number, message: string, errors?: ErrorTree) {
		super(message);
		this.status = status;
		this.code = code;
		this.errors = errors;
	}

	body(): object {
		return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
	}
}

export const notFound = () => new DiscordHttpError(404, 0, "404: Not Found");
export const unauthorized = () => new DiscordHttpError(401, 0, "401: Unauthorized");
export const missingAccess = () => new DiscordHttpError(403, RESTJSONErrorCodes.MissingAccess, "Missing Access");
export const missingPermissions = () =>
	new DiscordHttpError(403, RESTJSONErrorCodes.MissingPermissions, "Missing Permissions");
export const unknownChannel = () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownChannel, "Unknown Channel");
export const unknownMessage = () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownMessage, "Unknown Message");
export const cannotSendToUser = () =>
	new DiscordHttpError(403, RESTJSONErrorCodes.CannotSendMessagesToThisUser, "Cannot send messages to this user");
export const unknownUser = () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownUser, "Unknown User");
export const unknownInteraction = () =>
	new DiscordHttpError(404, RESTJSONErrorCodes.UnknownInteraction, "Unknown interaction");
export const invalidWebhookToken = () =>
	new DiscordHttpError(401, RESTJSONErrorCodes.InvalidWebhookToken, "Invalid Webhook Token");

/** 50035 with Discord's nested `errors` object, built from `path -> message` pairs. */
export function invalidFormBody(problems: Array<{ path: Array<string | number>; code: string; message: string }>) {
	const errors: ErrorTree = {};
	for (const problem of problems) {
		let node = errors;
		for (const part of problem.path) {
			const key = String(part);
			const next = node[key];
			if (next && !Array.isArray(next)) node = next;
			else {
				const created: ErrorTree = {};
				node[key] = created;
				node = created;
			}
		}
		const list = (node._errors as Array<{ code: string; message: string }> | undefined) ?? [];
		list.push({ code: problem.code, message: problem.message });
		node._errors = list;
	}
	return new DiscordHttpError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, "Invalid Form Body", errors);
}
export const unknownMember = () => new DiscordHttpError(404, RESTJSONErrorCodes.UnknownMember, "Unknown Member");
export const archivedThread = () =>
	new DiscordHttpError(400, RESTJSONErrorCodes.InvalidActionOnArchivedThread, "Thread is archived");
export const lockedThread = () => new DiscordHttpError(403, RESTJSONErrorCodes.ThreadLocked, "Thread is locked");
export const wrongChannelType = () =>
	new DiscordHttpError(
		400,
		RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType,
		"Cannot execute action on this channel type",
	);
