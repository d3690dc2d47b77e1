import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { difficultySummary, questionsIn } from "../src/core/catalogue.js";
import type { Command } from "../src/discord/command.js";

export const sectionsCommand = {
	data: new SlashCommandBuilder()
		.setName("sections")
		.setDescription("List the question sections and how many questions each has")
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
		.toJSON(),

	async execute(interaction, ctx) {
		const lines = ctx.bank.sections.map(
			(section) =>
				`**${section.title}** · \`${section.id}\` · ${questionsIn(ctx.bank, section.id).length} questions (${difficultySummary(ctx.bank, section.id) || "none yet"})`,
		);
		await interaction.reply({
			embeds: [
				{
					title: "Question sections",
					description: `${lines.join("\n")}\n\nAsk one with \`/question section:<name>\`, optionally with a difficulty.`,
					color: 0x5865f2,
					footer: { text: `${ctx.bank.questions.length} questions in all` },
				},
			],
			flags: MessageFlags.Ephemeral,
		});
	},
} satisfies Command;
