import {
	ApplicationIntegrationType,
	channelMention,
	InteractionContextType,
	PermissionFlagsBits,
	SlashCommandBuilder,
	TimestampStyles,
	time,
} from "discord.js";
import { explainNoMatch, searchBanks, searchQuestions, searchSections } from "../src/core/catalogue.js";
import type { DojoContext } from "../src/core/context.js";
import { takeQuestionCooldown } from "../src/core/cooldowns.js";
import { UserFacingError } from "../src/core/errors.js";
import { echoInput } from "../src/core/render/echo.js";
import { startRotation } from "../src/core/rotation.js";
import type { QuestionFilter } from "../src/core/selection.js";
import { loadSettings } from "../src/core/settings.js";
import { missingRoundPermissions } from "../src/discord/channel-permissions.js";
import type { Command } from "../src/discord/command.js";
import { postRound } from "../src/discord/round-poster.js";
import { bankFilterOption, difficultyOption, readQuestionFilter, sectionOption } from "./_question-filter.js";

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
	.addStringOption(bankFilterOption)
	.toJSON();

/**
 * A question asked by id is re-asked as it is, outside the rotation; otherwise the rotation picks. The
 * rotation's state read goes out now, beside the settings read that follows: one round trip for both.
 */
function chooseQuestion(ctx: DojoContext, guildId: string, filter: QuestionFilter, id: string | null) {
	if (id === null) return startRotation(ctx, guildId, filter);
	const question = ctx.bank.askable(id.trim());
	if (!question) {
		throw new UserFacingError(
			`There is no question with id “${echoInput(id)}”. /review lists the ids of questions to practise.`,
		);
	}
	return { take: async () => question };
}

function explainCooldown(scope: "member" | "channel", retryAt: number): string {
	const when = time(Math.ceil(retryAt / 1000), TimestampStyles.RelativeTime);
	return scope === "member"
		? `You posted a question moments ago. This server allows one every so often per member: try again ${when}.`
		: `A question went out in this channel moments ago. The next one can go out ${when}.`;
}

export const questionCommand = {
	data,

	async autocomplete(interaction, ctx) {
		const focused = interaction.options.getFocused(true);
		const search = focused.name === "id" ? searchQuestions : focused.name === "bank" ? searchBanks : searchSections;
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

		const chosen = chooseQuestion(ctx, interaction.guildId, filter, interaction.options.getString("id"));
		const settings = await loadSettings(ctx, interaction.guildId);
		const cooldown = await takeQuestionCooldown(ctx, settings, {
			guildId: interaction.guildId,
			channelId: interaction.channelId,
			memberId: interaction.user.id,
		});
		if (!cooldown.ok) throw new UserFacingError(explainCooldown(cooldown.scope, cooldown.retryAt));
		const question = await chosen.take();
		if (!question) throw new UserFacingError(explainNoMatch(ctx.bank, filter, section?.title));
		const questionSection = ctx.bank.section(question.section);
		if (!questionSection) throw new Error(`question ${question.id} has no section ${question.section}`);

		let replyMs = 0;
		const { messageId } = await postRound(
			ctx,
			interaction.client,
			{
				guildId: interaction.guildId,
				channelId: interaction.channelId,
				askerId: interaction.user.id,
				source: "command",
				question,
				section: questionSection,
				settings,
				revealAfterMs: settings.revealAfterMinutes * 60_000,
				canHideReactions: interaction.appPermissions.has(PermissionFlagsBits.ManageMessages),
			},
			async (body) => {
				const response = await interaction.reply({ ...body, allowedMentions: { parse: [] }, withResponse: true });
				const message = response.resource?.message;
				if (!message) throw new Error("Discord did not return the posted question message");
				replyMs = ctx.clock.now() - started;
				return message;
			},
		);
		ctx.logger.info({ questionId: question.id, messageId, replyMs }, "round posted");
	},
} satisfies Command;
