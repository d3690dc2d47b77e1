import type { Bank, BankSection } from "../bank/bank.js";
import type { Question } from "../bank/schema.js";
import { CHOICE_EMOJI, GRADE_EMOJI } from "../emoji.js";
import { MOCK_GRADE_LABELS } from "../mock/grades.js";
import type { MockRecap, RecapTurn } from "../mock/recap.js";
import { MOCK_LIMITS, type MockSession } from "../mock/session.js";
import type { Grade } from "../scoring/points.js";
import { echoInput } from "./echo.js";
import { checkEmbedLimits, type Embed } from "./embed.js";
import { difficultyLabel, questionBody } from "./question.js";

const MOCK_COLOUR = 0x5865f2;
const SHEET_COLOUR = 0x57f287;
const THREAD_NAME_LIMIT = 100;

/** Discord's timestamp markup: every reader sees it in their own zone, and "in 4 minutes" counts down. */
const timestamp = (at: number, style: "R" | "t" | "f") => `<t:${Math.floor(at / 1000)}:${style}>`;

/** The thread's name: "Mock interview · <what is asked> · <date>", within Discord's 100 characters. */
export function mockTitle(subject: string, date: string): string {
	const tail = ` · ${date}`;
	const head = `Mock interview · ${subject}`;
	const room = THREAD_NAME_LIMIT - tail.length;
	return `${head.length > room ? `${head.slice(0, room - 1)}…` : head}${tail}`;
}

/** What a session asks about, for its title and lobby: a section, a bank, a difficulty, or everything. */
export function mockSubject(bank: Bank, filter: MockSession["filter"]): string {
	const section = filter.section ? bank.section(filter.section) : undefined;
	const bankTitle = filter.bank ? bank.sections.find((entry) => entry.bankId === filter.bank)?.bankTitle : undefined;
	const parts = [
		section?.title ?? bankTitle ?? "All sections",
		filter.difficulty && difficultyLabel(filter.difficulty),
	];
	return parts.filter(Boolean).join(", ");
}

const minutes = (count: number) => `${count} minute${count === 1 ? "" : "s"}`;

/** The lobby message (the thread's first message): who is in, the settings, and what happens next. */
export function renderLobby(session: Omit<MockSession, "id">, members: readonly string[], subject: string): Embed[] {
	const state: Record<MockSession["state"], string> = {
		lobby: `Press **Join** to take part; <@${session.starterId}> presses **Start** once ${MOCK_LIMITS.members.min} to ${MOCK_LIMITS.members.max} members are in. It closes by itself ${timestamp(session.createdAt + MOCK_LIMITS.lobbyMinutes * 60_000, "R")} if nobody starts it.`,
		running: `Under way since ${timestamp(session.startedAt ?? session.createdAt, "R")}: follow it in the thread.`,
		finished:
			session.endReason === "expired"
				? `Nobody started it within ${minutes(MOCK_LIMITS.lobbyMinutes)}, so it closed.`
				: session.questionIds.length === 0
					? "Stopped before it started."
					: "Finished: the recap is in the thread.",
	};
	const questions = session.state === "lobby" ? session.questionCount : session.questionIds.length;
	return [
		{
			title: session.title,
			description: [
				"Each question names a candidate and an interviewer, taking turns so that everyone is both. Only the interviewer sees the answer sheet; they grade the answer and may add a note for the recap.",
				"",
				`Questions: **${questions}** on ${subject} · **${minutes(session.minutes)}** each`,
				state[session.state],
			].join("\n"),
			color: MOCK_COLOUR,
			fields: [
				{
					name: `Members (${members.length}/${MOCK_LIMITS.members.max})`,
					value: members.map((member) => `<@${member}>`).join("\n") || "nobody yet",
				},
			],
		},
	];
}

export type TurnStatus =
	| { kind: "running"; dueAt: number }
	| { kind: "time-up" }
	| { kind: "graded"; grade: Grade }
	/** The session ended before the interviewer graded it: its time ran out, or /mock stop came first. */
	| { kind: "not-graded"; reason: "time-up" | "stopped" }
	| { kind: "skipped" };

export interface TurnView {
	question: Question;
	section: BankSection;
	index: number;
	total: number;
	candidateId: string;
	interviewerId: string;
	status: TurnStatus;
}

const gradeText = (grade: Grade) => `${GRADE_EMOJI[grade]} ${MOCK_GRADE_LABELS[grade]}`;

