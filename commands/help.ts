import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { CHOICE_EMOJI, REVEAL_EMOJI } from "../src/core/emoji.js";
import type { Command } from "./_command.js";

const HOW_TO_PLAY = [
	"**/question** posts an interview question in this channel. Narrow it with `section` (start typing to see the list) and `difficulty`.",
	`**Answer** a multiple-choice question by reacting with its letter (${CHOICE_EMOJI.join(" ")}). Open questions are for discussing in the channel or in your head first.`,
	`**Reveal** with ${REVEAL_EMOJI}: when the member who asked, or anyone who can manage messages, reacts ${REVEAL_EMOJI}, the message shows the right answer and a full explanation.`,
	"**No repeats:** in this server a question comes back only once every question matching the same filters has been asked.",
	"**/sections** lists the sections and how many questions each has.",
].join("\n\n");

export const helpCommand: Command = {
	data: new SlashCommandBuilder()
		.setName("help")
		.setDescription("How to practise interviews with Interview Dojo")
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
		.toJSON(),

	async execute(interaction) {
		await interaction.reply({
			embeds: [{ title: "How Interview Dojo works", description: HOW_TO_PLAY, color: 0x5865f2 }],
			flags: MessageFlags.Ephemeral,
		});
	},
};
