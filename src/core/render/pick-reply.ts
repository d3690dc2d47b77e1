import { CHOICE_EMOJI } from "../emoji.js";
import type { PickOutcome } from "../picks.js";

/** The private answer to a pick button: the only sign a member gets that their pick counted. */
export function pickReply(outcome: PickOutcome, choice: number): string {
	if (outcome.stored) return `You picked ${CHOICE_EMOJI[choice]}. Locked in; the answer comes at the reveal.`;
	switch (outcome.reason) {
		case "already-picked":
			return "Your first pick is already locked in and stays until the reveal.";
		case "revealed":
			return "This round has been revealed; picks are closed.";
		case "not-a-round":
			return "This question is not running any more.";
		default:
			return "That button does not belong to a running question.";
	}
}
