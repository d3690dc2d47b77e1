import type { Question } from "../bank/schema.js";
import type { DojoContext } from "../context.js";
import { matchingQuestions } from "../selection.js";
import type { MockFilter } from "./session.js";

/** The bank's questions a mock interview's filters allow: the same filters /question takes. */
export function mockCandidates(bank: DojoContext["bank"], filter: MockFilter): Question[] {
	return matchingQuestions(bank, filter);
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
	}
	return copy;
}

/**
 * Up to `count` different questions for a mock interview, in the order they are asked: open prompts
 * first, since an interview is a conversation, then choice questions (their choices are shown) when
 * there are not enough open ones.
 */
export function pickMockQuestions(
	ctx: Pick<DojoContext, "bank" | "random">,
	filter: MockFilter,
	count: number,
): Question[] {
	const candidates = mockCandidates(ctx.bank, filter);
	const open = shuffled(
		candidates.filter((question) => question.kind === "open"),
		ctx.random,
	);
	const choice = shuffled(
		candidates.filter((question) => question.kind === "choice"),
		ctx.random,
	);
	return [...open, ...choice].slice(0, count);
}
