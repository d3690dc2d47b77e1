import type { APIApplicationCommand, APIInteraction, APIMessage } from "discord-api-types/v10";
import {
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ComponentType,
	InteractionResponseType,
	InteractionType,
	MessageFlags,
	RESTJSONErrorCodes,
} from "discord-api-types/v10";
import {
	DiscordHttpError,
	invalidFormBody,
	invalidWebhookToken,
	unknownInteraction,
	unknownMessage,
} from "./errors.js";
import type { ParsedBody } from "./http-body.js";
import type { MessageBody } from "./limits.js";
import { createMessage, editMessage, type VisibleMessage, visible } from "./messages.js";
import type { MessageRecord, World } from "./state.js";

export const INITIAL_RESPONSE_MS = 3_000;
export const TOKEN_LIFETIME_MS = 15 * 60_000;

export interface InteractionRecord {
	id: string;
	token: string;
	type: InteractionType;
	guildId: string;
	channelId: string;
	userId: string;
	/** For a slash command, its name with the subcommand group and subcommand, as replies show it ("daily set"). */
	commandName?: string;
	createdAt: number;
	dispatchedAtReal: number;
	callback?: { type: number; data: unknown; atReal: number };
	/** Set once the member has submitted the modal this interaction was answered with; a modal closes on submit. */
	modalSubmitted?: boolean;
	original?: MessageRecord;
	followUps: MessageRecord[];
	/** Wakes the test waiting for the initial response. */
	settle?: () => void;
}

export interface InteractionResult {
	interactionId: string;
	token: string;
	responded: boolean;
	type?: number;
	data?: unknown;
	message?: VisibleMessage;
	ephemeral: boolean;
	latencyMs?: number;
	followUps(): APIMessage[];
	original(): APIMessage | undefined;
}

export interface CommandOption {
	name: string;
	type: number;
	value?: unknown;
	focused?: boolean;
	options?: CommandOption[];
}

export interface CommandInput {
	guildId: string;
	channelId: string;
	userId: string;
	name: string;
	options?: CommandOption[];
}

const flatten = (options: CommandOption[]): CommandOption[] =>
	options.flatMap((option) => [option, ...flatten(option.options ?? [])]);

/** The command as Discord names it under a reply: "daily set", "dojo settings", "question". */
export function invokedName(input: CommandInput): string {
	const nested = (input.options ?? []).find(
		(option) =>
			option.type === ApplicationCommandOptionType.Subcommand ||
			option.type === ApplicationCommandOptionType.SubcommandGroup,
	);
	return nested
		? invokedName({ ...input, name: `${input.name} ${nested.name}`, options: nested.options ?? [] })
		: input.name;
}

/** The INTERACTION_CREATE payload Discord sends for this interaction. */
export function interactionPayload(
	world: World,
	record: InteractionRecord,
	data: unknown,
	message?: APIMessage,
): APIInteraction {
	const guild = world.guild(record.guildId);
	const channel = world.channel(record.channelId);
	const member = world.memberObject(record.guildId, record.userId);
	return {
		id: record.id,
		application_id: world.applicationId,
		type: record.type,
		data,
		guild_id: guild.id,
		guild: { id: guild.id, locale: "en-US", features: [] },
		channel: world.channelObject(channel),
		channel_id: channel.id,
		member: { ...member, permissions: world.permissions(channel.id, record.userId).toString() },
		token: record.token,
		version: 1,
		app_permissions: world.permissions(channel.id, world.botUser.id).toString(),
		locale: "en-US",
		guild_locale: "en-US",
		entitlements: [],
		authorizing_integration_owners: { 0: guild.id },
		context: 0,
		attachment_size_limit: 10_485_760,
		...(message ? { message } : {}),
	} as unknown as APIInteraction;
}

