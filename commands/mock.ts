import {
	ApplicationIntegrationType,
	channelMention,
	InteractionContextType,
	MessageFlags,
	SlashCommandBuilder,
} from "discord.js";
import { explainNoMatch, searchBanks, searchSections } from "../src/core/catalogue.js";
import type { DojoContext } from "../src/core/context.js";
import { localDate } from "../src/core/daily/schedule.js";
import { UserFacingError } from "../src/core/errors.js";
import { mockCandidates } from "../src/core/mock/questions.js";
import { findMockSession, MOCK_LIMITS, type MockSession, openMocksIn } from "../src/core/mock/session.js";
import { mockSubject, mockTitle } from "../src/core/render/mock.js";
import { loadSettings } from "../src/core/settings.js";
import { MOCK_PERMISSIONS, missingFrom } from "../src/discord/channel-permissions.js";
import type { Command, GuildCommandInteraction } from "../src/discord/command.js";
import { moderatesMocks } from "../src/discord/mock-clicks.js";
import { openMockLobby } from "../src/discord/mock-lobby.js";
import { stopMock } from "../src/discord/mock-runner.js";
import { bankFilterOption, difficultyOption, readQuestionFilter, sectionOption } from "./_question-filter.js";

const { questions, minutes } = MOCK_LIMITS;

const data = new SlashCommandBuilder()
	.setName("mock")
	.setDescription("Mock interviews in a thread: members take turns as candidate and interviewer")
	.setContexts(InteractionContextType.Guild)
	.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
	.addSubcommand((sub) =>
		sub
			.setName("start")
			.setDescription("Open a mock interview in a thread; members join, then you start it")
			.addStringOption(sectionOption)
			.addStringOption(bankFilterOption)
			.addStringOption(difficultyOption)
			.addIntegerOption((option) =>
				option
					.setName("questions")
					.setDescription(`How many questions (${questions.min} to ${questions.max}, default ${questions.default})`)
					.setMinValue(questions.min)
					.setMaxValue(questions.max),
			)
			.addIntegerOption((option) =>
				option
					.setName("minutes")
					.setDescription(`Minutes per question (${minutes.min} to ${minutes.max}, default ${minutes.default})`)
					.setMinValue(minutes.min)
					.setMaxValue(minutes.max),
			),
	)
	.addSubcommand((sub) =>
		sub.setName("stop").setDescription("End the mock interview now, with its recap (its starter or a moderator)"),
	)
	.toJSON();

async function start(interaction: GuildCommandInteraction, ctx: DojoContext) {
	if (interaction.channel?.isThread()) {
		throw new UserFacingError("Run /mock start in a text channel: the interview opens a thread of its own there.");
	}
	const { filter, section, bank } = readQuestionFilter(interaction, ctx);
	if (mockCandidates(ctx.bank, filter).length === 0) {
		const onlyBank = bank ? ` I looked only in the ${bank.title} bank.` : "";
		throw new UserFacingError(`${explainNoMatch(ctx.bank, filter, section?.title)}${onlyBank}`);
	}
	const missing = missingFrom(interaction.appPermissions, MOCK_PERMISSIONS);
	if (missing.length > 0) {
		throw new UserFacingError(
			`I can't run a mock interview in ${channelMention(interaction.channelId)}: I'm missing ${missing.join(", ")} there. ` +
				"A mock interview runs in a thread of its own; ask a server admin to grant these to my role in this channel.",
		);
	}
	const { timeZone } = await loadSettings(ctx, interaction.guildId);
	const title = mockTitle(mockSubject(ctx.bank, filter), localDate(ctx.clock.now(), timeZone));
	const sessionId = await openMockLobby(ctx, interaction, {
		guildId: interaction.guildId,
		channelId: interaction.channelId,
		starterId: interaction.user.id,
		title,
		filter: filter,
		questionCount: interaction.options.getInteger("questions") ?? questions.default,
		minutes: interaction.options.getInteger("minutes") ?? minutes.default,
	});
	ctx.logger.info({ sessionId, filter: filter }, "mock interview opened");
}

/** The session /mock stop means: the thread it is run in, or the one running from this channel. */
async function sessionToStop(interaction: GuildCommandInteraction, ctx: DojoContext): Promise<MockSession> {
	// A session's id is its thread's.
	const here = await findMockSession(ctx, interaction.channelId);
	if (here) return here;
	if (interaction.channel?.isThread()) throw new UserFacingError("This thread is not a mock interview.");
	const open = await openMocksIn(ctx, interaction.guildId, interaction.channelId);
	const mine = open.filter((entry) => entry.starterId === interaction.user.id);
	const candidates = mine.length > 0 ? mine : open;
	if (candidates.length === 0) throw new UserFacingError("No mock interview is running from this channel.");
	if (candidates.length > 1) {
		throw new UserFacingError(
			`${candidates.length} mock interviews are running from this channel: run /mock stop inside the thread of the one to stop.`,
		);
	}
	const session = await findMockSession(ctx, candidates[0]?.id ?? "");
	if (!session) throw new UserFacingError("No mock interview is running from this channel.");
	return session;
}

async function stop(interaction: GuildCommandInteraction, ctx: DojoContext) {
	const session = await sessionToStop(interaction, ctx);
	if (session.state === "finished") throw new UserFacingError("This mock interview is over already.");
	if (session.starterId !== interaction.user.id && !moderatesMocks(interaction.memberPermissions)) {
		throw new UserFacingError(
			`Only <@${session.starterId}>, who opened it, or a moderator can stop this mock interview.`,
		);
	}
	await interaction.reply({
		content: "Stopping the mock interview: its recap follows in the thread.",
		flags: MessageFlags.Ephemeral,
	});
	if (await stopMock(ctx, interaction.client, session.id, interaction.user.id)) {
		ctx.logger.info({ sessionId: session.id }, "mock interview stopped");
	}
}

export const mockCommand = {
	data,

	async autocomplete(interaction, ctx) {
		const focused = interaction.options.getFocused(true);
		const search = focused.name === "bank" ? searchBanks : searchSections;
		await interaction.respond(search(ctx.bank, focused.value));
	},

	async execute(interaction, ctx) {
		if (interaction.options.getSubcommand() === "start") await start(interaction, ctx);
		else await stop(interaction, ctx);
	},
} satisfies Command;
