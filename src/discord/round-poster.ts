import type { APIActionRowComponent, APIButtonComponent, APIEmbed, Client } from "discord.js";
import { Routes } from "discord.js";
import type { BankSection } from "../core/bank/bank.js";
import type { Question } from "../core/bank/schema.js";
import type { DojoContext } from "../core/context.js";
import { CHOICE_EMOJI, REVEAL_EMOJI } from "../core/emoji.js";
import { renderQuestion } from "../core/render/question.js";
import { openRound, type RoundRecord } from "../core/rounds.js";
import type { GuildSettings } from "../core/settings.js";
import { pickButtons } from "./pick-buttons.js";

/** What a round's first message carries; each caller sends it its own way (interaction reply or REST). */
export interface RoundMessageBody {
	content?: string;
	embeds: APIEmbed[];
	components: APIActionRowComponent<APIButtonComponent>[];
}

export interface RoundToPost {
	guildId: string;
	channelId: string;
	askerId: string;
	source: RoundRecord["source"];
	dailyDate?: string;
	question: Question;
	section: BankSection;
	settings: GuildSettings;
	revealAfterMs: number;
	/** Whether the bot may take members' letters off in this channel (Manage Messages). */
	canHideReactions: boolean;
	content?: string;
}

/**
 * Posts a round, whoever asked for it (/question, the daily): renders it for the server's pick mode,
 * sends it, stores the round and adds the reactions in order. The round is stored before the reactions
 * go on, so a member quick enough to react first is still counted.
 */
export async function postRound(
	ctx: DojoContext,
	client: Client,
	round: RoundToPost,
	send: (body: RoundMessageBody) => Promise<{ id: string }>,
): Promise<{ messageId: string }> {
	const { question, section, settings } = round;
	const byButtons = settings.picks === "buttons" && question.kind === "choice";
	const picksVia = byButtons ? "buttons" : "reactions";
	const postedAt = ctx.clock.now();
	const revealDueAt = postedAt + round.revealAfterMs;
	const status = {
		picks: 0,
		picksVia,
		picksHidden: byButtons || round.canHideReactions,
		revealVotes: settings.revealVotes,
		revealDueAt,
		askedByMember: round.source === "command",
	} as const;
	const message = await send({
		...(round.content ? { content: round.content } : {}),
		embeds: renderQuestion(question, section, status),
		components: byButtons && question.kind === "choice" ? pickButtons(question) : [],
	});
	await openRound(ctx, {
		messageId: message.id,
		channelId: round.channelId,
		guildId: round.guildId,
		questionId: question.id,
		askerId: round.askerId,
		source: round.source,
		...(round.dailyDate ? { dailyDate: round.dailyDate } : {}),
		postedAt,
		revealDueAt,
		picksVia,
	});
	const letters = question.kind === "choice" && !byButtons ? CHOICE_EMOJI.slice(0, question.choices.length) : [];
	try {
		// One at a time: Discord keeps reactions in the order they were added, and A-B-C-D must read in order.
		for (const emoji of [...letters, REVEAL_EMOJI]) {
			await client.rest.put(Routes.channelMessageOwnReaction(round.channelId, message.id, encodeURIComponent(emoji)));
		}
	} catch (error) {
		// The round is posted and stored; members can still add the reactions themselves.
		ctx.logger.warn({ err: error, messageId: message.id }, "could not add the round's reactions");
	}
	return { messageId: message.id };
}
