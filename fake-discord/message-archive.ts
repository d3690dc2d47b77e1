import { z } from "zod";
import type { MessageRecord, World } from "./state.js";

const threadSchema = z.object({
	id: z.string(),
	guildId: z.string(),
	name: z.string(),
	parentId: z.string(),
	ownerId: z.string(),
	archived: z.boolean(),
	locked: z.boolean(),
	autoArchiveDuration: z.union([z.literal(60), z.literal(1440), z.literal(4320), z.literal(10080)]),
	archiveTimestamp: z.number(),
	createdAt: z.number(),
	lastActivityAt: z.number(),
	members: z.array(z.tuple([z.string(), z.number()])),
	messageCount: z.number(),
	totalMessageSent: z.number(),
});

const archiveSchema = z.object({
	version: z.literal(1),
	/** Threads, kept with their messages; archives written before threads existed have none. */
	threads: z.array(threadSchema).default([]),
	channels: z.array(z.object({ channelId: z.string(), shown: z.array(z.string()), private: z.array(z.string()) })),
	messages: z.array(
		z.object({
			message: z.looseObject({ id: z.string(), channel_id: z.string() }),
			// JSON drops an undefined value, so a message sent without allowed_mentions comes back without the key.
			allowedMentions: z.unknown().optional(),
			reactors: z.array(z.tuple([z.string(), z.array(z.string())])),
			files: z.array(z.tuple([z.string(), z.string()])),
		}),
	),
});

export type MessageArchive = z.infer<typeof archiveSchema>;

/** Every message with its reactions and files, and every thread, as JSON, so a server restarted in the same place shows its history. */
export function archiveMessages(world: World): MessageArchive {
	const channelIds = new Set([...world.channelOrder.keys(), ...world.privateOrder.keys()]);
	const threads = [...world.guilds.values()].flatMap((guild) =>
		[...guild.channels.values()].flatMap((channel) =>
			channel.thread
				? [
						{
							id: channel.id,
							guildId: guild.id,
							name: channel.name,
							...channel.thread,
							members: [...channel.thread.members],
						},
					]
				: [],
		),
	);
	return {
		version: 1,
		threads,
		channels: [...channelIds].map((channelId) => ({
			channelId,
			shown: world.channelOrder.get(channelId) ?? [],
			private: world.privateOrder.get(channelId) ?? [],
		})),
		messages: [...world.messages.values()].map((record) => ({
			message: record.message as unknown as MessageArchive["messages"][number]["message"],
			allowedMentions: record.allowedMentions,
			reactors: [...record.reactors].map(([emoji, users]) => [emoji, [...users]] as [string, string[]]),
			files: [...record.files].map(([id, bytes]) => [id, Buffer.from(bytes).toString("base64")] as [string, string]),
		})),
	};
}

/** Puts archived messages back; an archive that does not parse is reported and nothing is restored. */
export function restoreMessages(world: World, archive: unknown): void {
	const parsed = archiveSchema.parse(archive);
	for (const { id, guildId, name, members, ...thread } of parsed.threads) {
		// A thread whose server is not in the rebuilt world has nowhere to go.
		world.guilds.get(guildId)?.channels.set(id, {
			id,
			guildId,
			name,
			position: 0,
			overwrites: [],
			thread: { ...thread, members: new Map(members) },
		});
	}
	for (const entry of parsed.messages) {
		const record: MessageRecord = {
			message: entry.message as unknown as MessageRecord["message"],
			allowedMentions: entry.allowedMentions,
			reactors: new Map(entry.reactors.map(([emoji, users]) => [emoji, new Set(users)])),
			files: new Map(entry.files.map(([id, base64]) => [id, new Uint8Array(Buffer.from(base64, "base64"))])),
		};
		world.messages.set(record.message.id, record);
	}
	for (const channel of parsed.channels) {
		world.channelOrder.set(channel.channelId, [...channel.shown]);
		world.privateOrder.set(channel.channelId, [...channel.private]);
	}
}
