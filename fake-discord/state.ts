import type {
	APIApplicationCommand,
	APIAttachment,
	APIChannel,
	APIDMChannel,
	APIGuildMember,
	APIMessage,
	APIPublicThreadChannel,
	APIRole,
	APIThreadMember,
	APIUser,
	ThreadAutoArchiveDuration,
} from "discord-api-types/v10";
import { ChannelType, PermissionFlagsBits } from "discord-api-types/v10";
import { missingAccess, missingPermissions, unknownChannel, unknownMessage } from "./errors.js";
import { computePermissions, type Overwrite } from "./permissions.js";
import { createSnowflakes } from "./snowflake.js";

export const DEFAULT_EVERYONE_PERMISSIONS =
	PermissionFlagsBits.ViewChannel |
	PermissionFlagsBits.SendMessages |
	PermissionFlagsBits.AddReactions |
	PermissionFlagsBits.ReadMessageHistory |
	PermissionFlagsBits.EmbedLinks |
	PermissionFlagsBits.UseApplicationCommands |
	PermissionFlagsBits.CreatePublicThreads |
	PermissionFlagsBits.SendMessagesInThreads;

export interface RoleRecord {
	id: string;
	name: string;
	permissions: bigint;
	position: number;
}

export interface ChannelRecord {
	id: string;
	guildId: string;
	name: string;
	position: number;
	overwrites: Overwrite[];
	/** Set on a thread: a channel of its own whose permissions come from its parent's overwrites. */
	thread?: ThreadRecord;
}

/** What a thread holds beyond a channel's fields: its parent, creator, archive state and members. */
export interface ThreadRecord {
	parentId: string;
	ownerId: string;
	archived: boolean;
	locked: boolean;
	autoArchiveDuration: ThreadAutoArchiveDuration;
	/** When the archive state or the auto-archive duration last changed. */
	archiveTimestamp: number;
	createdAt: number;
	/** A message, an unarchive or a new auto-archive duration: what restarts the inactivity clock. */
	lastActivityAt: number;
	/** User id to the instant they joined. */
	members: Map<string, number>;
	messageCount: number;
	totalMessageSent: number;
}

export interface MemberRecord {
	userId: string;
	roleIds: string[];
	joinedAt: string;
}

export interface GuildRecord {
	id: string;
	name: string;
	ownerId: string;
	roles: Map<string, RoleRecord>;
	channels: Map<string, ChannelRecord>;
	members: Map<string, MemberRecord>;
	commands: APIApplicationCommand[];
}

/** A message plus what only tests may see: the allowed_mentions it was sent with, reactors, file bytes. */
export interface MessageRecord {
	message: APIMessage;
	allowedMentions: unknown;
	reactors: Map<string, Set<string>>;
	files: Map<string, Uint8Array>;
}

/** A direct-message channel between the bot and one user. */
export interface DmChannelRecord {
	id: string;
	recipientId: string;
}

/** The server's whole world; every mutation goes through here so REST and gateway see one truth. */
export class World {
	readonly token: string;
	readonly applicationId: string;
	readonly botUser: APIUser;
	readonly users = new Map<string, APIUser>();
	readonly guilds = new Map<string, GuildRecord>();
	readonly messages = new Map<string, MessageRecord>();
	/** Every attachment Discord would serve from its CDN: files the bot uploaded and files members attached. */
	readonly attachmentFiles = new Map<string, { bytes: Uint8Array; object: APIAttachment }>();
	readonly channelOrder = new Map<string, string[]>();

	/** Ephemeral replies per channel: only the member who triggered each one sees it. */
	readonly privateOrder = new Map<string, string[]>();
	/** The bot's DM channels by channel id, and which one each user has. */
	readonly dmChannels = new Map<string, DmChannelRecord>();
	readonly dmChannelOf = new Map<string, string>();
	/** Users who do not accept direct messages from the bot (closed DMs, or they blocked it). */
	readonly closedDms = new Set<string>();
	globalCommands: APIApplicationCommand[] = [];
	readonly nextId: () => string;
	readonly now: () => number;

