import {
	type MessageReaction,
	type PartialMessageReaction,
	type PartialUser,
	PermissionFlagsBits,
	type User,
} from "discord.js";
import type { DojoContext } from "../core/context.js";
import { REVEAL_EMOJI } from "../core/emoji.js";
import { renderRevealed } from "../core/render/question.js";
import { beginReveal, completeReveal } from "../core/rounds.js";

/**
 * Routes reactions on round messages. Reactions arrive for messages this process never saw (posted
 * before a restart), so everything is read from the event and the store, never from the message cache.
 */
export function createReactionHandler(ctx: DojoContext) {
	return async (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser): Promise<void> => {
		if (reaction.emoji.name !== REVEAL_EMOJI || user.bot || user.id === reaction.client.user.id) return;
		const { message } = reaction;
		if (!message.guildId) return;
		const logger = ctx.logger.child({ messageId: message.id, guildId: message.guildId, userId: user.id });
		try {
			const channel = message.channel;
			const member = message.guild?.members.cache.get(user.id);
			const canManageMessages =
				!!member &&
				"permissionsFor" in channel &&
				!!channel.permissionsFor(member)?.has(PermissionFlagsBits.ManageMessages);

			const plan = await beginReveal(ctx, message.id, { userId: user.id, isBot: false, canManageMessages });
			if (!plan.ok) {
				if (plan.reason !== "not-a-round") logger.debug({ reason: plan.reason }, "reveal ignored");
				return;
			}
			await channel.messages.edit(message.id, {
				embeds: renderRevealed(plan.question, plan.section),
				allowedMentions: { parse: [] },
			});
			await completeReveal(ctx, plan.round, user.id);
			logger.info({ questionId: plan.question.id }, "round revealed");
		} catch (error) {
			logger.error({ err: error }, "reveal failed");
		}
	};
}
