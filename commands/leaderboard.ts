import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from "discord.js";
import { readStreakBoard, streakToday } from "../src/core/daily/streaks.js";
import { renderBoard, renderStreakBoard } from "../src/core/render/standings.js";
import { PERIODS, type Period } from "../src/core/scoring/periods.js";
import { loadSettings } from "../src/core/settings.js";
import { BOARD_PAGE_SIZE, readBoardPage } from "../src/core/standings.js";
import type { Command } from "./_command.js";

const PERIOD_NAMES: Record<Period, string> = { all: "all time", week: "this week", month: "this month" };
const STREAK = "streak";

const isPeriod = (value: string | null): value is Period => (PERIODS as readonly (string | null)[]).includes(value);

export const leaderboardCommand: Command = {
	data: new SlashCommandBuilder()
		.setName("leaderboard")
		.setDescription("Show this server's leaderboard")
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
		.addStringOption((option) =>
			option
				.setName("period")
				.setDescription("Which board (default: all time)")
				.addChoices(...PERIODS.map((period) => ({ name: PERIOD_NAMES[period], value: period })), {
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
			const first = (page - 1) * BOARD_PAGE_SIZE;
			await interaction.reply({
				...renderStreakBoard(rows.slice(first), first + 1),
				allowedMentions: { parse: [] },
			});
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
		await interaction.reply({ ...renderBoard(board), allowedMentions: { parse: [] } });
	},
};
