import type { DojoContext } from "../core/context.js";
import { type RevealPlan, settleReveal } from "../core/reveal.js";
import type { RoundMessages } from "./round-messages.js";

/**
 * Completes a claimed reveal, whatever triggered it: points are stored first, then the message is
 * edited. A failed edit (a deleted channel or message) only loses the display, so it is a warning.
 */
export async function finishReveal(
	ctx: DojoContext,
	messages: RoundMessages,
	plan: Extract<RevealPlan, { ok: true }>,
): Promise<void> {
	const settled = await settleReveal(ctx, plan);
	const fields = { messageId: plan.round.messageId, guildId: plan.round.guildId, questionId: plan.question.id };
	try {
		await messages.showReveal(settled);
	} catch (error) {
		ctx.logger.warn({ ...fields, err: error }, "could not show the reveal; points are stored");
	}
	ctx.logger.info({ ...fields, reason: plan.reason }, "round revealed");
	ctx.metrics.roundRevealed(plan.reason);
}
