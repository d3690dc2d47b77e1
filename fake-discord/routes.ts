import {
	GatewayDispatchEvents,
	GatewayIntentBits,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
} from "discord-api-types/v10";
import { overwriteCommands } from "./commands.js";
import { cannotSendToUser, DiscordHttpError, notFound, unknownUser } from "./errors.js";
import type { ParsedBody } from "./http-body.js";
import { byLiveToken, handleCallback, handleWebhook, type InteractionRecord } from "./interactions.js";
import type { MessageBody } from "./limits.js";
import { createMessage, editMessage } from "./messages.js";
import { addReaction, removeReaction } from "./reactions.js";
import type { World } from "./state.js";
import {
	addThreadMember,
	getThreadMember,
	type ModifyThreadBody,
	modifyThread,
	prepareThreadPost,
	removeThreadMember,
	requireActiveIfThread,
	type StartThreadBody,
	startThreadFromMessage,
} from "./threads.js";

export interface RouteContext {
	world: World;
	interactions: Map<string, InteractionRecord>;
	dispatch(event: GatewayDispatchEvents, data: object, options: { guildId?: string; intent?: number }): void;
	gatewayUrl: string;
	baseUrl: string;
	recommendedShards: number;
}

export interface RestRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	body: ParsedBody;
}

type Handler = (context: RouteContext, request: RestRequest, params: string[]) => { status: number; json?: unknown };

interface Route {
	method: string;
	pattern: RegExp;
	auth: boolean;
	handler: Handler;
}

const ok = (json: unknown) => ({ status: 200, json });
const noContent = () => ({ status: 204 });

const route = (method: string, path: string, handler: Handler, auth = true): Route => ({
	method,
	pattern: new RegExp(`^/api/v10${path.replaceAll(/\{[a-z]+\}/g, "([^/]+)")}$`),
	auth,
	handler,
});

const bot = (context: RouteContext) => context.world.botUser.id;

/** POST /users/@me/channels: the bot's DM channel with a user, the existing one if there is one. */
function openDm(context: RouteContext, request: RestRequest) {
	const recipientId = String((request.body.json as { recipient_id?: unknown } | undefined)?.recipient_id ?? "");
	if (!context.world.users.has(recipientId)) throw unknownUser();
	return ok(context.world.dmChannelObject(context.world.openDm(recipientId)));
}

/** A message into a DM channel; Discord answers 50007 when the user does not take DMs from the bot. */
function postDirectMessage(context: RouteContext, request: RestRequest, channelId: string) {
	const { world } = context;
	const channel = world.dmChannels.get(channelId);
	if (!channel) throw notFound();
	if (world.closedDms.has(channel.recipientId)) throw cannotSendToUser();
	const record = createMessage(
		world,
		{ channelId, guildId: "" },
		request.body.json as MessageBody,
		request.body.files,
		{
			inChannel: true,
			baseUrl: context.baseUrl,
			embedLinks: true,
		},
	);
	return ok(record.message);
}

function postMessage(context: RouteContext, request: RestRequest, [channelId = ""]: string[]) {
	const { world } = context;
	if (world.dmChannels.has(channelId)) return postDirectMessage(context, request, channelId);
	const channel = world.channel(channelId);
	// Send Messages has no effect in a thread: posting there takes Send Messages in Threads.
	const send = channel.thread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
	const granted = world.requirePermissions(channelId, bot(context), send);
	if (channel.thread) prepareThreadPost(context, channelId, bot(context));
	const record = createMessage(
		world,
		{ channelId, guildId: channel.guildId },
		request.body.json as MessageBody,
		request.body.files,
		{
			inChannel: true,
			baseUrl: context.baseUrl,
			embedLinks: (granted & PermissionFlagsBits.EmbedLinks) !== 0n,
		},
	);
	context.dispatch(
		GatewayDispatchEvents.MessageCreate,
		{ ...record.message, guild_id: channel.guildId },
		{
			guildId: channel.guildId,
			intent: GatewayIntentBits.GuildMessages,
		},
	);
	return ok(record.message);
}

