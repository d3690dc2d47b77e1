import {
	GatewayDispatchEvents,
	GatewayIntentBits,
	MessageFlags,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
	ThreadAutoArchiveDuration,
} from "discord-api-types/v10";
import {
	archivedThread,
	DiscordHttpError,
	invalidFormBody,
	lockedThread,
	missingAccess,
	missingPermissions,
	unknownMember,
	wrongChannelType,
} from "./errors.js";
import type { RouteContext } from "./routes.js";
import type { ChannelRecord, ThreadRecord, World } from "./state.js";

type Context = Pick<RouteContext, "world" | "dispatch">;

const AUTO_ARCHIVE_DURATIONS: readonly number[] = [
	ThreadAutoArchiveDuration.OneHour,
	ThreadAutoArchiveDuration.OneDay,
	ThreadAutoArchiveDuration.ThreeDays,
	ThreadAutoArchiveDuration.OneWeek,
];

export interface StartThreadBody {
	name?: unknown;
	auto_archive_duration?: unknown;
	rate_limit_per_user?: unknown;
}

export interface ModifyThreadBody {
	name?: unknown;
	archived?: unknown;
	auto_archive_duration?: unknown;
	locked?: unknown;
}

/** The thread record of a channel, or 50024 when the channel is not a thread. */
export function threadOf(world: World, channelId: string): { channel: ChannelRecord; thread: ThreadRecord } {
	const channel = world.channel(channelId);
	if (!channel.thread) throw wrongChannelType();
	return { channel, thread: channel.thread };
}

