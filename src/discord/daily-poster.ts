import { type APIMessage, type Client, DiscordAPIError, Routes, ThreadAutoArchiveDuration } from "discord.js";
import type { Question } from "../core/bank/schema.js";
import { type DojoContext, inGuild } from "../core/context.js";
import type { DailyConfig } from "../core/daily/config.js";
import type { DailyPost, DailyPoster } from "../core/daily/runner.js";
import { discussionThreadName } from "../core/render/question.js";
import { takeNextQuestion } from "../core/rotation.js";
import { findRound, saveRound } from "../core/rounds.js";
import { loadSettings } from "../core/settings.js";
import { canManageMessages, missingRoundPermissionsIn, missingThreadPermissionsIn } from "./channel-permissions.js";
import { postRound } from "./round-poster.js";

const HOUR_MS = 3_600_000;

/** Checks the channel as Discord would, so a lost permission is a clear problem rather than a 403. */
function channelProblem(client: Client, channelId: string): string | undefined {
	if (!client.channels.cache.has(channelId)) return `the channel <#${channelId}> is gone or I can no longer see it`;
	const missing = missingRoundPermissionsIn(client, channelId);
	return missing.length > 0 ? `I'm missing ${missing.join(", ")} in <#${channelId}>` : undefined;
}

/** Posts the daily question as a channel message and opens its round, revealed `revealAfterHours` later. */
export function createDailyPoster(baseCtx: DojoContext, client: Client): DailyPoster {
	return async (guildId: string, config: DailyConfig, date: string): Promise<DailyPost> => {
		const ctx = await inGuild(baseCtx, guildId);
		// The ticker starts once the client is ready; /daily now can only arrive through a ready client.
		if (!client.isReady()) return { ok: false, problem: "I'm not connected to Discord yet" };
		const problem = channelProblem(client, config.channelId);
		if (problem) return { ok: false, problem };
		const filter = {
			...(config.bank ? { bank: config.bank } : {}),
			...(config.section ? { section: config.section } : {}),
			...(config.difficulty ? { difficulty: config.difficulty } : {}),
		};
		const question = await takeNextQuestion(ctx, guildId, filter, "daily");
		const section = question && ctx.bank.section(question.section);
		if (!question || !section) return { ok: false, problem: "no question in the bank matches the daily's filters" };

		const settings = await loadSettings(ctx, guildId);
		let messageId: string;
		try {
			({ messageId } = await postRound(
				ctx,
				client,
				{
					guildId,
					channelId: config.channelId,
					askerId: client.user.id,
					source: "daily",
					dailyDate: date,
					question,
					section,
					settings,
					revealAfterMs: config.revealAfterHours * HOUR_MS,
					canHideReactions: canManageMessages(client, config.channelId),
					content: `**Question of the day** · ${date}${config.roleId ? ` · <@&${config.roleId}>` : ""}`,
				},
				async (body) =>
					(await client.rest.post(Routes.channelMessages(config.channelId), {
						body: {
							...body,
							allowed_mentions: config.roleId ? { parse: [], roles: [config.roleId] } : { parse: [] },
						},
					})) as APIMessage,
			));
		} catch (error) {
			if (error instanceof DiscordAPIError) return { ok: false, problem: `Discord refused the post: ${error.message}` };
			throw error;
		}
		ctx.logger.info({ guildId, date, questionId: question.id, messageId }, "daily posted");
		const threadProblem = config.thread
			? await openDiscussionThread(ctx, client, { channelId: config.channelId, messageId, question })
			: undefined;
		return { ok: true, messageId, ...(threadProblem ? { threadProblem } : {}) };
	};
}

/**
 * Opens the daily's discussion thread under its post, auto-archived after a day without messages, and
 * remembers it on the round so the reveal can link the answer there. Returns why it could not, if so:
 * the daily itself has gone out either way.
 */
async function openDiscussionThread(
	ctx: DojoContext,
	client: Client<true>,
	daily: { channelId: string; messageId: string; question: Question },
): Promise<string | undefined> {
	const missing = missingThreadPermissionsIn(client, daily.channelId);
	if (missing.length > 0)
		return `I'm missing ${missing.join(", ")} in <#${daily.channelId}>, so the daily has no thread`;
	try {
		await client.rest.post(Routes.threads(daily.channelId, daily.messageId), {
			body: { name: discussionThreadName(daily.question), auto_archive_duration: ThreadAutoArchiveDuration.OneDay },
		});
	} catch (error) {
		if (error instanceof DiscordAPIError) return `Discord refused the daily's thread: ${error.message}`;
		throw error;
	}
	const round = await findRound(ctx, daily.messageId);
	// The thread takes the daily message's id.
	if (round) await saveRound(ctx, { ...round, threadId: daily.messageId });
	ctx.logger.info({ messageId: daily.messageId }, "daily discussion thread opened");
	return undefined;
}
