import { type Client, DiscordAPIError, RESTJSONErrorCodes } from "discord.js";
import type { DojoContext } from "../core/context.js";
import { type ReminderSender, runDueReminders } from "../core/practice/reminders.js";
import { renderReminder } from "../core/render/practice.js";
import { startTicker } from "./ticker.js";

/** Discord's permanent refusals of a DM: the member closed DMs or blocked the bot, or shares no server. */
const REFUSED: ReadonlySet<number> = new Set([
	RESTJSONErrorCodes.CannotSendMessagesToThisUser,
	RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
]);

/** Sends a reminder as a direct message (discord.js opens the DM channel first when it has none). */
export function createReminderSender(client: Client<true>): ReminderSender {
	return async (guildId, memberId, dueCount) => {
		const server = client.guilds.cache.get(guildId)?.name ?? "your server";
		try {
			await client.users.send(memberId, { content: renderReminder(dueCount, server), allowedMentions: { parse: [] } });
			return { ok: true };
		} catch (error) {
			if (error instanceof DiscordAPIError && typeof error.code === "number") {
				return { ok: false, refused: REFUSED.has(error.code), problem: `${error.code}: ${error.message}` };
			}
			throw error;
		}
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
