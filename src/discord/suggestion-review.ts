import {
	type APIActionRowComponent,
	type APIButtonComponent,
	type APIModalInteractionResponseCallbackData,
	type ButtonInteraction,
	ButtonStyle,
	ComponentType,
	MessageFlags,
	PermissionFlagsBits,
	type RepliableInteraction,
	TextInputStyle,
} from "discord.js";
import type { DojoContext } from "../core/context.js";
import { renderImportOutcome, renderSuggestion } from "../core/render/banks.js";
import {
	approveSuggestion,
	nextSuggestion,
	rejectSuggestion,
	SUGGESTIONS_BANK,
	type Suggestion,
} from "../core/suggestions.js";
import type { ButtonRoute, ModalRoute } from "./component-routes.js";
import { sendDirectMessage } from "./direct-messages.js";

/** Custom ids carry the suggestion (and the chosen bank), so a review opened before a restart still works. */
const APPROVE = "bank-review:approve:";
const REJECT = "bank-review:reject:";
const REJECT_MODAL = "bank-review-reason:";
const REASON_INPUT = "reason";
const ID = /^[a-z0-9]{1,24}$/;
const BANK_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const NO_PINGS = { parse: [] };

function parseIds(rest: string): { suggestionId: string; bankId: string | undefined } | undefined {
	const [suggestionId = "", bank = ""] = rest.split(":");
	if (!ID.test(suggestionId) || (bank !== "" && !BANK_ID.test(bank))) return undefined;
	return { suggestionId, bankId: bank === "" ? undefined : bank };
}

/** The review of one suggestion: the question as written, Approve into the chosen bank, Reject. */
export function reviewBody(suggestion: Suggestion, waiting: number, bankId: string | undefined) {
	const into = bankId ?? SUGGESTIONS_BANK.id;
	const buttons: APIActionRowComponent<APIButtonComponent> = {
		type: ComponentType.ActionRow,
		components: [
			{
				type: ComponentType.Button,
				custom_id: `${APPROVE}${suggestion.id}:${bankId ?? ""}`,
				style: ButtonStyle.Success,
				label: `Approve into ${into}`.slice(0, 80),
			},
			{
				type: ComponentType.Button,
				custom_id: `${REJECT}${suggestion.id}:${bankId ?? ""}`,
				style: ButtonStyle.Danger,
				label: "Reject",
			},
		],
	};
	return { embeds: [renderSuggestion(suggestion, waiting)], components: [buttons] };
}

function rejectModal(suggestionId: string, bankId: string): APIModalInteractionResponseCallbackData {
	return {
		custom_id: `${REJECT_MODAL}${suggestionId}:${bankId}`,
		title: "Reject this suggestion",
		components: [
			{
				type: ComponentType.Label,
				label: "Reason (optional)",
				description: "Sent privately to the member who suggested it.",
				component: {
					type: ComponentType.TextInput,
					custom_id: REASON_INPUT,
					style: TextInputStyle.Paragraph,
					max_length: 500,
					required: false,
				},
			},
		],
	};
}

/** Approving and rejecting are for those who may import banks, whoever the server lets see the command. */
async function refuseNonManager(interaction: RepliableInteraction): Promise<boolean> {
	if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return false;
	await interaction.reply({
		content: "Reviewing suggestions is for members with the Manage Server permission.",
		flags: MessageFlags.Ephemeral,
	});
	return true;
}

const serverName = (interaction: RepliableInteraction) => interaction.guild?.name ?? "the server";

async function tellAuthor(ctx: DojoContext, interaction: RepliableInteraction, suggestion: Suggestion, text: string) {
	const sent = await sendDirectMessage(interaction.client, suggestion.authorId, text);
	if (!sent.ok) {
		ctx.logger.info(
			{ suggestionId: suggestion.id, problem: sent.problem },
			"could not tell the member about their suggestion",
		);
	}
	return sent.ok;
}

const excerpt = (suggestion: Suggestion) => {
	const prompt = suggestion.question.prompt.replace(/\s+/g, " ");
	return prompt.length > 80 ? `${prompt.slice(0, 80)}…` : prompt;
};

