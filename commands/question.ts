import {
	ApplicationIntegrationType,
	channelMention,
	InteractionContextType,
	PermissionFlagsBits,
	SlashCommandBuilder,
} from "discord.js";
import { explainNoMatch, searchQuestions, searchSections } from "../src/core/catalogue.js";
import type { DojoContext } from "../src/core/context.js";
import { CHOICE_EMOJI, REVEAL_EMOJI } from "../src/core/emoji.js";
import { UserFacingError } from "../src/core/errors.js";
import { echoInput } from "../src/core/render/echo.js";
import { renderQuestion } from "../src/core/render/question.js";
import { takeNextQuestion } from "../src/core/rotation.js";
import { openRound } from "../src/core/rounds.js";
import type { QuestionFilter } from "../src/core/selection.js";
import { loadSettings } from "../src/core/settings.js";
import { missingRoundPermissions } from "../src/discord/channel-permissions.js";
import type { Command } from "./_command.js";
import { difficultyOption, readQuestionFilter, sectionOption } from "./_question-filter.js";

const data = new SlashCommandBuilder()
	.setName("question")
	.setDescription("Post an interview question in this channel")
	.setContexts(InteractionContextType.Guild)
	.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
	.addStringOption(sectionOption)
	.addStringOption(difficultyOption)
	.addStringOption((option) =>
		option.setName("id").setDescription("Ask this question again (see /review)").setAutocomplete(true),
	)
	.toJSON();

/** A question asked by id is re-asked as it is, outside the rotation; otherwise the rotation picks. */
async function chooseQuestion(ctx: DojoContext, guildId: string, filter: QuestionFilter, id: string | null) {
	if (id === null) return takeNextQuestion(ctx, guildId, filter);
	const question = ctx.bank.question(id.trim());
	if (!question) {
		throw new UserFacingError(
			`There is no question with id “${echoInput(id)}”. /review lists the ids of questions to practise.`,
		);
	}
	return question;
}

export const questionCommand: Command = {
	data,

	async autocomplete(interaction, ctx) {
		const focused = interaction.options.getFocused(true);
		const search = focused.name === "id" ? searchQuestions : searchSections;
		await interaction.respond(search(ctx.bank, focused.value));
	},

	async execute(interaction, ctx) {
		const started = ctx.clock.now();
		const { filter, section } = readQuestionFilter(interaction, ctx);

		const missing = missingRoundPermissions(interaction.appPermissions);
		if (missing.length > 0) {
			throw new UserFacingError(
				`I can't run a round in ${channelMention(interaction.channelId)}: I'm missing ${missing.join(", ")} there. ` +
					"Ask a server admin to grant them to my role in this channel.",
			);
		}

		const [question, settings] = await Promise.all([
			chooseQuestion(ctx, interaction.guildId, filter, interaction.options.getString("id")),
			loadSettings(ctx, interaction.guildId),
		]);
		if (!question) throw new UserFacingError(explainNoMatch(ctx.bank, filter, section?.title));
		const questionSection = ctx.bank.section(question.section);
		if (!questionSection) throw new Error(`question ${question.id} has no section ${question.section}`);

		const postedAt = ctx.clock.now();
		const revealDueAt = postedAt + settings.revealAfterMinutes * 60_000;
		const status = {
			picks: 0,
			picksHidden: interaction.appPermissions.has(PermissionFlagsBits.ManageMessages),
			revealVotes: settings.revealVotes,
			revealDueAt,
		};
		const response = await interaction.reply({
			embeds: renderQuestion(question, questionSection, status),
			allowedMentions: { parse: [] },
			withResponse: true,
		});
		const message = response.resource?.message;
		if (!message) throw new Error("Discord did not return the posted question message");

		const replyMs = ctx.clock.now() - started;
		await openRound(ctx, {
			messageId: message.id,
			channelId: message.channelId,
			guildId: interaction.guildId,
			questionId: question.id,
			askerId: interaction.user.id,
			source: "command",
			postedAt,
			revealDueAt,
		});

		ctx.logger.info({ questionId: question.id, messageId: message.id, replyMs }, "round posted");

		const reactions = question.kind === "choice" ? CHOICE_EMOJI.slice(0, question.choices.length) : [];
		try {
			// One at a time: Discord keeps reactions in the order they were added, and A-B-C-D must read in order.
			for (const emoji of [...reactions, REVEAL_EMOJI]) await message.react(emoji);
		} catch (error) {
			// The round is posted and stored; members can still add the reactions themselves.
			ctx.logger.warn({ err: error, messageId: message.id }, "could not add the answer reactions");
		}
	},
};
