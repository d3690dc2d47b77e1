import { MessageFlags } from "discord.js";
import type { DojoContext } from "../core/context.js";
import { takeNotice } from "../core/practice/reminders.js";
import { REMINDER_REFUSED_NOTICE } from "../core/render/practice.js";
import type { GuildCommandInteraction } from "./command.js";

/**
 * Tells a member, privately and once, what happened while they were away (a reminder Discord refused to
 * deliver), right after the command they used next; a failure here never spoils that command.
 */
export async function tellPendingNotice(
	interaction: GuildCommandInteraction,
	ctx: DojoContext,
	logger: DojoContext["logger"],
): Promise<void> {
	try {
		const notice = await takeNotice(ctx, interaction.guildId, interaction.user.id);
		if (!notice) return;
		await interaction.followUp({ content: REMINDER_REFUSED_NOTICE, flags: MessageFlags.Ephemeral });
		logger.info({ reason: notice.reason }, "practice notice told");
	} catch (error) {
		logger.warn({ err: error }, "could not tell the member their pending notice");
	}
}