	constructor(options: { token: string; botUsername: string; now: () => number; applicationId?: string }) {
		this.token = options.token;
		this.now = options.now;
		this.nextId = createSnowflakes(options.now);
		this.applicationId = options.applicationId ?? this.nextId();
		this.botUser = {
			id: this.applicationId,
			username: options.botUsername,
			discriminator: "0",
			global_name: null,
			avatar: null,
			bot: true,
			public_flags: 0 as APIUser["public_flags"],
		};
		this.users.set(this.botUser.id, this.botUser);
	}

	guild(guildId: string): GuildRecord {
		const guild = this.guilds.get(guildId);
		if (!guild) throw new Error(`fake-discord: no guild ${guildId}`);
		return guild;
	}

	/** A guild the bot is in; any other, even one that does not exist, is 50001 Missing Access, as on Discord. */
	botGuild(guildId: string): GuildRecord {
		const guild = this.guilds.get(guildId);
		if (!guild?.members.has(this.botUser.id)) throw missingAccess();
		return guild;
	}

	channel(channelId: string): ChannelRecord {
		for (const guild of this.guilds.values()) {
			const channel = guild.channels.get(channelId);
			if (channel) return channel;
		}
		throw unknownChannel();
	}

	message(channelId: string, messageId: string): MessageRecord {
		const record = this.messages.get(messageId);
		if (!record || record.message.channel_id !== channelId) throw unknownMessage();
		return record;
	}

	/** A thread takes its permissions from its parent channel, as on Discord. */
	permissions(channelId: string, userId: string): bigint {
		const found = this.channel(channelId);
		const channel = found.thread ? this.channel(found.thread.parentId) : found;
		const guild = this.guild(channel.guildId);
		const member = guild.members.get(userId);
		if (!member) return 0n;
		return computePermissions({
			guildId: guild.id,
			ownerId: guild.ownerId,
			userId,
			roleIds: member.roleIds,
			rolePermissions: (roleId) => guild.roles.get(roleId)?.permissions ?? 0n,
			overwrites: channel.overwrites,
		});
	}

	/** Throws 50001 without View Channel, 50013 without any of `needed`, as Discord orders them. */
	requirePermissions(channelId: string, userId: string, needed: bigint): bigint {
		const granted = this.permissions(channelId, userId);
		if (!(granted & PermissionFlagsBits.ViewChannel)) throw missingAccess();
		if ((granted & needed) !== needed) throw missingPermissions();
		return granted;
	}

	userObject(userId: string): APIUser {
		const user = this.users.get(userId);
		if (!user) throw new Error(`fake-discord: no user ${userId}`);
		return user;
	}

	memberObject(guildId: string, userId: string): APIGuildMember {
		const member = this.guild(guildId).members.get(userId);
		if (!member) throw new Error(`fake-discord: ${userId} is not a member of ${guildId}`);
		return {
			user: this.userObject(userId),
			nick: null,
			avatar: null,
			banner: null,
			roles: member.roleIds,
			joined_at: member.joinedAt,
			premium_since: null,
			deaf: false,
			mute: false,
			flags: 0 as APIGuildMember["flags"],
			pending: false,
			communication_disabled_until: null,
		} as APIGuildMember;
	}

	roleObject(role: RoleRecord): APIRole {
		return {
			id: role.id,
			name: role.name,
			color: 0,
			colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
			hoist: false,
			icon: null,
			unicode_emoji: null,
			position: role.position,
			permissions: role.permissions.toString(),
			managed: false,
			mentionable: false,
			flags: 0 as APIRole["flags"],
		};
	}

	channelObject(channel: ChannelRecord): APIChannel {
		if (channel.thread) return this.#threadObject(channel, channel.thread);
		return {
			id: channel.id,
			type: ChannelType.GuildText,
			guild_id: channel.guildId,
			name: channel.name,
			position: channel.position,
			permission_overwrites: channel.overwrites.map((overwrite) => ({
				id: overwrite.id,
				type: overwrite.type,
				allow: overwrite.allow.toString(),
				deny: overwrite.deny.toString(),
			})),
			parent_id: null,
			topic: null,
			nsfw: false,
			last_message_id: this.channelOrder.get(channel.id)?.at(-1) ?? null,
			rate_limit_per_user: 0,
		} as APIChannel;
	}

