import { MessageFlags } from "discord.js";
import { lockPick } from "../core/picks.js";
import { pickReply } from "../core/render/pick-reply.js";
import type { ButtonRoute } from "./component-routes.js";
import { pickedChoice } from "./pick-buttons.js";
import type { RoundMessages } from "./round-messages.js";

/**
 * Pick buttons: the pick is stored first, then the member is told privately. Nothing needs removing,
 * so picks stay hidden without Manage Messages and without a single reaction DELETE.
 */
export function createPickClicks(messages: RoundMessages): ButtonRoute {
	return {
		name: "pick",
		matches: (customId) => pickedChoice(customId) !== undefined,
		async handle(interaction, ctx) {
			const choice = pickedChoice(interaction.customId) ?? 0;
			const outcome = await lockPick(ctx, interaction.message.id, interaction.user.id, choice, "buttons");
			await interaction.reply({ content: pickReply(outcome, choice), flags: MessageFlags.Ephemeral });
			if (outcome.stored) {
				ctx.logger.info({ messageId: interaction.message.id, choice, via: "buttons" }, "pick locked");
				ctx.metrics.pickLocked();
				messages.refreshFooter(outcome.round);
			} else {
				ctx.logger.debug({ messageId: interaction.message.id, reason: outcome.reason }, "pick ignored");
			}
		},
	};
}
