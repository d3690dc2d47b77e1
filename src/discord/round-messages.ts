import { type Client, messageLink, Routes } from "discord.js";
import type { DojoContext } from "../core/context.js";
import { GRADE_EMOJI, REVEAL_EMOJI } from "../core/emoji.js";
import { countPicks } from "../core/picks.js";
import { renderQuestion, renderRevealed } from "../core/render/question.js";
import type { SettledReveal } from "../core/reveal.js";
import { findRound, type Round } from "../core/rounds.js";
import { loadSettings } from "../core/settings.js";
import { retryDropped } from "../lib/dropped-connection.js";
import { createKeyedLock } from "../lib/keyed-lock.js";

/** Edits to the channel message that shows a round: the running footer and the reveal. */
export interface RoundMessages {
	/** Schedules a footer update; a burst of picks costs one edit per interval at most. */
	refreshFooter(round: Round): void;
	showReveal(settled: SettledReveal): Promise<void>;
	/** Cancels pending footer edits, for shutdown. */
	close(): void;
}

const NO_PINGS = { parse: [] };

/**
 * Every edit goes to the channel message route, never the interaction webhook: the interaction token
 * dies after 15 minutes, a round can live for hours. Edits of one message are serialised so a late
 * footer edit can never overwrite the reveal.
 */
export function createRoundMessages(
	ctx: DojoContext,
	client: Client,
	options: { picksHidden: (round: Round) => boolean; footerIntervalMs?: number },
): RoundMessages {
	const interval = options.footerIntervalMs ?? 3_000;
	const serialise = createKeyedLock();
	const pending = new Map<string, { timer: NodeJS.Timeout; dirty: boolean }>();

	const editFooter = (messageId: string) =>
		serialise(messageId, async () => {
			const round = await findRound(ctx, messageId);
			const bank = round && (await ctx.banks.forGuild(round.guildId));
			const question = round && bank?.question(round.questionId);
			const section = question && bank?.section(question.section);
			if (!round || round.revealedAt !== undefined || !question || !section) return;
			const [picks, settings] = await Promise.all([countPicks(ctx, messageId), loadSettings(ctx, round.guildId)]);
			const embeds = renderQuestion(question, section, {
				picks,
				picksHidden: round.picksVia === "buttons" || options.picksHidden(round),
				picksVia: round.picksVia,
				askedByMember: round.source === "command",
				revealVotes: settings.revealVotes,
				...(round.revealDueAt === undefined ? {} : { revealDueAt: round.revealDueAt }),
			});
			await client.rest.patch(Routes.channelMessage(round.channelId, messageId), {
				body: { embeds, allowed_mentions: NO_PINGS },
			});
		}).catch((error: unknown) => ctx.logger.warn({ err: error, messageId }, "could not update the round footer"));

	const arm = (messageId: string) => {
		const timer = setTimeout(() => {
			const entry = pending.get(messageId);
			if (entry?.dirty) {
				entry.dirty = false;
				void editFooter(messageId);
				arm(messageId);
			} else {
				pending.delete(messageId);
			}
		}, interval);
		timer.unref();
		pending.set(messageId, { timer, dirty: false });
	};

	return {
		refreshFooter(round) {
			const entry = pending.get(round.messageId);
			if (entry) {
				entry.dirty = true;
				return;
			}
			void editFooter(round.messageId);
			arm(round.messageId);
		},

		async showReveal({ round, question, section, results }) {
			const settings = await loadSettings(ctx, round.guildId);
			const embeds = renderRevealed(question, section, results, settings);
			// Pick buttons go with the reveal: a click after it could only be refused.
			const components = round.picksVia === "buttons" ? { components: [] } : {};
			// The edit sets the whole revealed message, so it is sent again if the connection dropped before
			// Discord answered: otherwise the round would stay unrevealed on screen with its points stored.
			await serialise(round.messageId, () =>
				retryDropped(() =>
					client.rest.patch(Routes.channelMessage(round.channelId, round.messageId), {
						body: { embeds, ...components, allowed_mentions: NO_PINGS },
					}),
				),
			);
			if (round.threadId) await linkAnswer(ctx, client, round, round.threadId);
			if (question.kind !== "open") return;
			for (const emoji of Object.values(GRADE_EMOJI)) {
				await client.rest.put(
					Routes.channelMessageOwnReaction(round.channelId, round.messageId, encodeURIComponent(emoji)),
				);
			}
		},

		close() {
			for (const entry of pending.values()) clearTimeout(entry.timer);
			pending.clear();
		},
	};
}

/**
 * Tells a daily's discussion thread that the answer is out, with a link to it. Posting unarchives a
 * thread that went quiet, as on Discord; a thread the bot can no longer post in only costs the link.
 */
async function linkAnswer(ctx: DojoContext, client: Client, round: Round, threadId: string): Promise<void> {
	const link = messageLink(round.channelId, round.messageId, round.guildId);
	try {
		await client.rest.post(Routes.channelMessages(threadId), {
			body: { content: `${REVEAL_EMOJI} The answer is out: ${link}`, allowed_mentions: NO_PINGS },
		});
	} catch (error) {
		ctx.logger.warn(
			{ err: error, messageId: round.messageId, threadId },
			"could not link the answer in the daily's thread",
		);
	}
}
