import {
	ApplicationIntegrationType,
	AttachmentBuilder,
	InteractionContextType,
	MessageFlags,
	SlashCommandBuilder,
} from "discord.js";
import { readStreakBoard, streakToday } from "../src/core/daily/streaks.js";
import { readNames } from "../src/core/member-names.js";
import type { Embed } from "../src/core/render/embed.js";
import {
	type BoardCardInput,
	boardCardInput,
	renderBoardCard,
	streakCardInput,
} from "../src/core/render/progress-cards.js";
import { renderBoard, renderStreakBoard } from "../src/core/render/standings.js";
import { PERIOD_CHOICE_NAMES, PERIODS, type Period } from "../src/core/scoring/periods.js";
import { loadSettings } from "../src/core/settings.js";
import { BOARD_PAGE_SIZE, readBoardPage } from "../src/core/standings.js";
import type { Command, GuildCommandInteraction } from "../src/discord/command.js";

const STREAK = "streak";
const CARD_FILE = "leaderboard.png";

type Rendered = { content?: string; embeds?: Embed[] };

/**
 * A board goes to the channel; "nobody is on it" is only for the member who asked. As an image, the
 * embed keeps its title and footer and shows the card instead of the list.
 */
async function reply(interaction: GuildCommandInteraction, rendered: Rendered, card?: () => BoardCardInput) {
	const [embed] = rendered.embeds ?? [];
	if (!embed) {
		await interaction.reply({ ...rendered, allowedMentions: { parse: [] }, flags: MessageFlags.Ephemeral });
		return;
	}
	if (!card) {
		await interaction.reply({ ...rendered, allowedMentions: { parse: [] } });
		return;
	}
	// Rendering can queue behind other renders; the deferral keeps the interaction alive meanwhile.
	await interaction.deferReply();
	const png = await renderBoardCard(card());
	const { description: _list, ...frame } = embed;
	await interaction.editReply({
		...(rendered.content ? { content: rendered.content } : {}),
		embeds: [{ ...frame, image: { url: `attachment://${CARD_FILE}` } }],
		files: [new AttachmentBuilder(png, { name: CARD_FILE, description: embed.title ?? "Leaderboard" })],
		allowedMentions: { parse: [] },
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
		.addBooleanOption((option) =>
			option.setName("image").setDescription("Show the board as an image (names, no avatars)"),
		)
		.toJSON(),

	async execute(interaction, ctx) {
		const periodInput = interaction.options.getString("period");
		const page = interaction.options.getInteger("page") ?? 1;
		const image = interaction.options.getBoolean("image") ?? false;
		const { guildId } = interaction;
		const callerId = interaction.user.id;
		const server = interaction.guild?.name ?? "This server";
		if (periodInput === STREAK) {
			const today = await streakToday(ctx, guildId);
			const rows = await readStreakBoard(ctx, guildId, today, page * BOARD_PAGE_SIZE);
			const size = { requested: page, size: BOARD_PAGE_SIZE };
			const first = (Math.min(page, Math.max(1, Math.ceil(rows.length / BOARD_PAGE_SIZE))) - 1) * BOARD_PAGE_SIZE;
			const onPage = rows.slice(first, first + BOARD_PAGE_SIZE).map((row) => row.memberId);
			const names = image ? await readNames(ctx, guildId, onPage) : new Map();
			await reply(
				interaction,
				renderStreakBoard(rows, size),
				image ? () => streakCardInput(rows, size, names, callerId, server) : undefined,
			);
			return;
		}
		const { timeZone } = await loadSettings(ctx, guildId);
		const board = await readBoardPage(ctx, {
			guildId,
			period: isPeriod(periodInput) ? periodInput : "all",
			page,
			callerId,
			now: ctx.clock.now(),
			timeZone,
		});
		const shown = [...board.rows, ...(board.caller ? [board.caller] : [])].map((row) => row.memberId);
		const names = image ? await readNames(ctx, guildId, shown) : new Map();
		await reply(
			interaction,
			renderBoard(board),
			image ? () => boardCardInput(board, names, callerId, server) : undefined,
		);
	},
} satisfies Command;
