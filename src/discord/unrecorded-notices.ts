import { type Client, Routes } from "discord.js";
import type { Logger } from "../core/ports.js";
import { canManageMessages } from "./channel-permissions.js";
import { removeMemberReaction } from "./member-reaction.js";

/** Notices for one message are gathered this long, so an outage costs one post per round, not one per member. */
const GATHER_MS = 2_000;
/** Mentions per notice, well inside Discord's 2,000 characters. */
const MENTIONS_PER_NOTICE = 50;

interface Unrecorded {
	channelId: string;
	members: Map<string, Set<string>>;
	timer: NodeJS.Timeout;
}

export interface UnrecordedNotices {
	/** A member's reaction could not be stored; they will be told, in the round's channel, to react again. */
	add(channelId: string, messageId: string, memberId: string, emoji: string): void;
	/** Sends everything gathered so far, for shutdown. */
	flush(): Promise<void>;
}

/**
 * Tells members, in a reply to the round, that their reaction did not count because the store was
 * unreachable for longer than the bot could wait. Where the bot may manage messages it also takes the
 * reaction off, so reacting again is one click (and a hidden pick stays hidden).
 */
export function createUnrecordedNotices(client: Client, logger: Logger): UnrecordedNotices {
	const gathering = new Map<string, Unrecorded>();

	const send = async (messageId: string, { channelId, members }: Unrecorded) => {
		const removable = canManageMessages(client, channelId);
		if (removable) {
			for (const [memberId, emojis] of members) {
				for (const emoji of emojis) {
					await removeMemberReaction(client, { channelId, messageId, emoji, memberId }).catch((error: unknown) =>
						logger.warn({ err: error, messageId, memberId }, "could not remove a reaction"),
					);
				}
			}
		}
		const ids = [...members.keys()];
		for (let start = 0; start < ids.length; start += MENTIONS_PER_NOTICE) {
			const batch = ids.slice(start, start + MENTIONS_PER_NOTICE);
			const again = removable ? "please react again" : "please take your reaction off and add it again";
			const content = `${batch.map((id) => `<@${id}>`).join(" ")} your reaction on this question did not count: my database was not answering. Nothing else was lost; ${again}.`;
			await client.rest
				.post(Routes.channelMessages(channelId), {
					body: {
						content,
						allowed_mentions: { parse: [], users: batch },
						message_reference: { message_id: messageId, fail_if_not_exists: false },
					},
				})
				.then(() => logger.info({ messageId, members: batch.length }, "told members their reactions did not count"))
				.catch((error: unknown) =>
					logger.error(
						{ err: error, messageId, members: batch },
						"could not tell members their reactions did not count",
					),
				);
		}
	};

	const sendGathered = (messageId: string) => {
		const entry = gathering.get(messageId);
		if (!entry) return Promise.resolve();
		gathering.delete(messageId);
		clearTimeout(entry.timer);
		return send(messageId, entry);
	};

	return {
		add(channelId, messageId, memberId, emoji) {
			const entry = gathering.get(messageId);
			if (entry) {
				entry.members.set(memberId, (entry.members.get(memberId) ?? new Set()).add(emoji));
				return;
			}
			const timer = setTimeout(() => void sendGathered(messageId), GATHER_MS);
			gathering.set(messageId, { channelId, members: new Map([[memberId, new Set([emoji])]]), timer });
		},
		async flush() {
			await Promise.all([...gathering.keys()].map(sendGathered));
		},
	};
}
