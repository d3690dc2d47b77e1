import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { readStreakBoard, streakToday } from "../src/core/daily/streaks.js";
import type { Embed } from "../src/core/render/embed.js";
import { renderBoard, renderStreakBoard } from "../src/core/render/standings.js";
import { PERIOD_CHOICE_NAMES, PERIODS, type Period } from "../src/core/scoring/periods.js";
import { loadSettings } from "../src/core/settings.js";
import { BOARD_PAGE_SIZE, readBoardPage } from "../src/core/standings.js";
import type { Command, GuildCommandInteraction } from "../src/discord/command.js";

const STREAK = "streak";

/** A board goes to the channel; "nobody is on it" is only for the member who asked. */
async function reply(interaction: GuildCommandInteraction, rendered: { content?: string; embeds?: Embed[] }) {
	await interaction.reply({
		...rendered,
		allowedMentions: { parse: [] },
		...(rendered.embeds ? {} : { flags: MessageFlags.Ephemeral }),
	});
}

const isPeriod = (value: string | null): value is Period => (PERIODS as readonly (string | null)[]).includes(value);

export const leaderboardCommand = {
	data: new SlashCommandBuilder()
		.setName("leaderboard")
		.setDescription("Show this server's leaderboard")
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
		.addStringOption((option) =>
			option
				.setName("period")
				.setDescription("Which board (default: all time)")
				.addChoices(...PERIODS.map((period) => ({ name: PERIOD_CHOICE_NAMES[period], value: period })), {
					name: "daily streaks",
					value: STREAK,
				}),
		)
		.addIntegerOption((option) =>
			option.setName("page").setDescription("Page number (ten members a page)").setMinValue(1).setMaxValue(100_000),
		)
		.toJSON(),

	async execute(interaction, ctx) {
		const periodInput = interaction.options.getString("period");
		const page = interaction.options.getInteger("page") ?? 1;
		if (periodInput === STREAK) {
			const today = await streakToday(ctx, interaction.guildId);
			const rows = await readStreakBoard(ctx, interaction.guildId, today, page * BOARD_PAGE_SIZE);
			await reply(interaction, renderStreakBoard(rows, { requested: page, size: BOARD_PAGE_SIZE }));
			return;
		}
		const { timeZone } = await loadSettings(ctx, interaction.guildId);
		const board = await readBoardPage(ctx, {
			guildId: interaction.guildId,
			period: isPeriod(periodInput) ? periodInput : "all",
			page,
			callerId: interaction.user.id,
			now: ctx.clock.now(),
			timeZone,
		});
		await reply(interaction, renderBoard(board));
	},
} satisfies Command;
