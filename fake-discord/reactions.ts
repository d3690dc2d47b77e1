import {
	GatewayDispatchEvents,
	GatewayIntentBits,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
} from "discord-api-types/v10";
import { DiscordHttpError } from "./errors.js";
import type { RouteContext } from "./routes.js";
import { requireActiveIfThread } from "./threads.js";

const UNICODE_EMOJI = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[#*0-9]\uFE0F?\u20E3)/u;
const MAX_DISTINCT_REACTIONS = 20;

export interface ReactionInput {
	channelId: string;
	messageId: string;
	emoji: string;
	userId: string;
	/** The bot adding through REST gets Discord's permission and emoji checks; members act as the UI would. */
	viaApi?: boolean;
}

type Context = Pick<RouteContext, "world" | "dispatch">;

/** Adds a reaction and tells the gateway, for the bot (through REST) and for members alike. */
export function addReaction(context: Context, input: ReactionInput): void {
	const { world } = context;
	const record = world.message(input.channelId, input.messageId);
	requireActiveIfThread(world, input.channelId);
	const existing = record.reactors.get(input.emoji);
	if (input.viaApi) {
		if (!UNICODE_EMOJI.test(input.emoji))
			throw new DiscordHttpError(400, RESTJSONErrorCodes.UnknownEmoji, "Unknown Emoji");
		const needed = PermissionFlagsBits.ReadMessageHistory | (existing ? 0n : PermissionFlagsBits.AddReactions);
		world.requirePermissions(input.channelId, input.userId, needed);
		if (!existing && record.reactors.size >= MAX_DISTINCT_REACTIONS) {
			throw new DiscordHttpError(
				400,
				RESTJSONErrorCodes.MaximumNumberOfReactionsReached,
				"Maximum number of reactions reached (20)",
			);
		}
	}
	const reactors = existing ?? new Set<string>();
	if (reactors.has(input.userId)) return;
	reactors.add(input.userId);
	record.reactors.set(input.emoji, reactors);
	syncReactions(world.botUser.id, record);
	const guildId = world.channel(input.channelId).guildId;
	context.dispatch(
		GatewayDispatchEvents.MessageReactionAdd,
		{
			user_id: input.userId,
			channel_id: input.channelId,
			message_id: input.messageId,
			guild_id: guildId,
			member: world.memberObject(guildId, input.userId),
			emoji: { id: null, name: input.emoji },
			message_author_id: record.message.author.id,
			burst: false,
			burst_colors: [],
			type: 0,
		},
		{ guildId, intent: GatewayIntentBits.GuildMessageReactions },
	);
}

export function removeReaction(context: Context, input: ReactionInput): void {
	const { world } = context;
	const record = world.message(input.channelId, input.messageId);
	requireActiveIfThread(world, input.channelId);
	const reactors = record.reactors.get(input.emoji);
	if (!reactors?.delete(input.userId)) return;
	if (reactors.size === 0) record.reactors.delete(input.emoji);
	syncReactions(world.botUser.id, record);
	const guildId = world.channel(input.channelId).guildId;
	context.dispatch(
		GatewayDispatchEvents.MessageReactionRemove,
		{
			user_id: input.userId,
			channel_id: input.channelId,
			message_id: input.messageId,
			guild_id: guildId,
			emoji: { id: null, name: input.emoji },
			burst: false,
			type: 0,
		},
		{ guildId, intent: GatewayIntentBits.GuildMessageReactions },
	);
}

function syncReactions(
	botId: string,
	record: { message: { reactions?: unknown[] }; reactors: Map<string, Set<string>> },
) {
	const reactions = [...record.reactors].map(([name, users]) => ({
		emoji: { id: null, name },
		count: users.size,
		count_details: { burst: 0, normal: users.size },
		me: users.has(botId),
		me_burst: false,
		burst_colors: [],
	}));
	if (reactions.length > 0) record.message.reactions = reactions;
	else delete record.message.reactions;
}
