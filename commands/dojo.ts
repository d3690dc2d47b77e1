import {
	ActionRowBuilder,
	ApplicationIntegrationType,
	AttachmentBuilder,
	ButtonBuilder,
	ButtonStyle,
	InteractionContextType,
	MessageFlags,
	PermissionFlagsBits,
	SlashCommandBuilder,
	userMention,
} from "discord.js";
import { adjustScore, exportGuild, previewBoardReset, resetBoard } from "../src/core/admin.js";
import type { DojoContext } from "../src/core/context.js";
import { UserFacingError } from "../src/core/errors.js";
import { echoInput } from "../src/core/render/echo.js";
import { periodPhrase } from "../src/core/render/standings.js";
import { PERIOD_CHOICE_NAMES, PERIODS, type Period } from "../src/core/scoring/periods.js";
import { type GuildSettings, loadSettings, MAX_COOLDOWN_SECONDS, type PickMode } from "../src/core/settings.js";
import { changeSettings } from "../src/core/settings-change.js";
import { closeTimeZones, isTimeZone } from "../src/core/time-zones.js";
import type { Command, CommandContext, GuildCommandInteraction } from "../src/discord/command.js";
import { requireManageGuild } from "./_manage-guild.js";
import { timeZoneOptionChoices } from "./_time-zone-option.js";

const CONFIRM_TIMEOUT_MS = 60_000;

const data = new SlashCommandBuilder()
	.setName("dojo")
	.setDescription("Server settings and score management (Manage Server)")
	.setContexts(InteractionContextType.Guild)
	.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
	.addSubcommand((sub) =>
		sub
			.setName("settings")
			.setDescription("View the settings, or change the ones you give")
			.addIntegerOption((option) =>
				option
					.setName("reveal_votes")
					.setDescription("How many members' 💡 reveal a round")
					.setMinValue(1)
					.setMaxValue(50),
			)
			.addIntegerOption((option) =>
				option
					.setName("reveal_after")
					.setDescription("Minutes after posting that a /question round reveals itself")
					.setMinValue(1)
					.setMaxValue(7 * 24 * 60),
			)
			.addBooleanOption((option) =>
				option.setName("self_graded_points").setDescription("Whether self-graded open questions earn points"),
			)
			.addStringOption((option) =>
				option
					.setName("timezone")
					.setDescription("IANA time zone for weeks and months, e.g. Europe/Berlin")
					.setAutocomplete(true),
			)
			.addStringOption((option) =>
				option
					.setName("picks")
					.setDescription("How members pick a choice")
					.addChoices(
						{ name: "letter reactions (default)", value: "reactions" },
						{ name: "buttons, confirmed privately", value: "buttons" },
					),
			)
			.addIntegerOption((option) =>
				option
					.setName("member_cooldown")
					.setDescription("Seconds a member waits between two /question rounds (0: off)")
					.setMinValue(0)
					.setMaxValue(MAX_COOLDOWN_SECONDS),
			)
			.addIntegerOption((option) =>
				option
					.setName("channel_cooldown")
					.setDescription("Seconds between two /question rounds in one channel (0: off)")
					.setMinValue(0)
					.setMaxValue(MAX_COOLDOWN_SECONDS),
			),
	)
	.addSubcommand((sub) =>
		sub
			.setName("adjust")
			.setDescription("Correct a member's score (recorded with your name and reason)")
			.addUserOption((option) => option.setName("member").setDescription("Whose score").setRequired(true))
			.addIntegerOption((option) =>
				option
					.setName("points")
					.setDescription("Points to add (negative to take away)")
					.setRequired(true)
					.setMinValue(-1000)
					.setMaxValue(1000),
			)
			.addStringOption((option) =>
				option.setName("reason").setDescription("Why").setRequired(true).setMinLength(3).setMaxLength(200),
			),
	)
	.addSubcommand((sub) =>
		sub
			.setName("reset-leaderboard")
			.setDescription("Empty a leaderboard (asks for confirmation)")
			.addStringOption((option) =>
				option
					.setName("period")
					.setDescription("Which board")
					.setRequired(true)
					.addChoices(...PERIODS.map((period) => ({ name: PERIOD_CHOICE_NAMES[period], value: period }))),
			),
	)
	.addSubcommand((sub) => sub.setName("export").setDescription("Download the server's scores and stats as JSON"))
	.toJSON();

const PICK_MODE_NAMES: Record<PickMode, string> = {
	reactions: "letter reactions",
	buttons: "buttons, each pick confirmed privately",
};

const counted = (count: number, noun: string) => `**${count}** ${noun}${count === 1 ? "" : "s"}`;
const cooldown = (seconds: number) => (seconds === 0 ? "**off**" : counted(seconds, "second"));

function describeSettings(settings: GuildSettings): string {
	return [
		`Reveal votes: ${counted(settings.revealVotes, "member")}`,
		`Reveal after: ${counted(settings.revealAfterMinutes, "minute")}`,
		`Self-graded points: **${settings.selfGradedPoints ? "on" : "off"}**`,
		`Time zone: **${settings.timeZone}**`,
		`Picks: **${PICK_MODE_NAMES[settings.picks]}**`,
		`/question cooldown per member: ${cooldown(settings.memberCooldownSeconds)}`,
		`/question cooldown per channel: ${cooldown(settings.channelCooldownSeconds)}`,
	].join("\n");
}

