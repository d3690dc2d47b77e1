import {
	ApplicationIntegrationType,
	ChannelType,
	channelMention,
	InteractionContextType,
	MessageFlags,
	PermissionFlagsBits,
	SlashCommandBuilder,
	TimestampStyles,
	time,
} from "discord.js";
import { searchBanks, searchSections } from "../src/core/catalogue.js";
import type { DojoContext } from "../src/core/context.js";
import { type DailyConfig, type DailyStatus, readDailyStatus, removeDailyConfig } from "../src/core/daily/config.js";
import { postDailyNow, turnOnDaily } from "../src/core/daily/runner.js";
import { TIME_OF_DAY } from "../src/core/daily/schedule.js";
import { UserFacingError } from "../src/core/errors.js";
import { echoInput } from "../src/core/render/echo.js";
import { closeTimeZones, isTimeZone } from "../src/core/time-zones.js";
import {
	canManageMessages,
	missingRoundPermissionsIn,
	missingThreadPermissionsIn,
} from "../src/discord/channel-permissions.js";
import type { Command, CommandContext, GuildCommandInteraction } from "../src/discord/command.js";
import { requireManageGuild } from "./_manage-guild.js";
import { bankFilterOption, difficultyOption, readQuestionFilter, sectionOption } from "./_question-filter.js";
import { timeZoneOptionChoices } from "./_time-zone-option.js";

const data = new SlashCommandBuilder()
	.setName("daily")
	.setDescription("The question of the day (Manage Server)")
	.setContexts(InteractionContextType.Guild)
	.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
	.addSubcommand((sub) =>
		sub
			.setName("set")
			.setDescription("Post a question every day at a time in a time zone")
			.addChannelOption((option) =>
				option
					.setName("channel")
					.setDescription("Where to post")
					.setRequired(true)
					.addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
			)
			.addStringOption((option) =>
				option.setName("time").setDescription("HH:MM, 24-hour, e.g. 08:30").setRequired(true).setMaxLength(5),
			)
			.addStringOption((option) =>
				option
					.setName("timezone")
					.setDescription("Time zone or city, e.g. Asia/Kolkata (default: the server's, /dojo settings)")
					.setAutocomplete(true),
			)
			.addStringOption(sectionOption)
			.addStringOption(difficultyOption)
			.addStringOption(bankFilterOption)
			.addIntegerOption((option) =>
				option
					.setName("reveal_after")
					.setDescription("Hours until the answer is revealed (default 12)")
					.setMinValue(1)
					.setMaxValue(72),
			)
			.addRoleOption((option) => option.setName("role").setDescription("A role to mention with each daily"))
			.addBooleanOption((option) =>
				option
					.setName("thread")
					.setDescription("Open a discussion thread under each daily, archived after a day (default off)"),
			),
	)
	.addSubcommand((sub) => sub.setName("off").setDescription("Stop the question of the day"))
	.addSubcommand((sub) => sub.setName("status").setDescription("Show the daily's settings, next post and last problem"))
	.addSubcommand((sub) =>
		sub.setName("now").setDescription("Post the daily now (it counts as today's if today's has not gone out)"),
	)
	.toJSON();

/** Which zone each thing follows, said plainly when the daily has a zone of its own. */
function zoneLine(config: DailyConfig, serverTimeZone: string): string {
	return config.timeZone && config.timeZone !== serverTimeZone
		? `Time zones: the daily follows **${config.timeZone}**; boards (weeks, months) and streaks follow the server's **${serverTimeZone}** (/dojo settings timezone).`
		: `Time zone: the server's **${serverTimeZone}**, for the daily, boards and streaks (/dojo settings timezone).`;
}

const NO_DAILY = "There is no question of the day here yet. Set one up with /daily set.";

function describeConfig(ctx: DojoContext, config: DailyConfig, serverTimeZone: string): string {
	const filters = [
		config.bank ? `bank ${ctx.bank.banks.find((entry) => entry.id === config.bank)?.title ?? config.bank}` : undefined,
		config.section ? (ctx.bank.section(config.section)?.title ?? config.section) : undefined,
		config.difficulty,
	].filter(Boolean);
	return [
		`Channel: ${channelMention(config.channelId)}`,
		`Time: **${config.time}** (${config.timeZone ?? serverTimeZone})`,
		zoneLine(config, serverTimeZone),
		`Questions: ${filters.length > 0 ? filters.join(", ") : "any"}`,
		`Answer revealed after: ${config.revealAfterHours} h`,
		...(config.roleId ? [`Mentions: <@&${config.roleId}>`] : []),
		`Discussion thread: ${config.thread ? "on, archived after a day without messages" : "off"}`,
	].join("\n");
}

/** Said when dailies should open threads but the bot may not: the daily still goes out, without one. */
function threadWarning(interaction: GuildCommandInteraction, config: DailyConfig): string | undefined {
	if (!config.thread) return undefined;
	const missing = missingThreadPermissionsIn(interaction.client, config.channelId);
	if (missing.length === 0) return undefined;
	return `I'm missing ${missing.join(", ")} in ${channelMention(config.channelId)}, so dailies go out without their discussion thread until a server admin grants ${missing.length === 1 ? "it" : "them"} to my role.`;
}