function patchMessage(context: RouteContext, request: RestRequest, [channelId = "", messageId = ""]: string[]) {
	const { world } = context;
	world.requirePermissions(channelId, bot(context), 0n);
	const record = world.message(channelId, messageId);
	requireActiveIfThread(world, channelId);
	if (record.message.author.id !== bot(context)) {
		throw new DiscordHttpError(
			403,
			RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser,
			"Cannot edit a message authored by another user",
		);
	}
	editMessage(world, record, request.body.json as MessageBody, request.body.files, context.baseUrl);
	const guildId = world.channel(channelId).guildId;
	context.dispatch(
		GatewayDispatchEvents.MessageUpdate,
		{ ...record.message, guild_id: guildId },
		{
			guildId,
			intent: GatewayIntentBits.GuildMessages,
		},
	);
	return ok(record.message);
}

function deleteMessage(context: RouteContext, _request: RestRequest, [channelId = "", messageId = ""]: string[]) {
	const { world } = context;
	const granted = world.requirePermissions(channelId, bot(context), 0n);
	const record = world.message(channelId, messageId);
	if (record.message.author.id !== bot(context) && !(granted & PermissionFlagsBits.ManageMessages)) {
		throw new DiscordHttpError(403, RESTJSONErrorCodes.MissingPermissions, "Missing Permissions");
	}
	world.deleteMessage(messageId);
	return noContent();
}

function listMessages(context: RouteContext, request: RestRequest, [channelId = ""]: string[]) {
	const { world } = context;
	world.requirePermissions(channelId, bot(context), PermissionFlagsBits.ReadMessageHistory);
	const limit = Math.min(Number(request.query.get("limit") ?? 50), 100);
	const ids = [...(world.channelOrder.get(channelId) ?? [])].reverse();
	const before = request.query.get("before");
	const after = request.query.get("after");
	const picked = ids.filter((id) => (!before || BigInt(id) < BigInt(before)) && (!after || BigInt(id) > BigInt(after)));
	return ok(picked.slice(0, limit).map((id) => world.messages.get(id)?.message));
}

function reactionUsers(
	context: RouteContext,
	_request: RestRequest,
	[channelId = "", messageId = "", emoji = ""]: string[],
) {
	const { world } = context;
	world.requirePermissions(channelId, bot(context), PermissionFlagsBits.ReadMessageHistory);
	const record = world.message(channelId, messageId);
	const users = [...(record.reactors.get(decodeURIComponent(emoji)) ?? [])];
	return ok(users.map((id) => world.userObject(id)));
}