async function updateSettings(interaction: GuildCommandInteraction, ctx: DojoContext) {
	const timeZone = interaction.options.getString("timezone")?.trim();
	if (timeZone !== undefined && !isTimeZone(timeZone)) {
		throw new UserFacingError(
			`“${echoInput(timeZone)}” is not a time zone I know. Close matches: ${closeTimeZones(timeZone).join(", ")}. Use an IANA name such as Europe/Berlin.`,
		);
	}
	const given = {
		revealVotes: interaction.options.getInteger("reveal_votes"),
		revealAfterMinutes: interaction.options.getInteger("reveal_after"),
		selfGradedPoints: interaction.options.getBoolean("self_graded_points"),
		timeZone,
		picks: interaction.options.getString("picks") as PickMode | null,
		memberCooldownSeconds: interaction.options.getInteger("member_cooldown"),
		channelCooldownSeconds: interaction.options.getInteger("channel_cooldown"),
	};
	const changes = Object.fromEntries(
		Object.entries(given).filter(([, value]) => value !== null && value !== undefined),
	) as Partial<GuildSettings>;
	const { settings: next, changed } = await changeSettings(ctx, interaction.guildId, changes);
	if (changed) {
		ctx.logger.info({ guildId: interaction.guildId, byId: interaction.user.id, settings: next }, "settings changed");
	}
	await interaction.reply({
		embeds: [
			{
				title: changed ? "Settings saved" : "Settings",
				description: describeSettings(next),
				color: 0x5865f2,
			},
		],
		flags: MessageFlags.Ephemeral,
	});
}

async function adjust(interaction: GuildCommandInteraction, ctx: DojoContext) {
	const member = interaction.options.getUser("member", true);
	const points = interaction.options.getInteger("points", true);
	const reason = interaction.options.getString("reason", true).trim();
	if (points === 0) throw new UserFacingError("An adjustment of 0 points changes nothing.");
	const { timeZone } = await loadSettings(ctx, interaction.guildId);
	const total = await adjustScore(
		ctx,
		{ guildId: interaction.guildId, memberId: member.id, points, reason, byId: interaction.user.id },
		timeZone,
	);
	ctx.logger.info(
		{ guildId: interaction.guildId, memberId: member.id, points, reason, byId: interaction.user.id },
		"score adjusted",
	);
	await interaction.reply({
		content: `${points > 0 ? "Added" : "Took away"} ${Math.abs(points)} points ${points > 0 ? "to" : "from"} ${userMention(member.id)} (now ${total} all time). Reason recorded: ${echoInput(reason, 200)}`,
		allowedMentions: { parse: [] },
		flags: MessageFlags.Ephemeral,
	});
}

async function reset(interaction: GuildCommandInteraction, ctx: CommandContext) {
	const period = interaction.options.getString("period", true) as Period;
	const { bucket, members, timeZone } = await previewBoardReset(ctx, interaction.guildId, period);
	const label = periodPhrase(period, bucket);
	const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder().setCustomId("dojo-reset-confirm").setLabel("Reset").setStyle(ButtonStyle.Danger),
		new ButtonBuilder().setCustomId("dojo-reset-cancel").setLabel("Cancel").setStyle(ButtonStyle.Secondary),
	);
	const answer = ctx.confirmations.waitFor(interaction.id, interaction.user.id, CONFIRM_TIMEOUT_MS);
	await interaction.reply({
		content: `Reset the leaderboard for ${label}? ${members} members lose their place on it. Answers and accuracy are kept. This cannot be undone.`,
		components: [buttons],
		flags: MessageFlags.Ephemeral,
	});
	const choice = await answer;
	if (!choice) {
		await interaction.editReply({ content: "No answer within a minute; nothing was reset.", components: [] });
		return;
	}
	if (choice.customId !== "dojo-reset-confirm") {
		await choice.update({ content: "Cancelled; nothing was reset.", components: [] });
		return;
	}
	await resetBoard(ctx, interaction.guildId, period, timeZone);
	ctx.logger.info({ guildId: interaction.guildId, period, bucket, byId: interaction.user.id }, "leaderboard reset");
	await choice.update({ content: `The leaderboard for ${label} is empty again.`, components: [] });
}

async function exportScores(interaction: GuildCommandInteraction, ctx: DojoContext) {
	// A large server's export can take longer than Discord's 3-second window for the first answer.
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const snapshot = await exportGuild(ctx, interaction.guildId);
	const name = `dojo-export-${interaction.guildId}-${snapshot.exportedAt.slice(0, 10)}.json`;
	await interaction.editReply({
		content: `Scores and stats of ${snapshot.members.length} members. Keep it as a backup.`,
		files: [new AttachmentBuilder(Buffer.from(JSON.stringify(snapshot, null, 2)), { name })],
	});
}

export const dojoCommand = {
	data,

	async autocomplete(interaction, ctx) {
		const typed = interaction.options.getFocused();
		await interaction.respond(timeZoneOptionChoices(typed, ctx.clock.now()));
	},

	async execute(interaction, ctx) {
		requireManageGuild(interaction);
		const subcommand = interaction.options.getSubcommand();
		if (subcommand === "settings") await updateSettings(interaction, ctx);
		else if (subcommand === "adjust") await adjust(interaction, ctx);
		else if (subcommand === "reset-leaderboard") await reset(interaction, ctx);
		else await exportScores(interaction, ctx);
	},
} satisfies Command;
