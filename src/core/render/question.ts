import type { BankSection } from "../bank/bank.js";
import type { Difficulty, Question } from "../bank/schema.js";
import { CHOICE_EMOJI, CORRECT_MARK, REVEAL_EMOJI } from "../emoji.js";
import type { Embed } from "./embed.js";

const DIFFICULTY_COLOURS: Record<Difficulty, number> = { easy: 0x57f287, medium: 0xfee75c, advanced: 0xed4245 };
const ANSWER_COLOUR = 0x5865f2;

export function difficultyLabel(difficulty: Difficulty): string {
	return difficulty.charAt(0).toUpperCase() + difficulty.slice(1);
}

function questionBody(question: Question, markCorrect: boolean): string {
	const parts = [question.prompt];
	if (question.code) parts.push(`\`\`\`${question.code.language}\n${question.code.source.trimEnd()}\n\`\`\``);
	if (question.kind === "choice") {
		parts.push(
			question.choices
				.map((choice, index) => {
					const line = `${CHOICE_EMOJI[index]} ${choice}`;
					return markCorrect && index === question.correct ? `${CORRECT_MARK} **${line}**` : line;
				})
				.join("\n"),
		);
	}
	return parts.join("\n\n");
}

function instructions(question: Question): string {
	return question.kind === "choice"
		? `Pick a letter · ${REVEAL_EMOJI} from the asker or a moderator reveals the answer`
		: `Think it through · ${REVEAL_EMOJI} from the asker or a moderator reveals what a strong answer covers`;
}

/** The message a round starts with: the question, its code and its lettered choices, no answer. */
export function renderQuestion(question: Question, section: BankSection): Embed[] {
	return [
		{
			title: `${section.title} · ${difficultyLabel(question.difficulty)}`,
			description: questionBody(question, false),
			color: DIFFICULTY_COLOURS[question.difficulty],
			footer: { text: `${question.id} · ${instructions(question)}` },
		},
	];
}

/** The same message after the reveal: the right choice marked, and the full answer below it. */
export function renderRevealed(question: Question, section: BankSection): Embed[] {
	const answer: Embed =
		question.kind === "choice"
			? {
					title: `Answer: ${CHOICE_EMOJI[question.correct]}`,
					description: `**${question.choices[question.correct]}**\n\n${question.answer}`,
					color: ANSWER_COLOUR,
				}
			: { title: "What a strong answer covers", description: question.answer, color: ANSWER_COLOUR };
	return [
		{
			title: `${section.title} · ${difficultyLabel(question.difficulty)}`,
			description: questionBody(question, true),
			color: DIFFICULTY_COLOURS[question.difficulty],
			footer: { text: `${question.id} · Answer revealed` },
		},
		answer,
	];
}
