import type { Bank } from "../bank/bank.js";
import { CHOICE_EMOJI, CORRECT_MARK, GRADE_EMOJI } from "../emoji.js";
import type { Recall } from "../practice/cards.js";
import type { PracticeStep } from "../practice/session.js";
import type { PracticeStatus } from "../practice/status.js";
import { echoInput } from "./echo.js";
import type { Embed } from "./embed.js";
import { difficultyLabel, questionBody } from "./question.js";

const PRACTICE_COLOUR = 0x5865f2;
const RIGHT_COLOUR = 0x57f287;
const PARTLY_COLOUR = 0xfee75c;
const WRONG_COLOUR = 0xed4245;
const DAY_MS = 24 * 60 * 60_000;

const timestamp = (at: number, style: "R" | "D" | "f") => `<t:${Math.floor(at / 1000)}:${style}>`;

/** "again in 3 days", counted in whole days as FSRS schedules them. */
export function comesBack(due: number, now: number): string {
	const days = Math.round((due - now) / DAY_MS);
	if (days <= 0) return "again later today";
	if (days === 1) return "again tomorrow";
	return `again in ${days} days`;
}

type Shown = Extract<PracticeStep, { kind: "question" | "answer-shown" | "answered" }>;

function questionEmbed(step: Shown, markCorrect: boolean): Embed {
	const { question, section, ask } = step;
	const why = ask.why === "due" ? "due again" : "new to you";
	return {
		title: `Practice · ${section.title} · ${difficultyLabel(question.difficulty)}`,
		description: questionBody(question, markCorrect),
		color: PRACTICE_COLOUR,
		footer: { text: `${question.id} · ${ask.position} of ${ask.total} · ${why} · only you see this` },
	};
}

const RECALL_TITLES: Record<Recall, { open: string; colour: number }> = {
	good: { open: `${GRADE_EMOJI["got-it"]} Got it`, colour: RIGHT_COLOUR },
	hard: { open: `${GRADE_EMOJI.partly} Partly`, colour: PARTLY_COLOUR },
	again: { open: `${GRADE_EMOJI.missed} Missed`, colour: WRONG_COLOUR },
};

function answerEmbed(step: Extract<PracticeStep, { kind: "answered" }>): Embed {
	const { question, recall } = step;
	const back = `Comes back ${comesBack(step.due, step.now)} (${timestamp(step.due, "D")}). Your server's boards are unchanged.`;
	if (question.kind === "choice") {
		const right = recall === "good";
		const picked = step.choice === undefined ? "" : ` You picked ${CHOICE_EMOJI[step.choice]}.`;
		return {
			title: right ? `${CORRECT_MARK} Right: ${CHOICE_EMOJI[question.correct]}` : `Not this time.${picked}`,
			description: `**${CHOICE_EMOJI[question.correct]} ${question.choices[question.correct]}**\n\n${question.answer}`,
			color: right ? RIGHT_COLOUR : WRONG_COLOUR,
			fields: [{ name: "Next time", value: back }],
		};
	}
	return {
		title: RECALL_TITLES[recall].open,
		description: question.answer,
		color: RECALL_TITLES[recall].colour,
		fields: [{ name: "Next time", value: back }],
	};
}

/** The embeds of a practice message at each step; the buttons are the Discord edge's. */
export function renderPracticeStep(step: PracticeStep): { content?: string; embeds: Embed[] } {
	switch (step.kind) {
		case "question":
			return { embeds: [questionEmbed(step, false)] };
		case "answer-shown":
			return {
				embeds: [
					questionEmbed(step, true),
					{
						title: "What a strong answer covers",
						description: step.question.answer,
						color: PRACTICE_COLOUR,
						fields: [{ name: "How did you do?", value: "Be honest: it only decides when this comes back." }],
					},
				],
			};
		case "answered":
			return { embeds: [questionEmbed(step, true), answerEmbed(step)] };
		case "nothing":
			return {
				content: `${
					step.filtered
						? "Nothing to practise with these filters: no card is due and you have answered every question they match."
						: "Nothing to practise: no card is due and you have answered every question in the bank."
				}${step.nextDue === undefined ? "" : ` The next one comes back ${timestamp(step.nextDue, "R")}.`}`,
				embeds: [],
			};
		case "done":
			return {
				content: `Practice done: ${step.total} question${step.total === 1 ? "" : "s"}.${
					step.nextDue === undefined ? "" : ` The next one comes back ${timestamp(step.nextDue, "R")}.`
				} /practice status shows your queue.`,
				embeds: [],
			};
		case "refused":
			return { content: REFUSALS[step.reason], embeds: [] };
	}
}

const REFUSALS: Record<Extract<PracticeStep, { kind: "refused" }>["reason"], string> = {
	expired: "This practice question has expired. /practice start gives you a fresh one.",
	"not-yours": "This practice question is someone else's. /practice start gives you your own.",
	"not-asked-yet": "That button does not fit this question any more. /practice start gives you a fresh one.",
	"in-progress": "Your answer to this question is already being saved.",
	"no-such-choice": "That choice is not on this question.",
	"round-open":
		"This question is being asked in the server right now, so its answer stays hidden here: answer it in the round. /practice start gives you another.",
};

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** /practice status: what is due, what is learned, how well each section is remembered. */
export function renderPracticeStatus(status: PracticeStatus, bank: Bank, reminder?: string): Embed {
	if (status.cards === 0) {
		return {
			title: "Practice",
			description: [
				"No cards yet. Every answer you give in a round or a daily question makes one, and /practice start asks you new questions from your weakest section.",
				...(reminder ? ["", reminder] : []),
			].join("\n"),
			color: PRACTICE_COLOUR,
		};
	}
	const lines = [
		`Due now: **${status.dueNow}**`,
		`Due in the next 7 days: **${status.dueThisWeek}**`,
		`Cards: **${status.cards}** · learned (last answer right): **${status.learned}**`,
		status.nextDue === undefined
			? "Next due: nothing scheduled after today"
			: `Next due: ${timestamp(status.nextDue, "R")} (${timestamp(status.nextDue, "f")})`,
		"",
		"**Retention by section** (the chance you recall an answer today)",
		...status.sections.map(
			(entry) =>
				`${bank.section(entry.sectionId)?.title ?? entry.sectionId}: ${percent(entry.retention)} · ${entry.cards} card${entry.cards === 1 ? "" : "s"}`,
		),
		...(reminder ? ["", reminder] : []),
	];
	return { title: "Practice", description: lines.join("\n"), color: PRACTICE_COLOUR };
}

/** The direct message a reminder sends. */
export function renderReminder(dueCount: number, server: string): string {
	const questions = dueCount === 1 ? "1 question is" : `${dueCount} questions are`;
	return `${questions} due for your practice in ${echoInput(server, 100)}: run /practice start there. (/practice remind-off there stops these reminders.)`;
}

/** The line /practice status shows about reminders. */
export function describeReminder(reminder: { time: string; timeZone: string } | undefined): string {
	return reminder
		? `Reminder: a direct message at **${reminder.time}** (${reminder.timeZone}) on days with cards due · /practice remind-off stops it`
		: "Reminders: off · /practice remind sends you a direct message on days with cards due";
}

/** What a member is told, once and privately, when Discord refused their reminder. */
export const REMINDER_REFUSED_NOTICE =
	"I couldn't send your practice reminder: Discord refused the direct message (your DMs are closed to me, or I'm blocked), so I switched reminders off. Allow direct messages from this server's members and run /practice remind again to have them back.";