/** The command's data, with `resolved` users and members for user options as Discord sends them. */
export function commandData(world: World, command: APIApplicationCommand, input: CommandInput) {
	const userIds = flatten(input.options ?? [])
		.filter((option) => option.type === ApplicationCommandOptionType.User)
		.map((option) => String(option.value));
	const members = Object.fromEntries(
		userIds
			.filter((id) => world.guild(input.guildId).members.has(id))
			.map((id) => {
				const { user: _user, ...member } = world.memberObject(input.guildId, id);
				return [id, { ...member, permissions: "0" }];
			}),
	);
	const idsOf = (type: ApplicationCommandOptionType) =>
		flatten(input.options ?? [])
			.filter((option) => option.type === type)
			.map((option) => String(option.value));
	const guild = world.guild(input.guildId);
	const channels = Object.fromEntries(
		idsOf(ApplicationCommandOptionType.Channel).map((id) => {
			const channel = world.channelObject(world.channel(id));
			const permissions = world.permissions(id, input.userId).toString();
			return [id, { id, type: channel.type, name: "name" in channel ? channel.name : "", permissions }];
		}),
	);
	const roles = Object.fromEntries(
		idsOf(ApplicationCommandOptionType.Role).flatMap((id) => {
			const role = guild.roles.get(id);
			return role ? [[id, world.roleObject(role)]] : [];
		}),
	);
	const attachments = Object.fromEntries(
		idsOf(ApplicationCommandOptionType.Attachment).flatMap((id) => {
			const file = world.attachmentFiles.get(id);
			return file ? [[id, file.object]] : [];
		}),
	);
	const resolved = {
		...(Object.keys(attachments).length > 0 ? { attachments } : {}),
		...(userIds.length > 0
			? { users: Object.fromEntries(userIds.map((id) => [id, world.userObject(id)])), members }
			: {}),
		...(Object.keys(channels).length > 0 ? { channels } : {}),
		...(Object.keys(roles).length > 0 ? { roles } : {}),
	};
	return {
		id: command.id,
		name: command.name,
		type: ApplicationCommandType.ChatInput,
		...(input.options && input.options.length > 0 ? { options: input.options } : {}),
		...(command.guild_id ? { guild_id: command.guild_id } : {}),
		...(Object.keys(resolved).length > 0 ? { resolved } : {}),
	};
}

