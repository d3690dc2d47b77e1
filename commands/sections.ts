import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { difficultySummary, listBanks, questionsIn } from "../src/core/catalogue.js";
import { EMBED_LIMITS } from "../src/core/render/embed.js";
import type { Command } from "../src/discord/command.js";

/** As many whole lines as fit, then how many were left out: a server may have 25 banks of 25 sections. */
function fitLines(lines: readonly string[], room: number): string {
	const kept: string[] = [];
	for (const [index, line] of lines.entries()) {
		const more = `\n…and ${lines.length - index} more lines; /bank list shows every bank.`;
		if ([...kept, line].join("\n").length + more.length > room) return `${kept.join("\n")}${more}`;
		kept.push(line);
	}
	return kept.join("\n");
}

export const sectionsCommand = {
	data: new SlashCommandBuilder()
		.setName("sections")
		.setDescription("List the question sections and how many questions each has")
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
		.toJSON(),

	async execute(interaction, ctx) {
		const lines = listBanks(ctx.bank).flatMap((bank) => [
			`__${bank.title}__ · \`${bank.id}\``,
			...ctx.bank.sections
				.filter((section) => section.bankId === bank.id)
				.map(
					(section) =>
						`**${section.title}** · \`${section.id}\` · ${questionsIn(ctx.bank, section.id).length} questions (${difficultySummary(ctx.bank, section.id) || "none yet"})`,
				),
		]);
		const tail = "\n\nAsk one with `/question section:<name>`, optionally with a difficulty or a bank.";
		await interaction.reply({
			embeds: [
				{
					title: "Question sections",
					description: `${fitLines(lines, EMBED_LIMITS.description - tail.length)}${tail}`,
					color: 0x5865f2,
					footer: { text: `${ctx.bank.questions.length} questions in all` },
				},
			],
			flags: MessageFlags.Ephemeral,
		});
	},
} satisfies Command;
