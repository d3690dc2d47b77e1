import { type MessageReaction, type PartialMessageReaction, type PartialUser, Routes, type User } from "discord.js";
import type { DojoContext } from "../core/context.js";
import { choiceIndexOf, gradeOf, REVEAL_EMOJI } from "../core/emoji.js";
import { recordGrade } from "../core/grades.js";
import { createKeyedLock } from "../core/keyed-lock.js";
import { lockPick } from "../core/picks.js";
import { claimReveal } from "../core/reveal.js";
import { canManageMessages } from "./channel-permissions.js";
import { finishReveal } from "./finish-reveal.js";
import type { RoundMessages } from "./round-messages.js";

/**
 * Routes reactions on round messages: letters are picks, 💡 reveals, ✅ 🟨 ❌ grade open questions.
 * Reactions arrive for messages this process never saw (posted before a restart), so everything is
 * read from the event and the store, never from the message cache.
 */
export function createReactionHandler(ctx: DojoContext, messages: RoundMessages) {
	// discord.js does not wait for one handler before the next event; one member's reactions on one
	// message must still be handled in the order they happened, or a second letter could lock first.
	const inOrder = createKeyedLock();
	return (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser): Promise<void> =>
		inOrder(`${reaction.message.id}:${user.id}`, () => handleReaction(ctx, messages, reaction, user));
}

async function handleReaction(
	ctx: DojoContext,
	messages: RoundMessages,
	reaction: MessageReaction | PartialMessageReaction,
	user: User | PartialUser,
): Promise<void> {
	const { client } = reaction;
	const emoji = reaction.emoji.name ?? "";
	const { message } = reaction;
	if (user.bot || user.id === client.user.id || !message.guildId) return;
	const logger = ctx.logger.child({ messageId: message.id, guildId: message.guildId, userId: user.id });
	try {
		const choice = choiceIndexOf(emoji);
		const grade = gradeOf(emoji);
		if (emoji === REVEAL_EMOJI) {
			const plan = await claimReveal(ctx, message.id, {
				kind: "lightbulb",
				revealer: {
					userId: user.id,
					isBot: false,
					canManageMessages: canManageMessages(client, message.channelId, user.id),
				},
			});
			if (!plan.ok) {
				if (plan.reason !== "not-a-round") logger.debug({ reason: plan.reason, votes: plan.votes }, "reveal not yet");
				return;
			}
			await finishReveal(ctx, messages, plan);
		} else if (choice !== undefined) {
			const outcome = await lockPick(ctx, message.id, user.id, choice);
			if (!outcome.stored && outcome.reason === "not-a-round") return;
			const hide = canManageMessages(client, message.channelId);
			if (hide && (outcome.stored || outcome.reason === "already-picked")) {
				await client.rest.delete(
					Routes.channelMessageUserReaction(message.channelId, message.id, encodeURIComponent(emoji), user.id),
				);
			}
			if (outcome.stored) {
				logger.info({ choice, hidden: hide }, "pick locked");
				ctx.metrics.pickLocked();
				if (hide) messages.refreshFooter(outcome.round);
			} else {
				logger.debug({ reason: outcome.reason }, "pick ignored");
			}
		} else if (grade !== undefined) {
			const outcome = await recordGrade(ctx, message.id, user.id, grade);
			if (outcome.stored) logger.info({ grade, points: outcome.points }, "grade recorded");
			else if (outcome.reason !== "not-a-round") logger.debug({ reason: outcome.reason }, "grade ignored");
		}
	} catch (error) {
		logger.error({ err: error, emoji }, "reaction failed");
	}
}
