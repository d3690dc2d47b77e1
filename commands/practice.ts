import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { resolveBank, resolveSection, searchBanks, searchSections } from "../src/core/catalogue.js";
import type { DojoContext } from "../src/core/context.js";
import { UserFacingError } from "../src/core/errors.js";
import type { PracticeFilter } from "../src/core/practice/queue.js";
import { PRACTICE_COUNT, startPractice } from "../src/core/practice/session.js";
import { readPracticeStatus } from "../src/core/practice/status.js";
import { echoInput } from "../src/core/render/echo.js";
import { renderPracticeStatus } from "../src/core/render/practice.js";
import { loadSettings } from "../src/core/settings.js";
import { practiceMessage } from "../src/discord/practice-buttons.js";
import type { Command, GuildCommandInteraction } from "./_command.js";

const data = new SlashCommandBuilder()
	.setName("practice")
	.setDescription("Your own spaced practice of what you missed (only you see it)")
	.setContexts(InteractionContextType.Guild)
	.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
	.addSubcommand((sub) =>
		sub
			.setName("start")
			.setDescription("Practise your due questions, then new ones from your weakest section")
			.addStringOption((option) =>
				option.setName("section").setDescription("Only questions from this section").setAutocomplete(true),
			)
			.addStringOption((option) =>
				option.setName("bank").setDescription("Only questions from this bank").setAutocomplete(true),
			)
			.addIntegerOption((option) =>
				option
					.setName("count")
					.setDescription(`How many questions (default ${PRACTICE_COUNT.default})`)
					.setMinValue(1)
					.setMaxValue(PRACTICE_COUNT.max),
			),
	)
	.addSubcommand((sub) =>
		sub.setName("status").setDescription("What is due, what you have learned, retention per section"),
	)
	.toJSON();

/** The member's zone for "due today": the server's time zone. */
async function memberZone(ctx: DojoContext, guildId: string): Promise<string> {
	return (await loadSettings(ctx, guildId)).timeZone;
}

function readFilter(interaction: GuildCommandInteraction, ctx: DojoContext): PracticeFilter {
	const sectionInput = interaction.options.getString("section");
	const bankInput = interaction.options.getString("bank");
	const section = sectionInput === null ? undefined : resolveSection(ctx.bank, sectionInput);
	if (sectionInput !== null && !section) {
		const known = ctx.bank.sections.map((entry) => `“${entry.title}”`).join(", ");
		throw new UserFacingError(`There is no section called “${echoInput(sectionInput)}”. Sections: ${known}.`);
	}
	const bank = bankInput === null ? undefined : resolveBank(ctx.bank, bankInput);
	if (bankInput !== null && !bank) {
		throw new UserFacingError(`There is no bank called “${echoInput(bankInput)}”. /sections lists the banks.`);
	}
	if (section && bank && section.bankId !== bank.id) {
		throw new UserFacingError(`The section “${section.title}” is not in the bank “${bank.title}”.`);
	}
	return { ...(section ? { section: section.id } : {}), ...(bank ? { bankId: bank.id } : {}) };
}

async function start(interaction: GuildCommandInteraction, ctx: DojoContext) {
	const filter = readFilter(interaction, ctx);
	const step = await startPractice(ctx, {
		askId: interaction.id,
		guildId: interaction.guildId,
		memberId: interaction.user.id,
		filter,
		count: interaction.options.getInteger("count") ?? PRACTICE_COUNT.default,
		timeZone: await memberZone(ctx, interaction.guildId),
	});
	await interaction.reply({ ...practiceMessage(step), flags: MessageFlags.Ephemeral });
	ctx.logger.info(
		{ kind: step.kind, ...(step.kind === "question" ? { questionId: step.question.id } : {}) },
		"practice started",
	);
}

async function status(interaction: GuildCommandInteraction, ctx: DojoContext) {
	const practice = await readPracticeStatus(ctx, {
		guildId: interaction.guildId,
		memberId: interaction.user.id,
		timeZone: await memberZone(ctx, interaction.guildId),
	});
	await interaction.reply({ embeds: [renderPracticeStatus(practice, ctx.bank)], flags: MessageFlags.Ephemeral });
}

export const practiceCommand: Command = {
	data,

	async autocomplete(interaction, ctx) {
		const focused = interaction.options.getFocused(true);
		const search = focused.name === "bank" ? searchBanks : searchSections;
		await interaction.respond(search(ctx.bank, focused.value));
	},

	async execute(interaction, ctx) {
		const subcommand = interaction.options.getSubcommand();
		if (subcommand === "start") await start(interaction, ctx);
		else await status(interaction, ctx);
	},
};