	/** The user's DM channel with the bot, opened on first use as POST /users/@me/channels does. */
	openDm(recipientId: string): DmChannelRecord {
		this.userObject(recipientId);
		const existing = this.dmChannelOf.get(recipientId);
		const known = existing && this.dmChannels.get(existing);
		if (known) return known;
		const channel = { id: this.nextId(), recipientId };
		this.dmChannels.set(channel.id, channel);
		this.dmChannelOf.set(recipientId, channel.id);
		return channel;
	}

	dmChannelObject(channel: DmChannelRecord): APIDMChannel {
		return {
			id: channel.id,
			type: ChannelType.DM,
			name: null,
			last_message_id: this.channelOrder.get(channel.id)?.at(-1) ?? null,
			recipients: [this.userObject(channel.recipientId)],
			flags: 0 as APIDMChannel["flags"],
		};
	}

	#threadObject(channel: ChannelRecord, thread: ThreadRecord): APIChannel {
		const botMember = this.threadMemberObject(channel.id, this.botUser.id);
		return {
			id: channel.id,
			type: ChannelType.PublicThread,
			guild_id: channel.guildId,
			name: channel.name,
			parent_id: thread.parentId,
			owner_id: thread.ownerId,
			last_message_id: this.channelOrder.get(channel.id)?.at(-1) ?? null,
			rate_limit_per_user: 0,
			flags: 0 as APIPublicThreadChannel["flags"],
			message_count: thread.messageCount,
			total_message_sent: thread.totalMessageSent,
			// Discord stops counting at 50.
			member_count: Math.min(thread.members.size, 50),
			thread_metadata: {
				archived: thread.archived,
				auto_archive_duration: thread.autoArchiveDuration,
				archive_timestamp: new Date(thread.archiveTimestamp).toISOString(),
				locked: thread.locked,
				create_timestamp: new Date(thread.createdAt).toISOString(),
			},
			...(botMember ? { member: botMember } : {}),
		} satisfies APIPublicThreadChannel;
	}

	/** A member of a thread as Discord lists them; undefined when the user is not in it. */
	threadMemberObject(threadId: string, userId: string): APIThreadMember | undefined {
		const joinedAt = this.channel(threadId).thread?.members.get(userId);
		if (joinedAt === undefined) return undefined;
		return {
			id: threadId,
			user_id: userId,
			join_timestamp: new Date(joinedAt).toISOString(),
			flags: 0 as APIThreadMember["flags"],
		};
	}

	/** Stores a message the bot (or a webhook) sent into a channel or only onto an interaction. */
	storeMessage(record: MessageRecord, inChannel: boolean): void {
		this.messages.set(record.message.id, record);
		const orders = inChannel ? this.channelOrder : this.privateOrder;
		const order = orders.get(record.message.channel_id) ?? [];
		order.push(record.message.id);
		orders.set(record.message.channel_id, order);
		const thread = inChannel ? this.#threadOf(record.message.channel_id) : undefined;
		if (thread) {
			thread.messageCount += 1;
			thread.totalMessageSent += 1;
			thread.lastActivityAt = this.now();
		}
	}

	#threadOf(channelId: string): ThreadRecord | undefined {
		for (const guild of this.guilds.values()) {
			const channel = guild.channels.get(channelId);
			if (channel) return channel.thread;
		}
		return undefined;
	}

	deleteMessage(messageId: string): void {
		const record = this.messages.get(messageId);
		if (!record) return;
		this.messages.delete(messageId);
		const order = this.channelOrder.get(record.message.channel_id);
		if (order?.includes(messageId)) {
			this.channelOrder.set(
				record.message.channel_id,
				order.filter((id) => id !== messageId),
			);
			const thread = this.#threadOf(record.message.channel_id);
			if (thread) thread.messageCount -= 1;
		}
	}

	attachmentObject(
		id: string,
		filename: string,
		bytes: Uint8Array,
		contentType: string,
		baseUrl: string,
	): APIAttachment {
		const url = `${baseUrl}/attachments/${id}/${encodeURIComponent(filename)}`;
		const object: APIAttachment = {
			id,
			filename,
			size: bytes.byteLength,
			url,
			proxy_url: url,
			content_type: contentType,
		};
		this.attachmentFiles.set(id, { bytes, object });
		return object;
	}
}