function statusText(view: TurnView): string {
	const { status } = view;
	switch (status.kind) {
		case "running":
			return `⏳ Time's up ${timestamp(status.dueAt, "R")} (at ${timestamp(status.dueAt, "t")})`;
		case "time-up":
			return `⏰ Time's up. <@${view.interviewerId}> can still grade it until the interview ends.`;
		case "graded":
			return `Graded **${gradeText(status.grade)}** by <@${view.interviewerId}>`;
		case "not-graded":
			return status.reason === "time-up" ? "⏰ Time ran out; not graded." : "Stopped before it was graded.";
		case "skipped":
			return "Skipped.";
	}
}

/** A question in the thread: who answers and who asks, the question, and its countdown or outcome. */
export function renderTurn(view: TurnView): { content: string; embeds: Embed[] } {
	return {
		content: `**Question ${view.index + 1} of ${view.total}** · <@${view.candidateId}> answers, <@${view.interviewerId}> interviews`,
		embeds: [
			{
				title: `${view.section.title} · ${difficultyLabel(view.question.difficulty)}`,
				description: questionBody(view.question, false),
				color: MOCK_COLOUR,
				fields: [{ name: "Status", value: statusText(view) }],
				footer: { text: `${view.question.id} · The answer sheet and the grade buttons are for the interviewer` },
			},
		],
	};
}

/** The interviewer's private answer sheet: the model answer and what a strong answer covers. */
export function renderAnswerSheet(question: Question, section: BankSection): Embed {
	// Open answers in the banks often open with the same words as the heading; once is enough.
	const covers = question.answer.replace(/^a strong answer covers:?[ \t]*\n/i, "");
	const model =
		question.kind === "choice"
			? `**Answer: ${CHOICE_EMOJI[question.correct]} ${question.choices[question.correct]}**\n\n${question.answer}`
			: `**What a strong answer covers**\n${covers}`;
	return {
		title: `Answer sheet · ${section.title} · ${difficultyLabel(question.difficulty)}`,
		description: model,
		color: SHEET_COLOUR,
		fields: [
			{
				name: "Grading",
				value: `${gradeText("got-it")}: covers the main points · ${gradeText("partly")}: some of them · ${gradeText("missed")}: not yet. Note adds a line to the recap.`,
			},
		],
		footer: { text: `${question.id} · Only you see this` },
	};
}

function turnLine(turn: RecapTurn, bank: Bank, noteLimit: number): string {
	const question = bank.question(turn.questionId);
	const prompt = question ? echoInput(question.prompt, 60) : turn.questionId;
	const outcome = turn.grade
		? gradeText(turn.grade)
		: turn.ended === "time-up"
			? "⏰ time ran out, not graded"
			: "stopped before a grade";
	const note = turn.note && noteLimit > 0 ? `\n> ${echoInput(turn.note, noteLimit)}` : "";
	return `**${turn.index + 1}.** ${prompt} (\`${turn.questionId}\`): **${outcome}**, asked by <@${turn.interviewerId}>${note}`;
}

const END_LINES: Record<NonNullable<MockSession["endReason"]>, (session: MockSession) => string> = {
	completed: () => "That was the last question.",
	stopped: (session) => `Stopped early by <@${session.stoppedBy ?? session.starterId}>.`,
	expired: () => "Nobody started it.",
	"too-few-members": () => "Ended early: fewer than two members were left in the thread.",
};

/**
 * The recap posted in the thread at the end: per candidate, each question with its grade and the
 * interviewer's note, and what to practise next. Notes are shortened until the message fits Discord's
 * embed limits.
 */
export function renderRecap(session: MockSession, recap: MockRecap, bank: Bank): { content: string; embeds: Embed[] } {
	const head = [
		`**Recap** · ${recap.asked} question${recap.asked === 1 ? "" : "s"} asked, ${recap.graded} graded. ${session.endReason ? END_LINES[session.endReason](session) : ""}`,
		...(recap.left.length > 0 ? [`Left the thread: ${recap.left.map((member) => `<@${member}>`).join(", ")}.`] : []),
	].join("\n");
	const build = (noteLimit: number): Embed[] =>
		recap.candidates.map((candidate) => ({
			description: [
				`Candidate <@${candidate.candidateId}>`,
				...candidate.turns.map((turn) => turnLine(turn, bank, noteLimit)),
			].join("\n"),
			color: MOCK_COLOUR,
			fields: [
				{
					name: "Practise next",
					value:
						candidate.practiseNext.length > 0
							? `${candidate.practiseNext.map((id) => `\`${id}\``).join(", ")}: ask again with /question id:`
							: "Every answer was strong.",
				},
			],
		}));
	for (const noteLimit of [300, 150, 60]) {
		const embeds = build(noteLimit);
		if (checkEmbedLimits(embeds).length === 0) return { content: head, embeds };
	}
	// Without notes every line is short: ten questions fit easily.
	return { content: head, embeds: build(0) };
}
