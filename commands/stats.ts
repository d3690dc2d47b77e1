import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { liveStreak, readStreak, streakToday } from "../src/core/daily/streaks.js";
import { renderStats } from "../src/core/render/standings.js";
import { loadSettings } from "../src/core/settings.js";
import { readMemberStats } from "../src/core/standings.js";
import type { Command } from "../src/discord/command.js";

export const statsCommand = {
	data: new SlashCommandBuilder()
		.setName("stats")
		.setDescription("Points, rank and accuracy for you or another member")
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
		.addUserOption((option) => option.setName("member").setDescription("Whose stats (default: yours)"))
		.toJSON(),

	async execute(interaction, ctx) {
		const memberId = interaction.options.getUser("member")?.id ?? interaction.user.id;
		const { timeZone } = await loadSettings(ctx, interaction.guildId);
		const stats = await readMemberStats(ctx, {
			guildId: interaction.guildId,
			memberId,
			now: ctx.clock.now(),
			timeZone,
		});
		const [streak, today] = await Promise.all([
			readStreak(ctx, interaction.guildId, memberId),
			streakToday(ctx, interaction.guildId),
		]);
		await interaction.reply({
			embeds: [renderStats(stats, memberId, ctx.bank, { current: liveStreak(streak, today), best: streak?.best ?? 0 })],
			allowedMentions: { parse: [] },
			flags: MessageFlags.Ephemeral,
		});
	},
} satisfies Command;
