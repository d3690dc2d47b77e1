import { z } from "zod";
import type { MessageRecord, World } from "./state.js";

const archiveSchema = z.object({
	version: z.literal(1),
	channels: z.array(z.object({ channelId: z.string(), shown: z.array(z.string()), private: z.array(z.string()) })),
	messages: z.array(
		z.object({
			message: z.looseObject({ id: z.string(), channel_id: z.string() }),
			allowedMentions: z.unknown(),
			reactors: z.array(z.tuple([z.string(), z.array(z.string())])),
			files: z.array(z.tuple([z.string(), z.string()])),
		}),
	),
});

export type MessageArchive = z.infer<typeof archiveSchema>;

/** Every message with its reactions and files, as JSON, so a server restarted in the same place shows its history. */
export function archiveMessages(world: World): MessageArchive {
	const channelIds = new Set([...world.channelOrder.keys(), ...world.privateOrder.keys()]);
	return {
		version: 1,
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
