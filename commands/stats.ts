import {
	ApplicationIntegrationType,
	AttachmentBuilder,
	InteractionContextType,
	MessageFlags,
	SlashCommandBuilder,
} from "discord.js";
import { liveStreak, readStreak, streakToday } from "../src/core/daily/streaks.js";
import { memberTimeZone } from "../src/core/practice/reminders.js";
import { countDueCards } from "../src/core/practice/status.js";
import { renderStatsCard } from "../src/core/render/progress-cards.js";
import { renderStats } from "../src/core/render/standings.js";
import { loadSettings } from "../src/core/settings.js";
import { readMemberStats } from "../src/core/standings.js";
import type { Command } from "../src/discord/command.js";
import { displayName } from "../src/discord/member-names.js";

const CARD_FILE = "stats.png";

export const statsCommand = {
	data: new SlashCommandBuilder()
		.setName("stats")
		.setDescription("Points, rank and accuracy for you or another member")
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
		.addUserOption((option) => option.setName("member").setDescription("Whose stats (default: yours)"))
		.toJSON(),

	async execute(interaction, ctx) {
		const other = interaction.options.getUser("member");
		const user = other ?? interaction.user;
		const member = other ? interaction.options.getMember("member") : interaction.member;
		const { guildId } = interaction;
		const now = ctx.clock.now();
		const [{ timeZone }, practiceZone] = await Promise.all([
			loadSettings(ctx, guildId),
			memberTimeZone(ctx, guildId, user.id),
		]);
		const [stats, streak, today, cardsDue] = await Promise.all([
			readMemberStats(ctx, { guildId, memberId: user.id, now, timeZone }),
			readStreak(ctx, guildId, user.id),
			streakToday(ctx, guildId),
			countDueCards(ctx, { guildId, memberId: user.id, now, timeZone: practiceZone }),
		]);
		const streaks = { current: liveStreak(streak, today), best: streak?.best ?? 0 };
		const embed = renderStats(stats, user.id, ctx.bank, streaks);
		// The text goes out first, well inside Discord's 3 seconds even when a burst of renders queues up;
		// the card follows as an edit of the same private reply.
		await interaction.reply({ embeds: [embed], allowedMentions: { parse: [] }, flags: MessageFlags.Ephemeral });
		const card = await renderStatsCard({
			name: displayName(user, member),
			server: interaction.guild?.name ?? "This server",
			stats,
			streak: streaks,
			cardsDue,
			bank: ctx.bank,
		});
		await interaction.editReply({
			embeds: [{ ...embed, image: { url: `attachment://${CARD_FILE}` } }],
			files: [new AttachmentBuilder(card, { name: CARD_FILE, description: "Progress card" })],
		});
	},
} satisfies Command;
