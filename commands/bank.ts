import {
	ActionRowBuilder,
	ApplicationIntegrationType,
	AttachmentBuilder,
	ButtonBuilder,
	ButtonStyle,
	InteractionContextType,
	MessageFlags,
	SlashCommandBuilder,
	type SlashCommandStringOption,
} from "discord.js";
import type { BankSummary } from "../src/core/bank/bank.js";
import { importServerBank } from "../src/core/bank/import.js";
import { exportBank, findRemovableBank, removeServerBank, setBankEnabled } from "../src/core/bank/manage.js";
import { resolveBank, searchBanks } from "../src/core/catalogue.js";
import { UserFacingError } from "../src/core/errors.js";
import { renderBankList, renderImportOutcome } from "../src/core/render/banks.js";
import { echoInput } from "../src/core/render/echo.js";
import { nextSuggestion } from "../src/core/suggestions.js";
import { readAttachedBank, refuseNonBank } from "../src/discord/bank-upload.js";
import type { Command, CommandContext, GuildCommandInteraction } from "../src/discord/command.js";
import { CONFIRM_IDS } from "../src/discord/confirmations.js";
import { reviewBody } from "../src/discord/suggestion-review.js";
import { requireManageGuild } from "./_manage-guild.js";

const CONFIRM_TIMEOUT_MS = 60_000;
const NO_PINGS = { parse: [] };

const bankOption =
	(description: string, required = true) =>
	(option: SlashCommandStringOption) =>
		option.setName("bank").setDescription(description).setRequired(required).setAutocomplete(true);

const data = new SlashCommandBuilder()
	.setName("bank")
	.setDescription("This server's question banks: list, import, export, turn on and off")
	.setContexts(InteractionContextType.Guild)
	.setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
	.addSubcommand((sub) =>
		sub
			.setName("import")
			.setDescription("Add or update a bank from a YAML or JSON file (Manage Server)")
			.addAttachmentOption((option) =>
				option.setName("file").setDescription("The bank file, as npm run bank:check reads it").setRequired(true),
			)
			.addBooleanOption((option) =>
				option.setName("replace").setDescription("Update the bank of the same id in place"),
			),
	)
	.addSubcommand((sub) =>
		sub.setName("list").setDescription("The banks this server uses and how many questions each has"),
	)
	.addSubcommand((sub) =>
		sub
			.setName("enable")
			.setDescription("Turn a bank on for this server (Manage Server)")
			.addStringOption(bankOption("The bank to turn on")),
	)
	.addSubcommand((sub) =>
		sub
			.setName("disable")
			.setDescription("Turn a bank off for this server; its history stays (Manage Server)")
			.addStringOption(bankOption("The bank to turn off")),
	)
	.addSubcommand((sub) =>
		sub
			.setName("export")
			.setDescription("Download a bank as YAML, to edit and import back (Manage Server)")
			.addStringOption(bankOption("The bank to export")),
	)
	.addSubcommand((sub) =>
		sub
			.setName("remove")
			.setDescription("Remove one of this server's own banks, after a confirmation (Manage Server)")
			.addStringOption(bankOption("The bank to remove")),
	)
	.addSubcommand((sub) =>
		sub
			.setName("review")
			.setDescription("Review members' suggested questions (Manage Server)")
			.addStringOption(bankOption("The server's bank approved questions go into", false)),
	)
	.toJSON();

/** The bank a subcommand names, among the server's banks (enabled or not): a title typed by hand works too. */
function namedBank(interaction: GuildCommandInteraction, ctx: CommandContext, among = ctx.bank.banks): BankSummary {
	const typed = interaction.options.getString("bank", true);
	const bank = resolveBank(ctx.bank, typed, among);
	if (!bank) {
		const known = among.map((entry) => `\`${entry.id}\``).join(", ") || "none";
		throw new UserFacingError(`There is no bank called “${echoInput(typed)}” here. Banks: ${known}.`);
	}
	return bank;
}

async function importBank(interaction: GuildCommandInteraction, ctx: CommandContext) {
	const attachment = interaction.options.getAttachment("file", true);
	refuseNonBank(attachment);
	// Downloading and checking a large file can take longer than Discord's 3 seconds for a first answer.
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const started = ctx.clock.now();
	const text = await readAttachedBank(attachment);
	const outcome = await importServerBank(ctx, {
		guildId: interaction.guildId,
		memberId: interaction.user.id,
		fileName: attachment.name,
		text,
		replace: interaction.options.getBoolean("replace") ?? false,
	});
	ctx.logger.info(
		{
			outcome: outcome.kind,
			bytes: Buffer.byteLength(text),
			durationMs: ctx.clock.now() - started,
			...(outcome.kind === "invalid" ? { problems: outcome.problems.length } : {}),
			...(outcome.kind === "imported"
				? { bankId: outcome.bank.id, questions: outcome.bank.questions, added: outcome.added.length }
				: {}),
		},
		"bank import",
	);
	const reply = renderImportOutcome(outcome, attachment.name);
	await interaction.editReply({
		content: reply.content,
		allowedMentions: NO_PINGS,
		...(reply.file ? { files: [new AttachmentBuilder(Buffer.from(reply.file.text), { name: reply.file.name })] } : {}),
	});
}

