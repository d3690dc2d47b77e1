import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/discord/command.js";
import { suggestModal } from "../src/discord/suggest-form.js";

export const suggestCommand = {
	data: new SlashCommandBuilder()
		.setName("suggest")
		.setDescription("Propose a question for this server's bank; moderators review it")
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
		.toJSON(),

	async execute(interaction) {
		// The form must be the first answer: nothing slow may come before it.
		await interaction.showModal(suggestModal());
	},
} satisfies Command;