export function resultOf(record: InteractionRecord): InteractionResult {
	const callback = record.callback;
	const data = callback?.data as MessageBody | undefined;
	const ephemeral = ((data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
	return {
		interactionId: record.id,
		token: record.token,
		responded: callback !== undefined,
		...(callback
			? { type: callback.type, data: callback.data, latencyMs: callback.atReal - record.dispatchedAtReal }
			: {}),
		...(record.original ? { message: visible(record.original) } : {}),
		ephemeral,
		followUps: () => record.followUps.map(visible),
		original: () => (record.original ? visible(record.original) : undefined),
	};
}

const viaInteraction = (record: InteractionRecord) => ({
	id: record.id,
	type: record.type,
	userId: record.userId,
	...(record.commandName ? { name: record.commandName } : {}),
});

/** POST /interactions/{id}/{token}/callback */
export function handleCallback(
	world: World,
	record: InteractionRecord | undefined,
	body: ParsedBody,
	options: { withResponse: boolean; baseUrl: string },
): { status: number; json?: unknown } {
	if (!record || world.now() - record.createdAt > INITIAL_RESPONSE_MS) throw unknownInteraction();
	if (record.callback) {
		throw new DiscordHttpError(
			400,
			RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
			"Interaction has already been acknowledged.",
		);
	}
	const payload = body.json as { type: number; data?: MessageBody & { choices?: unknown[] } };
	const author = {
		channelId: record.channelId,
		guildId: record.guildId,
		viaInteraction: viaInteraction(record),
	};
	const data = payload.data ?? {};
	const ephemeral = ((data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
	switch (payload.type) {
		case InteractionResponseType.ChannelMessageWithSource:
			record.original = createMessage(world, author, data, body.files, {
				inChannel: !ephemeral,
				baseUrl: options.baseUrl,
				embedLinks: true,
			});
			break;
		case InteractionResponseType.DeferredChannelMessageWithSource:
			record.original = createMessage(world, author, { ...data, flags: (data.flags ?? 0) | MessageFlags.Loading }, [], {
				inChannel: !ephemeral,
				baseUrl: options.baseUrl,
				embedLinks: true,
				placeholder: true,
			});
			break;
		case InteractionResponseType.UpdateMessage: {
			const target = record.original;
			if (!target) throw unknownMessage();
			editMessage(world, target, data, body.files, options.baseUrl);
			break;
		}
		case InteractionResponseType.Modal:
			// A modal opens from a command or a component; never from a modal submit (put a button between).
			if (
				record.type === InteractionType.ModalSubmit ||
				record.type === InteractionType.ApplicationCommandAutocomplete
			) {
				throw new DiscordHttpError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, "Invalid Form Body");
			}
			validateModal(payload.data);
			break;
		case InteractionResponseType.DeferredMessageUpdate:
		case InteractionResponseType.ApplicationCommandAutocompleteResult:
			break;
		default:
			throw new DiscordHttpError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, "Invalid Form Body");
	}
	record.callback = { type: payload.type, data: payload.data, atReal: Date.now() };
	record.settle?.();
	if (!options.withResponse) return { status: 204 };
	const message = record.original && payload.type !== InteractionResponseType.ApplicationCommandAutocompleteResult;
	return {
		status: 200,
		json: {
			interaction: {
				id: record.id,
				type: record.type,
				...(message && record.original
					? {
							response_message_id: record.original.message.id,
							response_message_loading: payload.type === InteractionResponseType.DeferredChannelMessageWithSource,
							response_message_ephemeral: ((record.original.message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
						}
					: {}),
			},
			resource: { type: payload.type, ...(message && record.original ? { message: record.original.message } : {}) },
		},
	};
}

/** The interaction a webhook token belongs to, while that token lives. */
export function byLiveToken(world: World, interactions: Map<string, InteractionRecord>, token: string) {
	const record = [...interactions.values()].find((entry) => entry.token === token);
	if (!record || world.now() - record.createdAt > TOKEN_LIFETIME_MS) throw invalidWebhookToken();
	return record;
}

/** Webhook routes on an interaction token: the original response and follow-ups. */
export function handleWebhook(
	world: World,
	record: InteractionRecord,
	request: { method: string; messageId?: string; body: ParsedBody; baseUrl: string },
): { status: number; json?: unknown } {
	const { method, messageId, body, baseUrl } = request;
	const data = (body.json ?? {}) as MessageBody;
	if (messageId === undefined) {
		if (method !== "POST") throw new DiscordHttpError(405, 0, "405: Method Not Allowed");
		if (!record.callback) throw unknownInteraction();
		const ephemeral = ((data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
		const followUp = createMessage(
			world,
			{
				channelId: record.channelId,
				guildId: record.guildId,
				viaInteraction: viaInteraction(record),
			},
			data,
			body.files,
			{ inChannel: !ephemeral, baseUrl, embedLinks: true },
		);
		record.followUps.push(followUp);
		return { status: 200, json: followUp.message };
	}
	const target =
		messageId === "@original" ? record.original : record.followUps.find((entry) => entry.message.id === messageId);
	if (!target) throw unknownMessage();
	if (method === "GET") return { status: 200, json: target.message };
	if (method === "DELETE") {
		world.deleteMessage(target.message.id);
		if (target === record.original) record.original = undefined;
		return { status: 204 };
	}
	if (method !== "PATCH") throw new DiscordHttpError(405, 0, "405: Method Not Allowed");
	editMessage(world, target, data, body.files, baseUrl);
	target.message.flags = (target.message.flags ?? 0) & ~MessageFlags.Loading;
	return { status: 200, json: target.message };
}

type Problem = Parameters<typeof invalidFormBody>[0][number];

interface ShownTextInput {
	type: ComponentType.TextInput;
	custom_id?: unknown;
	style?: unknown;
	label?: unknown;
	min_length?: unknown;
	max_length?: unknown;
	required?: unknown;
	value?: unknown;
	placeholder?: unknown;
}

/** The text inputs of a modal, each with where it sits; Label (current) and Action Row (deprecated) layouts. */
export function modalTextInputs(modal: unknown): Array<{ index: number; input: ShownTextInput }> {
	const components = (modal as { components?: unknown[] } | undefined)?.components ?? [];
	return components.flatMap((raw, index) => {
		const component = raw as { type?: number; component?: ShownTextInput; components?: ShownTextInput[] };
		const inner =
			component.type === ComponentType.Label
				? [component.component]
				: component.type === ComponentType.ActionRow
					? (component.components ?? [])
					: [];
		return inner.flatMap((input) => (input?.type === ComponentType.TextInput ? [{ index, input }] : []));
	});
}

const length = (value: unknown) => (typeof value === "string" ? value.length : -1);

/** Discord's modal limits: custom id 1-100, title 1-45, 1 to 5 components, text inputs within 4,000. */
function validateModal(data: unknown): void {
	const modal = (data ?? {}) as { custom_id?: unknown; title?: unknown; components?: unknown };
	const problems: Problem[] = [];
	const bad = (path: Array<string | number>, message: string) =>
		problems.push({ path: ["data", ...path], code: "BASE_TYPE_BAD_LENGTH", message });
	if (length(modal.custom_id) < 1 || length(modal.custom_id) > 100)
		bad(["custom_id"], "Must be between 1 and 100 in length.");
	if (length(modal.title) < 1 || length(modal.title) > 45) bad(["title"], "Must be between 1 and 45 in length.");
	const components = Array.isArray(modal.components) ? modal.components : [];
	if (components.length < 1 || components.length > 5) bad(["components"], "Must be between 1 and 5 in length.");
	components.forEach((raw, index) => {
		const component = raw as { type?: number; label?: unknown; description?: unknown; component?: { type?: number } };
		const known = [ComponentType.Label, ComponentType.ActionRow, ComponentType.TextDisplay] as number[];
		if (!known.includes(component.type ?? -1)) {
			problems.push({
				path: ["data", "components", index, "type"],
				code: "UNION_TYPE_CHOICES",
				message: "Value must be one of Label, Action Row or Text Display.",
			});
		}
		if (component.type === ComponentType.Label) {
			if (length(component.label) < 1 || length(component.label) > 45)
				bad(["components", index, "label"], "Must be between 1 and 45 in length.");
			if (component.description !== undefined && length(component.description) > 100)
				bad(["components", index, "description"], "Must be 100 or fewer in length.");
		}
	});
	const ids = new Set<string>();
	for (const { index, input } of modalTextInputs(modal)) {
		const at = (field: string) => ["components", index, "component", field];
		if (length(input.custom_id) < 1 || length(input.custom_id) > 100)
			bad(at("custom_id"), "Must be between 1 and 100 in length.");
		else if (ids.has(String(input.custom_id))) bad(at("custom_id"), "Component custom id must be unique.");
		else ids.add(String(input.custom_id));
		if (input.style !== 1 && input.style !== 2) bad(at("style"), "Value must be one of {1, 2}.");
		const min = typeof input.min_length === "number" ? input.min_length : 0;
		const max = typeof input.max_length === "number" ? input.max_length : 4000;
		if (min < 0 || min > 4000) bad(at("min_length"), "Must be between 0 and 4000.");
		if (max < 1 || max > 4000 || max < min) bad(at("max_length"), "Must be between 1 and 4000.");
		if (input.value !== undefined && (length(input.value) > max || length(input.value) < 0))
			bad(at("value"), `Must be ${max} or fewer in length.`);
		if (input.placeholder !== undefined && length(input.placeholder) > 100)
			bad(at("placeholder"), "Must be 100 or fewer in length.");
	}
	if (problems.length > 0) throw invalidFormBody(problems);
}

/**
 * What Discord sends when a member submits the modal an interaction was answered with: the same layout,
 * each text input carrying its value. The client enforces required inputs and lengths before sending,
 * so breaking them is a test's mistake and throws.
 */
export function modalSubmission(modal: unknown, values: Readonly<Record<string, string>>) {
	const shown = modal as { custom_id: string; components: Array<Record<string, unknown>> };
	const inputs = modalTextInputs(modal);
	for (const key of Object.keys(values)) {
		if (!inputs.some(({ input }) => input.custom_id === key))
			throw new Error(`fake-discord: the modal has no input ${key}`);
	}
	const submitted = (input: ShownTextInput) => {
		const value = values[String(input.custom_id)] ?? "";
		const min = typeof input.min_length === "number" ? input.min_length : 0;
		const max = typeof input.max_length === "number" ? input.max_length : 4000;
		if (input.required !== false && value === "")
			throw new Error(`fake-discord: the modal requires ${String(input.custom_id)}`);
		if (value !== "" && (value.length < min || value.length > max)) {
			throw new Error(`fake-discord: ${String(input.custom_id)} takes ${min} to ${max} characters`);
		}
		return { type: ComponentType.TextInput, custom_id: String(input.custom_id), value };
	};
	return {
		custom_id: shown.custom_id,
		components: shown.components.map((component) => {
			if (component.type === ComponentType.Label) {
				const inner = component.component as ShownTextInput;
				return {
					type: ComponentType.Label,
					...(component.id === undefined ? {} : { id: component.id }),
					component: inner.type === ComponentType.TextInput ? submitted(inner) : inner,
				};
			}
			if (component.type === ComponentType.ActionRow) {
				return {
					type: ComponentType.ActionRow,
					components: ((component.components as ShownTextInput[] | undefined) ?? []).map(submitted),
				};
			}
			return { type: component.type, ...(component.id === undefined ? {} : { id: component.id }) };
		}),
	};
}