async function set(interaction: GuildCommandInteraction, ctx: DojoContext) {
	const channel = interaction.options.getChannel("channel", true);
	const timeOfDay = interaction.options.getString("time", true).trim();
	const timeZone = interaction.options.getString("timezone")?.trim() || undefined;
	if (!TIME_OF_DAY.test(timeOfDay)) {
		throw new UserFacingError(
			`“${echoInput(timeOfDay)}” is not a time of day. Use HH:MM on a 24-hour clock, such as 08:30 or 19:05.`,
		);
	}
	if (timeZone !== undefined && !isTimeZone(timeZone)) {
		throw new UserFacingError(
			`“${echoInput(timeZone)}” is not a time zone I know. Close matches: ${closeTimeZones(timeZone).join(", ")}.`,
		);
	}
	const { filter } = readQuestionFilter(interaction, ctx);
	const missing = missingRoundPermissionsIn(interaction.client, channel.id);
	if (missing.length > 0) {
		throw new UserFacingError(
			`I can't post the daily in ${channelMention(channel.id)}: I'm missing ${missing.join(", ")} there. Grant them to my role in that channel and run /daily set again.`,
		);
	}
	const config: DailyConfig = {
		channelId: channel.id,
		time: timeOfDay,
		...(timeZone ? { timeZone } : {}),
		revealAfterHours: interaction.options.getInteger("reveal_after") ?? 12,
		...filter,
		...(interaction.options.getRole("role") ? { roleId: interaction.options.getRole("role", true).id } : {}),
		thread: interaction.options.getBoolean("thread") ?? false,
	};
	const { next, serverTimeZone } = await turnOnDaily(ctx, interaction.guildId, config);
	ctx.logger.info({ guildId: interaction.guildId, byId: interaction.user.id, daily: config }, "daily set");
	const warning = threadWarning(interaction, config);
	const hint = [
		...(warning ? [warning] : []),
		...(canManageMessages(interaction.client, channel.id)
			? []
			: ["Tip: give me Manage Messages there to hide members' picks until the reveal."]),
	]
		.map((line) => `\n\n${line}`)
		.join("");
	await interaction.reply({
		embeds: [
			{
				title: "Question of the day is on",
				description: `${describeConfig(ctx, config, serverTimeZone)}\nNext: ${time(Math.floor(next / 1000), TimestampStyles.LongDateTime)} (${time(Math.floor(next / 1000), TimestampStyles.RelativeTime)})${hint}`,
				color: 0x57f287,
			},
		],
		flags: MessageFlags.Ephemeral,
	});
}

function describeStatus(ctx: DojoContext, status: DailyStatus, threadWarningNow?: string): string {
	const { state, nextAt } = status;
	return [
		describeConfig(ctx, status.config, status.serverTimeZone),
		nextAt === undefined
			? "Next: not scheduled"
			: `Next: ${time(Math.floor(nextAt / 1000), TimestampStyles.LongDateTime)}`,
		state.lastPost
			? `Last post: ${state.lastPost.date} (${time(Math.floor(state.lastPost.at / 1000), TimestampStyles.RelativeTime)})`
			: "Last post: none yet",
		...(state.lastProblem && (!state.lastPost || state.lastProblem.at > state.lastPost.at)
			? [`Last problem (${state.lastProblem.date}): ${state.lastProblem.problem}`]
			: []),
		...(state.lastPost?.threadProblem
			? [`Last thread problem (${state.lastPost.date}): ${state.lastPost.threadProblem}`]
			: []),
		...(threadWarningNow ? [`Now: ${threadWarningNow}`] : []),
	].join("\n");
}

async function status(interaction: GuildCommandInteraction, ctx: DojoContext) {
	const daily = await readDailyStatus(ctx, interaction.guildId);
	if (!daily) {
		await interaction.reply({ content: NO_DAILY, flags: MessageFlags.Ephemeral });
		return;
	}
	await interaction.reply({
		embeds: [
			{
				title: "Question of the day",
				description: describeStatus(ctx, daily, threadWarning(interaction, daily.config)),
				color: 0x5865f2,
			},
		],
		flags: MessageFlags.Ephemeral,
	});
}

async function postNow(interaction: GuildCommandInteraction, ctx: CommandContext) {
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const outcome = await postDailyNow(ctx, ctx.postDaily, interaction.guildId);
	if (outcome.kind === "no-daily") {
		await interaction.editReply(NO_DAILY);
		return;
	}
	const { config, countsAsToday, post } = outcome;
	await interaction.editReply(
		post.ok
			? `Posted in ${channelMention(config.channelId)}${countsAsToday ? " as today's question" : "; today's had already gone out, so this one is extra"}.${post.threadProblem ? ` It has no discussion thread: ${post.threadProblem}.` : ""}`
			: `I couldn't post the daily: ${post.problem}.`,
	);
}

export const dailyCommand = {
	data,

	async autocomplete(interaction, ctx) {
		const focused = interaction.options.getFocused(true);
		if (focused.name === "section") await interaction.respond(searchSections(ctx.bank, focused.value));
		else if (focused.name === "bank") await interaction.respond(searchBanks(ctx.bank, focused.value));
		else await interaction.respond(timeZoneOptionChoices(focused.value, ctx.clock.now()));
	},

	async execute(interaction, ctx) {
		requireManageGuild(interaction);
		const subcommand = interaction.options.getSubcommand();
		if (subcommand === "set") await set(interaction, ctx);
		else if (subcommand === "status") await status(interaction, ctx);
		else if (subcommand === "now") await postNow(interaction, ctx);
		else {
			await removeDailyConfig(ctx, interaction.guildId);
			ctx.logger.info({ guildId: interaction.guildId, byId: interaction.user.id }, "daily off");
			await interaction.reply({
				content: "The question of the day is off. /daily set turns it on again.",
				flags: MessageFlags.Ephemeral,
			});
		}
	},
} satisfies Command;
