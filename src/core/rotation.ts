import { z } from "zod";
import type { Question } from "./bank/schema.js";
import type { DojoContext } from "./context.js";
import { createKeyedLock } from "./keyed-lock.js";
import { filterKey, matchingQuestions, pickFromRotation, type QuestionFilter } from "./selection.js";

const rotationSchema = z.object({ asked: z.array(z.string()) });

/** The daily question keeps a rotation of its own, apart from what members ask with /question. */
export type RotationPool = "command" | "daily";

const rotationKey = (guildId: string, filter: QuestionFilter, pool: RotationPool) =>
	pool === "daily" ? `daily-rotation:${guildId}:${filterKey(filter)}` : `rotation:${guildId}:${filterKey(filter)}`;

const serialise = createKeyedLock();

/**
 * Takes the next question of a guild's rotation for these filters and stores the rotation at once, so
 * two /question calls in a row never get the same question and a restart does not reset the cycle.
 */
export function takeNextQuestion(
	ctx: Pick<DojoContext, "store" | "bank" | "random">,
	guildId: string,
	filter: QuestionFilter,
	pool: RotationPool = "command",
): Promise<Question | undefined> {
	const key = rotationKey(guildId, filter, pool);
	return serialise(key, async () => {
		const stored = await ctx.store.get(key, rotationSchema);
		const pick = pickFromRotation(matchingQuestions(ctx.bank, filter), stored?.asked ?? [], ctx.random);
		if (!pick) return undefined;
		await ctx.store.set(key, { asked: pick.asked });
		return pick.question;
	});
}
