import { MessageFlags } from "discord.js";
import { answerPractice, continuePractice, showPracticeAnswer } from "../core/practice/session.js";
import type { ButtonRoute } from "./component-routes.js";
import { parsePracticeClick, practiceMessage } from "./practice-buttons.js";

/**
 * Practice buttons on the member's ephemeral message: each click edits that message in place (the
 * interaction's update, the only way to touch an ephemeral message), except a refusal, which is a
 * private reply of its own so the question stays on screen.
 */
export function createPracticeClicks(): ButtonRoute {
	return {
		name: "practice",
		matches: (customId) => parsePracticeClick(customId) !== undefined,
		async handle(interaction, ctx) {
			const click = parsePracticeClick(interaction.customId);
			if (!click) return;
			const memberId = interaction.user.id;
			const step =
				click.action === "pick"
					? await answerPractice(ctx, click.askId, memberId, { choice: click.choice })
					: click.action === "grade"
						? await answerPractice(ctx, click.askId, memberId, { grade: click.grade })
						: click.action === "show"
							? await showPracticeAnswer(ctx, click.askId, memberId)
							: await continuePractice(ctx, click.askId, interaction.id, memberId);
			if (step.kind === "refused") {
				await interaction.reply({ ...practiceMessage(step), flags: MessageFlags.Ephemeral });
				ctx.logger.debug({ askId: click.askId, reason: step.reason }, "practice click refused");
				return;
			}
			await interaction.update(practiceMessage(step));
			if (step.kind === "answered" && step.fresh) {
				ctx.logger.info(
					{ askId: click.askId, questionId: step.question.id, recall: step.recall, due: step.due },
					"practice answer",
				);
			}
		},
	};
}
