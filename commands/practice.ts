import {
	ApplicationIntegrationType,
	InteractionContextType,
	MessageFlags,
	SlashCommandBuilder,
	TimestampStyles,
	time,
} from "discord.js";
import { searchBanks, searchSections } from "../src/core/catalogue.js";
import type { DojoContext } from "../src/core/context.js";
import { TIME_OF_DAY } from "../src/core/daily/schedule.js";
import { UserFacingError } from "../src/core/errors.js";
import type { PracticeFilter } from "../src/core/practice/queue.js";
import { loadReminder, memberTimeZone, removeReminder, setReminder } from "../src/core/practice/reminders.js";
import { PRACTICE_COUNT, startPractice } from "../src/core/practice/session.js";
import { readPracticeStatus } from "../src/core/practice/status.js";
import { echoInput } from "../src/core/render/echo.js";
import { describeReminder, renderPracticeStatus } from "../src/core/render/practice.js";
import { closeTimeZones, isTimeZone } from "../src/core/time-zones.js";
import type { Command, GuildCommandInteraction } from "../src/discord/command.js";
import { practiceMessage } from "../src/discord/practice-buttons.js";
import { readBankAndSection } from "./_question-filter.js";
import { timeZoneOptionChoices } from "./_time-zone-option.js";

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
	.addSubcommand((sub) =>
		sub
			.setName("remind")
			.setDescription("A direct message at this time on days when you have questions due")
			.addStringOption((option) =>
				option.setName("time").setDescription("HH:MM, 24-hour, e.g. 08:30").setRequired(true).setMaxLength(5),
			)
			.addStringOption((option) =>
				option
					.setName("timezone")
					.setDescription("Your IANA time zone, e.g. Europe/Berlin")
					.setRequired(true)
					.setAutocomplete(true),
			),
	)
	.addSubcommand((sub) => sub.setName("remind-off").setDescription("Stop the practice reminders"))
	.toJSON();

function readFilter(interaction: GuildCommandInteraction, ctx: DojoContext): PracticeFilter {
	const { section, bank } = readBankAndSection(interaction, ctx);
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
		timeZone: await memberTimeZone(ctx, interaction.guildId, interaction.user.id),
	});
	await interaction.reply({ ...practiceMessage(step), flags: MessageFlags.Ephemeral });
	ctx.logger.info(
		{ kind: step.kind, ...(step.kind === "question" ? { questionId: step.question.id } : {}) },
		"practice started",
	);
}

async function status(interaction: GuildCommandInteraction, ctx: DojoContext) {
	const { guildId, user } = interaction;
	const reminder = await loadReminder(ctx, guildId, user.id);
	const practice = await readPracticeStatus(ctx, {
		guildId,
		memberId: user.id,
		timeZone: await memberTimeZone(ctx, guildId, user.id),
	});
	await interaction.reply({
		embeds: [renderPracticeStatus(practice, ctx.bank, describeReminder(reminder))],
		flags: MessageFlags.Ephemeral,
	});
}

async function remind(interaction: GuildCommandInteraction, ctx: DojoContext) {
	const timeOfDay = interaction.options.getString("time", true).trim();
	const timeZone = interaction.options.getString("timezone", true).trim();
	if (!TIME_OF_DAY.test(timeOfDay)) {
		throw new UserFacingError(
			`“${echoInput(timeOfDay)}” is not a time of day. Use HH:MM on a 24-hour clock, such as 08:30 or 19:05.`,
		);
	}
	if (!isTimeZone(timeZone)) {
		throw new UserFacingError(
			`“${echoInput(timeZone)}” is not a time zone I know. Close matches: ${closeTimeZones(timeZone).join(", ")}.`,
		);
	}
	const reminder = { time: timeOfDay, timeZone };
	const next = await setReminder(ctx, interaction.guildId, interaction.user.id, reminder);
	ctx.logger.info({ reminder }, "practice reminder set");
	const at = Math.floor(next / 1000);
	await interaction.reply({
		content: `I'll send you a direct message at ${timeOfDay} (${timeZone}) on days when you have questions due; none on days with nothing due. The first chance is ${time(at, TimestampStyles.LongDateTime)}. Direct messages from this server's members must be allowed for it to reach you. /practice remind-off stops it.`,
		flags: MessageFlags.Ephemeral,
	});
}

async function remindOff(interaction: GuildCommandInteraction, ctx: DojoContext) {
	await removeReminder(ctx, interaction.guildId, interaction.user.id);
	ctx.logger.info({}, "practice reminder off");
	await interaction.reply({
		content: "Practice reminders are off. /practice remind turns them on again.",
		flags: MessageFlags.Ephemeral,
	});
}

export const practiceCommand = {
	data,

	async autocomplete(interaction, ctx) {
		const focused = interaction.options.getFocused(true);
		if (focused.name === "timezone") {
			await interaction.respond(timeZoneOptionChoices(focused.value, ctx.clock.now()));
			return;
		}
		const search = focused.name === "bank" ? searchBanks : searchSections;
		await interaction.respond(search(ctx.bank, focused.value));
	},

	async execute(interaction, ctx) {
		const subcommand = interaction.options.getSubcommand();
		if (subcommand === "start") await start(interaction, ctx);
		else if (subcommand === "status") await status(interaction, ctx);
		else if (subcommand === "remind") await remind(interaction, ctx);
		else await remindOff(interaction, ctx);
	},
} satisfies Command;
