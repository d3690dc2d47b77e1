/** Regional indicator letters: the reactions members pick a choice with. */
export const CHOICE_EMOJI = ["\u{1F1E6}", "\u{1F1E7}", "\u{1F1E8}", "\u{1F1E9}"] as const;
export const REVEAL_EMOJI = "\u{1F4A1}";
export const CORRECT_MARK = "\u2705";

export function choiceIndexOf(emoji: string): number | undefined {
	const index = (CHOICE_EMOJI as readonly string[]).indexOf(emoji);
	return index === -1 ? undefined : index;
}

/** Self-grades on open questions, added by the bot once the answer is shown. */
export const GRADE_EMOJI = { "got-it": "\u2705", partly: "\u{1F7E8}", missed: "\u274C" } as const;

export function gradeOf(emoji: string): keyof typeof GRADE_EMOJI | undefined {
	const entry = Object.entries(GRADE_EMOJI).find(([, value]) => value === emoji);
	return entry?.[0] as keyof typeof GRADE_EMOJI | undefined;
}
