import { type ButtonInteraction, MessageFlags } from "discord.js";
import type { DojoContext } from "../core/context.js";
import { lockPick } from "../core/picks.js";
import { pickReply } from "../core/render/pick-reply.js";
import { pickedChoice } from "./pick-buttons.js";
import type { RoundMessages } from "./round-messages.js";

/** A kind of button the dispatcher routes by custom id; collectors handle the rest (confirmations). */
export interface ButtonRoute {
	readonly name: string;
	matches(customId: string): boolean;
	handle(interaction: ButtonInteraction, ctx: DojoContext): Promise<void>;
}

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