export const ROUTES: Route[] = [
	route("GET", "/gateway/bot", (context) =>
		ok({
			url: context.gatewayUrl,
			shards: context.recommendedShards,
			session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
		}),
	),
	route("GET", "/gateway", (context) => ok({ url: context.gatewayUrl }), false),
	route("GET", "/users/@me", (context) => ok(context.world.botUser)),
	route("POST", "/users/@me/channels", openDm),
	route("GET", "/applications/@me", (context) =>
		ok({
			id: context.world.applicationId,
			name: context.world.botUser.username,
			icon: null,
			description: "",
			bot_public: true,
			bot_require_code_grant: false,
			bot: context.world.botUser,
			verify_key: "0".repeat(64),
			flags: 0,
			team: null,
			owner: { ...context.world.botUser, bot: false },
		}),
	),
	route("GET", "/applications/{app}/commands", (context) => ok(context.world.globalCommands)),
	route("PUT", "/applications/{app}/commands", (context, request) => {
		const { world } = context;
		world.globalCommands = overwriteCommands(world, world.globalCommands, request.body.json as never, undefined);
		return ok(world.globalCommands);
	}),
	route("PUT", "/applications/{app}/guilds/{guild}/commands", (context, request, [, guildId = ""]) => {
		const guild = context.world.botGuild(guildId);
		guild.commands = overwriteCommands(context.world, guild.commands, request.body.json as never, guildId);
		return ok(guild.commands);
	}),
	route("GET", "/applications/{app}/guilds/{guild}/commands", (context, _r, [, guildId = ""]) =>
		ok(context.world.botGuild(guildId).commands),
	),
	route(
		"POST",
		"/interactions/{id}/{token}/callback",
		(context, request, [id = "", token = ""]) => {
			const record = context.interactions.get(id);
			return handleCallback(context.world, record?.token === token ? record : undefined, request.body, {
				withResponse: request.query.get("with_response") === "true",
				baseUrl: context.baseUrl,
			});
		},
		false,
	),
	route(
		"POST",
		"/webhooks/{app}/{token}",
		(context, request, [, token = ""]) =>
			handleWebhook(context.world, byLiveToken(context.world, context.interactions, token), {
				method: "POST",
				body: request.body,
				baseUrl: context.baseUrl,
			}),
		false,
	),
	...["GET", "PATCH", "DELETE"].map((method) =>
		route(
			method,
			"/webhooks/{app}/{token}/messages/{message}",
			(context, request, [, token = "", messageId = ""]) =>
				handleWebhook(context.world, byLiveToken(context.world, context.interactions, token), {
					method,
					messageId,
					body: request.body,
					baseUrl: context.baseUrl,
				}),
			false,
		),
	),
	route(
		"POST",
		"/channels/{channel}/messages/{message}/threads",
		(context, request, [channelId = "", messageId = ""]) => {
			const channel = startThreadFromMessage(context, {
				channelId,
				messageId,
				userId: bot(context),
				body: (request.body.json ?? {}) as StartThreadBody,
			});
			return { status: 201, json: context.world.channelObject(channel) };
		},
	),
	route("PATCH", "/channels/{channel}", (context, request, [channelId = ""]) => {
		const body = (request.body.json ?? {}) as ModifyThreadBody;
		return ok(context.world.channelObject(modifyThread(context, channelId, bot(context), body)));
	}),
	route("GET", "/channels/{channel}/thread-members/{user}", (context, request, [threadId = "", user = ""]) =>
		ok(
			getThreadMember(
				context.world,
				threadId,
				user === "@me" ? bot(context) : user,
				request.query.get("with_member") === "true",
			),
		),
	),
	route("PUT", "/channels/{channel}/thread-members/{user}", (context, _r, [threadId = "", user = ""]) => {
		addThreadMember(context, { threadId, userId: user === "@me" ? bot(context) : user, actorId: bot(context) });
		return noContent();
	}),
	route("DELETE", "/channels/{channel}/thread-members/{user}", (context, _r, [threadId = "", user = ""]) => {
		removeThreadMember(context, { threadId, userId: user === "@me" ? bot(context) : user, actorId: bot(context) });
		return noContent();
	}),
	route("GET", "/channels/{channel}", (context, _r, [channelId = ""]) => {
		context.world.requirePermissions(channelId, bot(context), 0n);
		return ok(context.world.channelObject(context.world.channel(channelId)));
	}),
	route("POST", "/channels/{channel}/messages", postMessage),
	route("GET", "/channels/{channel}/messages", listMessages),
	route("GET", "/channels/{channel}/messages/{message}", (context, _r, [channelId = "", messageId = ""]) => {
		context.world.requirePermissions(channelId, bot(context), PermissionFlagsBits.ReadMessageHistory);
		return ok(context.world.message(channelId, messageId).message);
	}),
	route("PATCH", "/channels/{channel}/messages/{message}", patchMessage),
	route("DELETE", "/channels/{channel}/messages/{message}", deleteMessage),
	route("GET", "/channels/{channel}/messages/{message}/reactions/{emoji}", reactionUsers),
	route(
		"PUT",
		"/channels/{channel}/messages/{message}/reactions/{emoji}/@me",
		(context, _r, [c = "", m = "", e = ""]) => {
			addReaction(context, {
				channelId: c,
				messageId: m,
				emoji: decodeURIComponent(e),
				userId: bot(context),
				viaApi: true,
			});
			return noContent();
		},
	),
	route(
		"DELETE",
		"/channels/{channel}/messages/{message}/reactions/{emoji}/{user}",
		(context, _r, [c = "", m = "", e = "", u = ""]) => {
			const userId = u === "@me" ? bot(context) : u;
			if (userId !== bot(context))
				context.world.requirePermissions(c, bot(context), PermissionFlagsBits.ManageMessages);
			else context.world.requirePermissions(c, bot(context), 0n);
			removeReaction(context, { channelId: c, messageId: m, emoji: decodeURIComponent(e), userId });
			return noContent();
		},
	),
];

export function matchRoute(method: string, path: string): { route: Route; params: string[] } {
	let pathMatched = false;
	for (const candidate of ROUTES) {
		const match = candidate.pattern.exec(path);
		if (!match) continue;
		pathMatched = true;
		if (candidate.method === method) return { route: candidate, params: match.slice(1) };
	}
	if (pathMatched) throw new DiscordHttpError(405, 0, "405: Method Not Allowed");
	throw notFound();
}
