import type { Client } from "discord.js";
import type { DojoContext } from "../core/context.js";
import { type ReminderSender, runDueReminders } from "../core/practice/reminders.js";
import { renderReminder } from "../core/render/practice.js";
import { sendDirectMessage } from "./direct-messages.js";
import { startTicker } from "./ticker.js";

/** Sends a reminder as a direct message. */
export function createReminderSender(client: Client<true>): ReminderSender {
	return (guildId, memberId, dueCount) => {
		const server = client.guilds.cache.get(guildId)?.name ?? "your server";
		return sendDirectMessage(client, memberId, renderReminder(dueCount, server));
	};
}

/** Looks for reminders that are due on each tick, for the members of guilds this process owns. */
export function startReminderTicker(
	ctx: DojoContext,
	send: ReminderSender,
	options: { expression: string; ownsGuild?: ((guildId: string) => boolean) | undefined },
) {
	return startTicker("practice-reminders", options.expression, async () => {
		try {
			const runs = await runDueReminders(ctx, send, options.ownsGuild ? { ownsGuild: options.ownsGuild } : {});
			for (const run of runs) ctx.logger.info({ ...run }, "practice reminder");
		} catch (error) {
			ctx.logger.error({ err: error }, "practice reminder tick failed");
		}
	});
}