/** Shows the next suggestion in place of the one just decided, or says the queue is empty. */
async function nextInPlace(
	ctx: DojoContext,
	interaction: ButtonInteraction | RepliableInteraction,
	done: string,
	bankId?: string,
) {
	const next = await nextSuggestion(ctx, interaction.guildId ?? "");
	const body = next
		? { content: `${done}\nNext suggestion:`, ...reviewBody(next.suggestion, next.waiting, bankId) }
		: { content: `${done}\nNo more suggestions are waiting.`, embeds: [], components: [] };
	return body;
}

async function approve(
	interaction: ButtonInteraction,
	ctx: DojoContext,
	suggestionId: string,
	bankId: string | undefined,
) {
	const outcome = await approveSuggestion(ctx, {
		guildId: interaction.guildId ?? "",
		suggestionId,
		bankId,
		moderatorId: interaction.user.id,
	});
	if (outcome.kind === "gone") {
		await interaction.update({ content: "That suggestion was already decided.", embeds: [], components: [] });
		return;
	}
	if (outcome.kind === "not-own-bank") {
		await interaction.reply({
			content: `This server has no bank \`${outcome.bankId}\` of its own any more. Run /bank review again and choose another.`,
			flags: MessageFlags.Ephemeral,
		});
		return;
	}
	if (outcome.kind === "refused") {
		const reply = renderImportOutcome(outcome.outcome, `the bank with this suggestion`);
		await interaction.reply({
			content: reply.content.slice(0, 2000),
			flags: MessageFlags.Ephemeral,
			allowedMentions: NO_PINGS,
		});
		return;
	}
	ctx.logger.info({ suggestionId, bankId: outcome.bankId, questionId: outcome.questionId }, "suggestion approved");
	await tellAuthor(
		ctx,
		interaction,
		outcome.suggestion,
		`Your suggested question for ${serverName(interaction)} was approved: “${excerpt(outcome.suggestion)}” is now \`${outcome.questionId}\` in the bank \`${outcome.bankId}\`.`,
	);
	await interaction.update({
		...(await nextInPlace(
			ctx,
			interaction,
			`Approved into \`${outcome.bankId}\` as \`${outcome.questionId}\`; ask it with \`/question id:${outcome.questionId}\`.`,
			bankId,
		)),
		allowedMentions: NO_PINGS,
	});
}

export function createSuggestionReview(): { button: ButtonRoute; modal: ModalRoute } {
	return {
		button: {
			name: "bank-review",
			matches: (customId) => customId.startsWith(APPROVE) || customId.startsWith(REJECT),
			async handle(interaction, ctx) {
				if (await refuseNonManager(interaction)) return;
				const rejecting = interaction.customId.startsWith(REJECT);
				const parsed = parseIds(interaction.customId.slice((rejecting ? REJECT : APPROVE).length));
				if (!parsed) return;
				// A modal must be the first answer to the click.
				if (rejecting) await interaction.showModal(rejectModal(parsed.suggestionId, parsed.bankId ?? ""));
				else await approve(interaction, ctx, parsed.suggestionId, parsed.bankId);
			},
		},
		modal: {
			name: "bank-review-reason",
			matches: (customId) => customId.startsWith(REJECT_MODAL),
			async handle(interaction, ctx) {
				if (await refuseNonManager(interaction)) return;
				const parsed = parseIds(interaction.customId.slice(REJECT_MODAL.length));
				if (!parsed) return;
				const { suggestionId, bankId } = parsed;
				const reason = interaction.fields.getTextInputValue(REASON_INPUT).trim();
				const outcome = await rejectSuggestion(ctx, { guildId: interaction.guildId ?? "", suggestionId });
				if (outcome.kind !== "rejected") {
					await interaction.reply({ content: "That suggestion was already decided.", flags: MessageFlags.Ephemeral });
					return;
				}
				ctx.logger.info({ suggestionId, withReason: reason !== "" }, "suggestion rejected");
				const told = await tellAuthor(
					ctx,
					interaction,
					outcome.suggestion,
					`Your suggested question for ${serverName(interaction)} was not added: “${excerpt(outcome.suggestion)}”.${reason ? `\nReason from the moderators: ${reason}` : ""}`,
				);
				const done = `Rejected${told ? "; the member was told privately" : "; the member's DMs are closed, so they were not told"}.`;
				const body = await nextInPlace(ctx, interaction, done, bankId);
				// From a button on the review, the submit can replace that message; otherwise it answers anew.
				if (interaction.isFromMessage()) await interaction.update({ ...body, allowedMentions: NO_PINGS });
				else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
			},
		},
	};
}
