import { type APIModalInteractionResponseCallbackData, ComponentType, MessageFlags, TextInputStyle } from "discord.js";
import { renderSuggestionProblems } from "../core/render/banks.js";
import { SUGGESTION_LIMITS, suggestQuestion } from "../core/suggestions.js";
import type { ModalRoute } from "./component-routes.js";

const MODAL_ID = "suggest-question";
const INPUTS = { prompt: "prompt", choices: "choices", answer: "answer", difficulty: "difficulty" } as const;

const input = (
	id: string,
	label: string,
	description: string,
	options: { style: TextInputStyle; max: number; required: boolean; placeholder?: string },
) => ({
	type: ComponentType.Label as const,
	label,
	description,
	component: {
		type: ComponentType.TextInput as const,
		custom_id: id,
		style: options.style,
		max_length: options.max,
		required: options.required,
		...(options.placeholder ? { placeholder: options.placeholder } : {}),
	},
});

/** The form /suggest opens: the question, its choices with the right one marked, the answer. */
export function suggestModal(): APIModalInteractionResponseCallbackData {
	return {
		custom_id: MODAL_ID,
		title: "Suggest a question",
		components: [
			input(INPUTS.prompt, "Question", "What members are asked.", {
				style: TextInputStyle.Paragraph,
				max: 1500,
				required: true,
			}),
			input(
				INPUTS.choices,
				"Choices (optional)",
				"2 to 4, one per line; start the right one with *. Leave empty for an open question.",
				{
					style: TextInputStyle.Paragraph,
					max: 900,
					required: false,
					placeholder: "A view function\n*A blueprint\nA template",
				},
			),
			input(INPUTS.answer, "Answer", "The explanation members see at the reveal.", {
				style: TextInputStyle.Paragraph,
				max: 3500,
				required: true,
			}),
			input(INPUTS.difficulty, "Difficulty (optional)", "easy, medium or advanced; medium when empty.", {
				style: TextInputStyle.Short,
				max: 10,
				required: false,
			}),
		],
	};
}

/** A submitted suggestion goes to the server's review queue, or back to the member with what to fix. */
export function createSuggestForm(): ModalRoute {
	return {
		name: "suggest",
		matches: (customId) => customId === MODAL_ID,
		async handle(interaction, ctx) {
			const value = (id: string) => interaction.fields.getTextInputValue(id);
			const outcome = await suggestQuestion(ctx, {
				guildId: interaction.guildId ?? "",
				authorId: interaction.user.id,
				prompt: value(INPUTS.prompt),
				choices: value(INPUTS.choices),
				answer: value(INPUTS.answer),
				difficulty: value(INPUTS.difficulty),
			});
			const content =
				outcome.kind === "invalid"
					? renderSuggestionProblems(outcome.problems)
					: outcome.kind === "too-many"
						? outcome.scope === "member"
							? `You have ${SUGGESTION_LIMITS.pendingPerMember} suggestions waiting for review already; suggest more once the moderators have looked at those.`
							: `${SUGGESTION_LIMITS.pendingPerServer} suggestions are waiting for review on this server; try again once the moderators have caught up.`
						: `Thanks! Your question is waiting for the moderators (${outcome.waiting} in the queue). I'll tell you privately when it is approved or not.`;
			if (outcome.kind === "queued") ctx.logger.info({ suggestionId: outcome.suggestion.id }, "question suggested");
			await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
		},
	};
}
