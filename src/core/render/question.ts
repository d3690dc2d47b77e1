import type { BankSection } from "../bank/bank.js";
import type { Difficulty, Question } from "../bank/schema.js";
import { CHOICE_EMOJI, CORRECT_MARK, GRADE_EMOJI, REVEAL_EMOJI } from "../emoji.js";
import type { Award } from "../scoring/points.js";
import type { PickMode } from "../settings.js";
import { EMBED_LIMITS, type Embed } from "./embed.js";

const DIFFICULTY_COLOURS: Record<Difficulty, number> = { easy: 0x57f287, medium: 0xfee75c, advanced: 0xed4245 };
const ANSWER_COLOUR = 0x5865f2;

export function difficultyLabel(difficulty: Difficulty): string {
	return difficulty.charAt(0).toUpperCase() + difficulty.slice(1);
}

/** What the footer of a running round tells members, beyond the question itself. */
export interface RoundStatus {
	picks: number;
	/** Whether the bot removes letter reactions as it stores them (it needs Manage Messages). */
	picksHidden: boolean;
	/** Buttons answer each member privately; without it members pick with letter reactions. */
	picksVia?: PickMode;
	revealVotes: number;
	revealDueAt?: number;
	/** A member asked for this round with /question (a daily has no asker who could reveal it). */
	askedByMember?: boolean;
}

export interface RevealResults {
	counts: number[];
	correct: Award[];
}

/** The prompt, its code and its lettered choices; with `markCorrect`, the right choice is marked ✅. */
export function questionBody(question: Question, markCorrect: boolean): string {
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

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

function roundFooter(question: Question, status: RoundStatus | undefined): string {
	const revealers = status?.askedByMember === false ? "a moderator" : "the asker, a moderator";
	const reveal = `${REVEAL_EMOJI} from ${revealers} or ${plural(status?.revealVotes ?? 3, "member")} reveals`;
	const deadline = status?.revealDueAt === undefined ? "" : " · or by itself at";
	if (question.kind === "open") return `${question.id} · Think it through · ${reveal}${deadline}`;
	const picks =
		status?.picksVia === "buttons"
			? `Pick a button; only you see your pick · ${status.picks} locked in`
			: status?.picksHidden
				? `Pick a letter; picks stay hidden · ${status.picks} locked in`
				: "Pick a letter; picks are visible here (I can't manage messages in this channel)";
	return `${question.id} · ${picks} · ${reveal}${deadline}`;
}

/** The message a round starts with: the question, its code and its lettered choices, no answer. */
export function renderQuestion(question: Question, section: BankSection, status?: RoundStatus): Embed[] {
	return [
		{
			title: `${section.title} · ${difficultyLabel(question.difficulty)}`,
			description: questionBody(question, false),
			color: DIFFICULTY_COLOURS[question.difficulty],
			footer: { text: roundFooter(question, status) },
			...(status?.revealDueAt === undefined ? {} : { timestamp: new Date(status.revealDueAt).toISOString() }),
		},
	];
}

/** Mentions render as names in embeds and never ping; the list is cut to fit one field. */
function resultsText(question: Extract<Question, { kind: "choice" }>, results: RevealResults): string {
	const total = results.counts.reduce((sum, count) => sum + count, 0);
	if (total === 0) return "Nobody picked this time.";
	const counts = question.choices.map((_, index) => `${CHOICE_EMOJI[index]} ${results.counts[index] ?? 0}`);
	const head = `${counts.join(" · ")} (${plural(total, "pick")})`;
	if (results.correct.length === 0) return `${head}\nNobody picked the right answer.`;
	const names = results.correct.map((award) => `<@${award.memberId}> +${award.points}${award.first ? " (first)" : ""}`);
	let line = `${head}\nRight: `;
	for (const [index, name] of names.entries()) {
		const rest = names.length - index - 1;
		const more = rest > 0 ? `, … and ${rest} more` : "";
		if (`${line}${name}${more}`.length > EMBED_LIMITS.fieldValue) return `${line}… and ${names.length - index} more`;
		line += index === 0 ? name : `, ${name}`;
	}
	return line;
}

const GRADING_HELP = `${GRADE_EMOJI["got-it"]} got it · ${GRADE_EMOJI.partly} partly · ${GRADE_EMOJI.missed} missed. Your first grade counts.`;

/** The same message after the reveal: the right choice marked, the full answer, and how the room did. */
export function renderRevealed(
	question: Question,
	section: BankSection,
	results?: RevealResults,
	options: { selfGradedPoints: boolean } = { selfGradedPoints: true },
): Embed[] {
	const answer: Embed =
		question.kind === "choice"
			? {
					title: `Answer: ${CHOICE_EMOJI[question.correct]}`,
					description: `**${question.choices[question.correct]}**\n\n${question.answer}`,
					color: ANSWER_COLOUR,
					...(results ? { fields: [{ name: "Results", value: resultsText(question, results) }] } : {}),
				}
			: {
					title: "What a strong answer covers",
					description: question.answer,
					color: ANSWER_COLOUR,
					fields: [
						{
							name: "Grade yourself",
							value: options.selfGradedPoints ? GRADING_HELP : `${GRADING_HELP} Self-grades earn no points here.`,
						},
					],
				};
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

const THREAD_NAME_LIMIT = 100;

/** A daily's discussion thread is named after its question: the prompt on one line, within 100 characters. */
export function discussionThreadName(question: Question): string {
	const line = question.prompt.replace(/[\s\p{Cc}]+/gu, " ").trim();
	return line.length > THREAD_NAME_LIMIT ? `${line.slice(0, THREAD_NAME_LIMIT - 1)}…` : line;
}
