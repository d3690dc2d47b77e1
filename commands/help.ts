import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { readSettingsAndDailyZone } from "../src/core/daily/config.js";
import { CHOICE_EMOJI, GRADE_EMOJI, REVEAL_EMOJI } from "../src/core/emoji.js";
import type { GuildSettings } from "../src/core/settings.js";
import type { Command } from "../src/discord/command.js";

const zonesLine = (settings: GuildSettings, dailyTimeZone?: string) =>
	dailyTimeZone
		? `**Time zones:** weeks, months and daily streaks follow the server's ${settings.timeZone}; the question of the day goes out on ${dailyTimeZone} time.`
		: `**Time zone:** weeks, months, daily streaks and the question of the day follow ${settings.timeZone}.`;

const howToPlay = (settings: GuildSettings, dailyTimeZone?: string) =>
	[
		"**/question** posts an interview question in this channel. Narrow it with `section` (start typing to see the list) and `difficulty`, or re-ask one with `id`.",
		settings.picks === "buttons"
			? `**Pick** with the buttons (${CHOICE_EMOJI.join(" ")}) under a multiple-choice question. Your first pick locks, and I confirm it to you alone ("You picked …"); nobody else sees it until the reveal.`
			: `**Pick** a letter (${CHOICE_EMOJI.join(" ")}) on a multiple-choice question. Your first pick locks. Where I may manage messages I take your letter off once your pick is stored: your letter disappearing, and the footer's "locked in" count going up, is how you know it counted. Where I can't, letters stay visible.`,
		`**Reveal** with ${REVEAL_EMOJI}: from the member who asked, anyone who can manage messages, or ${settings.revealVotes} members. A round also reveals itself ${settings.revealAfterMinutes} minutes after it was posted.`,
		`**Points:** a right pick earns 1, 2 or 3 for easy, medium or advanced, and the first right pick earns 1 more. Open questions are self-graded after the reveal: ${GRADE_EMOJI["got-it"]} full points, ${GRADE_EMOJI.partly} half, ${GRADE_EMOJI.missed} none.`,
		"**/leaderboard** shows the board for all time, this week or this month; **/stats** your points, rank and best sections; **/review** the questions to practise again.",
		"**/practice start** asks you, privately, the questions you missed when you are about to forget them (spaced repetition), then new ones from your weakest section; answers there never change the boards. **/practice status** shows what is due, and **/practice remind** sends you a direct message on days when questions are due.",
		"**/mock start** opens a mock interview in a thread: 2 to 8 members join, then take turns as candidate and interviewer. The interviewer alone sees the answer sheet, grades with Strong / Partly / Missed and may add a note; the recap at the end says what to practise next. Grades count for your accuracy, not for points.",
		"**Your own questions:** **/bank list** shows this server's banks; **/suggest** proposes a question for the moderators to review. Server admins import a YAML or JSON bank with **/bank import**, turn banks on and off, export them to edit, and review suggestions with **/bank review**.",
		"**Question of the day:** a server admin sets one up with /daily set; answering it on consecutive days builds a streak (see /stats, and /leaderboard with period “daily streaks”).",
		...(settings.memberCooldownSeconds > 0 || settings.channelCooldownSeconds > 0
			? [
					`**Pace:** this server allows a /question round ${[
						settings.memberCooldownSeconds > 0 ? `every ${settings.memberCooldownSeconds} s per member` : "",
						settings.channelCooldownSeconds > 0 ? `every ${settings.channelCooldownSeconds} s per channel` : "",
					]
						.filter(Boolean)
						.join(" and ")}.`,
				]
			: []),
		zonesLine(settings, dailyTimeZone),
		"**No repeats:** in this server a question comes back only once every question matching the same filters has been asked.",
	].join("\n\n");

export const helpCommand = {
	data: new SlashCommandBuilder()
		.setName("help")
		.setDescription("How to practise interviews with Interview Dojo")
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
		.toJSON(),

	async execute(interaction, ctx) {
		const { settings, dailyTimeZone } = await readSettingsAndDailyZone(ctx, interaction.guildId);
		await interaction.reply({
			embeds: [{ title: "How Interview Dojo works", description: howToPlay(settings, dailyTimeZone), color: 0x5865f2 }],
			flags: MessageFlags.Ephemeral,
		});
	},
} satisfies Command;
