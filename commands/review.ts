import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { renderReview } from "../src/core/render/standings.js";
import { readReview } from "../src/core/standings.js";
import type { Command } from "../src/discord/command.js";

export const reviewCommand = {
	data: new SlashCommandBuilder()
		.setName("review")
		.setDescription("The questions you got wrong or only partly, to practise again (only you see it)")
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
		.toJSON(),

	async execute(interaction, ctx) {
		const entries = await readReview(ctx, interaction.guildId, interaction.user.id);
		await interaction.reply({ ...renderReview(entries, ctx.bank), flags: MessageFlags.Ephemeral });
	},
} satisfies Command;