async function toggle(interaction: GuildCommandInteraction, ctx: CommandContext, enabled: boolean) {
	const bank = namedBank(interaction, ctx);
	const outcome = await setBankEnabled(ctx, interaction.guildId, bank.id, enabled);
	const messages: Record<typeof outcome.kind, string> = {
		unknown: `There is no bank \`${bank.id}\` here any more.`,
		unchanged: `**${bank.title}** is already ${enabled ? "enabled" : "disabled"} here.`,
		"last-enabled": `**${bank.title}** is the last enabled bank with questions; turning it off would leave /question nothing to ask. Enable or import another bank first.`,
		changed: enabled
			? `**${bank.title}** is enabled: /question, /daily, /sections and autocomplete offer its ${bank.questions} questions again.`
			: `**${bank.title}** is disabled: /question, /daily, /sections and autocomplete leave it out. Its history and scores stay; \`/bank enable\` brings it back.`,
	};
	if (outcome.kind === "changed") {
		ctx.logger.info({ bankId: bank.id, enabled, byId: interaction.user.id }, "bank toggled");
	}
	await interaction.reply({
		content: messages[outcome.kind],
		flags: MessageFlags.Ephemeral,
		allowedMentions: NO_PINGS,
	});
}

async function exportOne(interaction: GuildCommandInteraction, ctx: CommandContext) {
	const bank = namedBank(interaction, ctx);
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const exported = await exportBank(ctx, interaction.guildId, bank.id);
	if (!exported) throw new UserFacingError(`The bank \`${bank.id}\` could not be read; try again in a minute.`);
	await interaction.editReply({
		content: `**${exported.bank.title}**: ${exported.bank.questions} questions in the bank format. Edit it, check it with \`npm run bank:check\`, and bring it back with \`/bank import\`${exported.bank.origin === "server" ? " and `replace: True`" : " (give it an id of its own first: built-in ids are taken)"}.`,
		allowedMentions: NO_PINGS,
		files: [new AttachmentBuilder(Buffer.from(exported.yaml), { name: exported.fileName })],
	});
}

async function remove(interaction: GuildCommandInteraction, ctx: CommandContext) {
	const bank = namedBank(interaction, ctx);
	const found = await findRemovableBank(ctx, interaction.guildId, bank.id);
	if (found.kind === "built-in") {
		throw new UserFacingError(
			`**${bank.title}** is built in and cannot be removed; \`/bank disable\` turns it off for this server.`,
		);
	}
	if (found.kind === "unknown") throw new UserFacingError(`There is no bank \`${bank.id}\` here any more.`);
	const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder().setCustomId(CONFIRM_IDS.yes).setLabel("Remove").setStyle(ButtonStyle.Danger),
		new ButtonBuilder().setCustomId(CONFIRM_IDS.no).setLabel("Cancel").setStyle(ButtonStyle.Secondary),
	);
	const answer = ctx.confirmations.waitFor(interaction.id, interaction.user.id, CONFIRM_TIMEOUT_MS);
	await interaction.reply({
		content: `Remove **${bank.title}** (\`${bank.id}\`, ${bank.questions} questions) from this server? Rounds already asked from it stay in history and scores. \`/bank export\` first if you may want it back.`,
		components: [buttons],
		flags: MessageFlags.Ephemeral,
		allowedMentions: NO_PINGS,
	});
	const choice = await answer;
	if (!choice) {
		await interaction.editReply({ content: "No answer within a minute; nothing was removed.", components: [] });
		return;
	}
	if (choice.customId !== CONFIRM_IDS.yes) {
		await choice.update({ content: "Cancelled; nothing was removed.", components: [] });
		return;
	}
	const outcome = await removeServerBank(ctx, interaction.guildId, bank.id);
	if (outcome.kind === "removed") ctx.logger.info({ bankId: bank.id, byId: interaction.user.id }, "bank removed");
	await choice.update({
		content:
			outcome.kind === "removed"
				? `Removed **${bank.title}**. What was asked from it stays in history.`
				: "That bank was already gone.",
		components: [],
	});
}

async function review(interaction: GuildCommandInteraction, ctx: CommandContext) {
	const own = ctx.bank.banks.filter((entry) => entry.origin === "server");
	const target = interaction.options.getString("bank") === null ? undefined : namedBank(interaction, ctx, own);
	const next = await nextSuggestion(ctx, interaction.guildId);
	if (!next) {
		await interaction.reply({
			content: "No suggestions are waiting. Members propose questions with /suggest.",
			flags: MessageFlags.Ephemeral,
		});
		return;
	}
	await interaction.reply({
		...reviewBody(next.suggestion, next.waiting, target?.id),
		flags: MessageFlags.Ephemeral,
		allowedMentions: NO_PINGS,
	});
}

export const bankCommand = {
	data,

	async autocomplete(interaction, ctx) {
		const sub = interaction.options.getSubcommand();
		const among =
			sub === "remove" || sub === "review"
				? ctx.bank.banks.filter((entry) => entry.origin === "server")
				: sub === "enable"
					? ctx.bank.banks.filter((entry) => !entry.enabled)
					: sub === "disable"
						? ctx.bank.banks.filter((entry) => entry.enabled)
						: ctx.bank.banks;
		await interaction.respond(searchBanks(ctx.bank, interaction.options.getFocused(), 25, among));
	},

	async execute(interaction, ctx) {
		const sub = interaction.options.getSubcommand();
		if (sub === "list") {
			await interaction.reply({ embeds: [renderBankList(ctx.bank.banks)], flags: MessageFlags.Ephemeral });
			return;
		}
		requireManageGuild(interaction, `/bank ${sub}`);
		if (sub === "import") await importBank(interaction, ctx);
		else if (sub === "enable" || sub === "disable") await toggle(interaction, ctx, sub === "enable");
		else if (sub === "export") await exportOne(interaction, ctx);
		else if (sub === "remove") await remove(interaction, ctx);
		else if (sub === "review") await review(interaction, ctx);
	},
} satisfies Command;