function checkName(name: unknown, problems: Parameters<typeof invalidFormBody>[0]): string | undefined {
	if (typeof name !== "string" || name.trim().length === 0 || name.length > 100) {
		problems.push({ path: ["name"], code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." });
		return undefined;
	}
	return name.trim();
}

function checkDuration(duration: unknown, problems: Parameters<typeof invalidFormBody>[0]) {
	if (typeof duration === "number" && AUTO_ARCHIVE_DURATIONS.includes(duration)) return duration;
	problems.push({
		path: ["auto_archive_duration"],
		code: "BASE_TYPE_CHOICES",
		message: `Value must be one of {${AUTO_ARCHIVE_DURATIONS.join(", ")}}.`,
	});
	return undefined;
}

function dispatchThread(context: Context, event: GatewayDispatchEvents, channel: ChannelRecord, extra: object = {}) {
	context.dispatch(
		event,
		{ ...context.world.channelObject(channel), ...extra },
		{ guildId: channel.guildId, intent: GatewayIntentBits.Guilds },
	);
}

/**
 * THREAD_MEMBERS_UPDATE: Discord always tells the bot about its own membership; changes of other
 * members need the privileged Server Members intent, which the bot does not ask for.
 */
function dispatchMembers(context: Context, channel: ChannelRecord, userId: string, change: "added" | "removed") {
	const { world } = context;
	const thread = channel.thread;
	if (!thread) return;
	const member = world.threadMemberObject(channel.id, userId);
	context.dispatch(
		GatewayDispatchEvents.ThreadMembersUpdate,
		{
			id: channel.id,
			guild_id: channel.guildId,
			member_count: Math.min(thread.members.size, 50),
			...(change === "added" && member ? { added_members: [member] } : { removed_member_ids: [userId] }),
		},
		{
			guildId: channel.guildId,
			intent: userId === world.botUser.id ? GatewayIntentBits.Guilds : GatewayIntentBits.GuildMembers,
		},
	);
}

/**
 * POST /channels/{c}/messages/{m}/threads: a public thread whose id is the message's, so a message can
 * have one thread only (160004). Needs Create Public Threads; the creator is its first member.
 */
export function startThreadFromMessage(
	context: Context,
	input: { channelId: string; messageId: string; userId: string; body: StartThreadBody },
): ChannelRecord {
	const { world } = context;
	const parent = world.channel(input.channelId);
	if (parent.thread) throw wrongChannelType();
	world.requirePermissions(input.channelId, input.userId, PermissionFlagsBits.CreatePublicThreads);
	const starter = world.message(input.channelId, input.messageId);
	if (world.guild(parent.guildId).channels.has(input.messageId)) {
		throw new DiscordHttpError(
			400,
			RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage,
			"A thread has already been created for this message",
		);
	}
	const problems: Parameters<typeof invalidFormBody>[0] = [];
	const name = checkName(input.body.name, problems);
	const duration = checkDuration(input.body.auto_archive_duration ?? ThreadAutoArchiveDuration.OneDay, problems);
	if (problems.length > 0 || !name || !duration) throw invalidFormBody(problems);

	const now = world.now();
	const channel: ChannelRecord = {
		id: input.messageId,
		guildId: parent.guildId,
		name,
		position: 0,
		overwrites: [],
		thread: {
			parentId: parent.id,
			ownerId: input.userId,
			archived: false,
			locked: false,
			autoArchiveDuration: duration,
			archiveTimestamp: now,
			createdAt: now,
			lastActivityAt: now,
			members: new Map([[input.userId, now]]),
			messageCount: 0,
			totalMessageSent: 0,
		},
	};
	world.guild(parent.guildId).channels.set(channel.id, channel);
	starter.message.flags = (starter.message.flags ?? 0) | MessageFlags.HasThread;
	starter.message.thread = world.channelObject(channel) as typeof starter.message.thread;
	dispatchThread(context, GatewayDispatchEvents.ThreadCreate, channel, { newly_created: true });
	dispatchMembers(context, channel, input.userId, "added");
	context.dispatch(
		GatewayDispatchEvents.MessageUpdate,
		{ ...starter.message, guild_id: parent.guildId },
		{ guildId: parent.guildId, intent: GatewayIntentBits.GuildMessages },
	);
	return channel;
}

/**
 * PATCH /channels/{thread}: name, archive state, auto-archive duration and lock. The creator or anyone
 * with Manage Threads may rename, archive and change the duration; only Manage Threads may lock. An
 * archived thread takes no change but being unarchived (50083).
 */
export function modifyThread(context: Context, threadId: string, userId: string, body: ModifyThreadBody) {
	const { world } = context;
	const { channel, thread } = threadOf(world, threadId);
	const granted = world.requirePermissions(threadId, userId, 0n);
	const manages = (granted & PermissionFlagsBits.ManageThreads) !== 0n;
	const unarchiving = body.archived === false;
	if (thread.archived && !unarchiving) throw archivedThread();
	if (thread.locked && unarchiving && !manages) throw lockedThread();
	const creatorOrManager = manages || thread.ownerId === userId;
	const onlyUnarchives = unarchiving && Object.keys(body).every((key) => key === "archived");
	if (body.locked !== undefined && !manages) throw missingPermissions();
	if (!onlyUnarchives && !creatorOrManager) throw missingPermissions();
	if (onlyUnarchives && !(granted & PermissionFlagsBits.SendMessages)) throw missingPermissions();

	const problems: Parameters<typeof invalidFormBody>[0] = [];
	const name = body.name === undefined ? undefined : checkName(body.name, problems);
	const duration =
		body.auto_archive_duration === undefined ? undefined : checkDuration(body.auto_archive_duration, problems);
	if (body.archived !== undefined && typeof body.archived !== "boolean") {
		problems.push({ path: ["archived"], code: "BOOLEAN_TYPE_CONVERT", message: "Must be either true or false." });
	}
	if (problems.length > 0) throw invalidFormBody(problems);

	const now = world.now();
	if (name) channel.name = name;
	if (duration) {
		thread.autoArchiveDuration = duration as ThreadAutoArchiveDuration;
		thread.archiveTimestamp = now;
		thread.lastActivityAt = now;
	}
	if (typeof body.archived === "boolean" && body.archived !== thread.archived) {
		thread.archived = body.archived;
		thread.archiveTimestamp = now;
		if (!body.archived) thread.lastActivityAt = now;
	}
	if (typeof body.locked === "boolean") thread.locked = body.locked;
	dispatchThread(context, GatewayDispatchEvents.ThreadUpdate, channel);
	return channel;
}

/** Sending in an archived thread unarchives it, unless it is locked and the sender may not manage threads. */
export function prepareThreadPost(context: Context, threadId: string, userId: string): void {
	const { world } = context;
	const { channel, thread } = threadOf(world, threadId);
	if (!thread.archived && !thread.locked) return;
	const manages = (world.permissions(threadId, userId) & PermissionFlagsBits.ManageThreads) !== 0n;
	if (thread.locked && !manages) throw lockedThread();
	if (thread.archived) {
		thread.archived = false;
		thread.archiveTimestamp = world.now();
		dispatchThread(context, GatewayDispatchEvents.ThreadUpdate, channel);
	}
}

/** Edits, reactions and membership changes are refused in an archived thread (50083). */
export function requireActiveIfThread(world: World, channelId: string): void {
	if (world.channel(channelId).thread?.archived) throw archivedThread();
}

/**
 * PUT /channels/{thread}/thread-members/{user}: the bot joins (`@me`, needs only to see the thread) or
 * adds a member (needs Send Messages in Threads). 204 whether or not they were in it already.
 */
export function addThreadMember(context: Context, input: { threadId: string; userId: string; actorId: string }) {
	const { world } = context;
	const { channel, thread } = threadOf(world, input.threadId);
	const needed = input.userId === input.actorId ? 0n : PermissionFlagsBits.SendMessagesInThreads;
	world.requirePermissions(input.threadId, input.actorId, needed);
	if (thread.archived) throw archivedThread();
	if (!world.guild(channel.guildId).members.has(input.userId)) throw unknownMember();
	if (thread.members.has(input.userId)) return;
	thread.members.set(input.userId, world.now());
	if (input.userId === world.botUser.id) dispatchThread(context, GatewayDispatchEvents.ThreadCreate, channel);
	dispatchMembers(context, channel, input.userId, "added");
}

/** DELETE /channels/{thread}/thread-members/{user}: leaving (`@me`), or removing someone with Manage Threads. */
export function removeThreadMember(context: Context, input: { threadId: string; userId: string; actorId: string }) {
	const { world } = context;
	const { channel, thread } = threadOf(world, input.threadId);
	const needed = input.userId === input.actorId ? 0n : PermissionFlagsBits.ManageThreads;
	world.requirePermissions(input.threadId, input.actorId, needed);
	if (thread.archived) throw archivedThread();
	if (!thread.members.delete(input.userId)) return;
	dispatchMembers(context, channel, input.userId, "removed");
}

/** GET /channels/{thread}/thread-members/{user}: the member, or 10007 when they are not in the thread. */
export function getThreadMember(world: World, threadId: string, userId: string, withMember: boolean) {
	threadOf(world, threadId);
	const granted = world.permissions(threadId, world.botUser.id);
	if (!(granted & PermissionFlagsBits.ViewChannel)) throw missingAccess();
	const member = world.threadMemberObject(threadId, userId);
	if (!member) throw unknownMember();
	return withMember ? { ...member, member: world.memberObject(world.channel(threadId).guildId, userId) } : member;
}

/** Archives every thread idle for its auto-archive duration, as Discord does after inactivity. */
export function archiveIdleThreads(context: Context): void {
	const { world } = context;
	const now = world.now();
	for (const guild of world.guilds.values()) {
		for (const channel of guild.channels.values()) {
			const thread = channel.thread;
			if (!thread || thread.archived) continue;
			if (now - thread.lastActivityAt < thread.autoArchiveDuration * 60_000) continue;
			thread.archived = true;
			thread.archiveTimestamp = now;
			dispatchThread(context, GatewayDispatchEvents.ThreadUpdate, channel);
		}
	}
}
