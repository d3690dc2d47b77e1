import { type ButtonInteraction, MessageFlags, PermissionFlagsBits, type PermissionsBitField } from "discord.js";
import type { DojoContext } from "../core/context.js";
import { UserFacingError } from "../core/errors.js";
import { recordMockGrade, saveMockNote } from "../core/mock/grades.js";
import { findMockSession, joinMock, MOCK_LIMITS, type MockSession, startMock } from "../core/mock/session.js";
import { readProgress } from "../core/mock/turns.js";
import { renderAnswerSheet } from "../core/render/mock.js";
import type { ButtonRoute, ModalRoute } from "./component-routes.js";
import { type MockClick, NOTE_INPUT_ID, noteModal, parseMockButton, parseNoteModal } from "./mock-components.js";
import { addToThread, advanceMock, gradedTurn, inSession, lobbyBody, turnBody } from "./mock-runner.js";

const GONE = "This mock interview is no longer running. Start one with /mock start.";
const OVER = "This mock interview is over; its recap is in the thread.";

/** Who may start or stop someone else's session: those who moderate the channel's threads or messages. */
export function moderatesMocks(permissions: Readonly<PermissionsBitField> | null): boolean {
	return !!permissions?.any([PermissionFlagsBits.ManageThreads, PermissionFlagsBits.ManageMessages]);
}

const privately = (interaction: ButtonInteraction, content: string) =>
	interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });

async function join(interaction: ButtonInteraction, ctx: DojoContext, sessionId: string) {
	await inSession(sessionId, async () => {
		const outcome = await joinMock(ctx, sessionId, interaction.user.id);
		if (!outcome.ok) {
			const reasons: Record<typeof outcome.reason, string> = {
				"not-a-session": GONE,
				started: "This mock interview has started already; start another with /mock start.",
				"already-in": `You're in. <@${outcome.session?.starterId}> presses Start when everyone has joined.`,
				full: `It's full: a mock interview takes ${MOCK_LIMITS.members.max} members at most. Start another with /mock start.`,
			};
			await privately(interaction, reasons[outcome.reason]);
			return;
		}
		await interaction.update({ ...(await lobbyBody(ctx, outcome.session)), allowedMentions: { parse: [] } });
		ctx.logger.info({ sessionId, members: outcome.members.length }, "mock interview joined");
	});
	await addToThread(ctx, interaction.client, sessionId, [interaction.user.id]);
}

async function start(interaction: ButtonInteraction, ctx: DojoContext, sessionId: string) {
	const started = await inSession(sessionId, async () => {
		const outcome = await startMock(ctx, sessionId, {
			memberId: interaction.user.id,
			moderator: moderatesMocks(interaction.memberPermissions),
		});
		if (!outcome.ok) {
			const reasons: Record<typeof outcome.reason, string> = {
				"not-a-session": GONE,
				"not-starter": `Only <@${outcome.session?.starterId}>, who opened it, or a moderator can start it.`,
				started: "It has started already: follow it in the thread.",
				"too-few-members": `At least ${MOCK_LIMITS.members.min} members must join first; ${outcome.members ?? 1} has so far.`,
				"no-questions":
					"No question in the bank matches this interview's filters any more. Start another with /mock start.",
			};
			await privately(interaction, reasons[outcome.reason]);
			return undefined;
		}
		await interaction.update({ ...(await lobbyBody(ctx, outcome.session)), allowedMentions: { parse: [] } });
		ctx.logger.info(
			{ sessionId, members: outcome.session.members.length, questions: outcome.session.questionIds.length },
			"mock interview started",
		);
		return outcome.session;
	});
	if (!started) return;
	// Everyone who joined is in the thread, so that leaving it later can be noticed.
	await addToThread(ctx, interaction.client, sessionId, started.members);
	await advanceMock(ctx, interaction.client, sessionId);
}

/** The session and turn a question button belongs to, while the session still runs. */
async function runningTurn(ctx: DojoContext, sessionId: string, turn: number) {
	const session = await findMockSession(ctx, sessionId);
	if (!session) throw new UserFacingError(GONE);
	if (session.state === "finished") throw new UserFacingError(OVER);
	const progress = await readProgress(ctx, session);
	const posted = progress.turns[turn];
	if (!posted?.posted) throw new UserFacingError(GONE);
	return { session, turn: posted, interviewerId: posted.posted.interviewerId };
}

async function answerSheet(interaction: ButtonInteraction, ctx: DojoContext, sessionId: string, index: number) {
	const { turn, interviewerId } = await runningTurn(ctx, sessionId, index);
	if (interaction.user.id !== interviewerId) {
		await privately(interaction, `Only the interviewer, <@${interviewerId}>, sees the answer sheet. No peeking!`);
		return;
	}
	const question = ctx.bank.question(turn.questionId);
	const section = question && ctx.bank.section(question.section);
	if (!question || !section) throw new UserFacingError("This question is no longer in the bank.");
	await interaction.reply({ embeds: [renderAnswerSheet(question, section)], flags: MessageFlags.Ephemeral });
	ctx.logger.info({ sessionId, turn: index }, "mock answer sheet shown");
}

async function grade(interaction: ButtonInteraction, ctx: DojoContext, click: Extract<MockClick, { action: "grade" }>) {
	const outcome = await recordMockGrade(ctx, {
		sessionId: click.sessionId,
		turn: click.turn,
		memberId: interaction.user.id,
		grade: click.grade,
	});
	if (!outcome.stored) {
		const reasons: Record<typeof outcome.reason, string> = {
			"not-a-session": GONE,
			finished: OVER,
			"not-asked": GONE,
			"not-interviewer": `Only the interviewer, <@${outcome.interviewerId}>, grades this answer.`,
			"already-graded": "You graded this answer already; the first grade counts.",
		};
		await privately(interaction, reasons[outcome.reason]);
		return;
	}
	await interaction.update(await currentTurnBody(ctx, outcome.session, click.turn));
	ctx.logger.info({ sessionId: click.sessionId, turn: click.turn, grade: click.grade }, "mock answer graded");
	await gradedTurn(ctx, interaction.client, click.sessionId, click.turn);
}

async function currentTurnBody(ctx: DojoContext, session: MockSession, index: number) {
	const turn = (await readProgress(ctx, session)).turns[index];
	const body = turn && turnBody(ctx, session, turn);
	if (!body) throw new UserFacingError("This question is no longer in the bank.");
	return { ...body, allowedMentions: { parse: [] } };
}

async function openNote(interaction: ButtonInteraction, ctx: DojoContext, sessionId: string, index: number) {
	const { turn, interviewerId } = await runningTurn(ctx, sessionId, index);
	if (interaction.user.id !== interviewerId) {
		await privately(interaction, `Only the interviewer, <@${interviewerId}>, adds a note to this answer.`);
		return;
	}
	// A modal must be the first answer to the click: nothing slow may come before it.
	await interaction.showModal(noteModal(sessionId, index, turn.note?.text));
}

/**
 * The buttons of a mock interview: Join and Start on the lobby; under each question the interviewer's
 * answer sheet, grades and note. Each is checked against the stored session, whoever clicks.
 */
export function createMockClicks(): ButtonRoute {
	return {
		name: "mock",
		matches: (customId) => parseMockButton(customId) !== undefined,
		async handle(interaction, ctx) {
			const click = parseMockButton(interaction.customId);
			if (!click) return;
			switch (click.action) {
				// The lobby is the message these sit on; the thread and the session took its id.
				case "join":
					return join(interaction, ctx, interaction.message.id);
				case "start":
					return start(interaction, ctx, interaction.message.id);
				case "sheet":
					return answerSheet(interaction, ctx, click.sessionId, click.turn);
				case "note":
					return openNote(interaction, ctx, click.sessionId, click.turn);
				case "grade":
					return grade(interaction, ctx, click);
			}
		},
	};
}

/** The interviewer's note, submitted from the Note button's modal. */
export function createMockNotes(): ModalRoute {
	return {
		name: "mock-note",
		matches: (customId) => parseNoteModal(customId) !== undefined,
		async handle(interaction, ctx) {
			const target = parseNoteModal(interaction.customId);
			if (!target) return;
			const outcome = await saveMockNote(ctx, {
				...target,
				memberId: interaction.user.id,
				text: interaction.fields.getTextInputValue(NOTE_INPUT_ID),
			});
			if (!outcome.stored) {
				const reasons: Record<typeof outcome.reason, string> = {
					"not-a-session": GONE,
					finished: "This mock interview ended before your note arrived, so it is not in the recap.",
					"not-asked": GONE,
					"not-interviewer": `Only the interviewer, <@${outcome.interviewerId}>, adds a note to this answer.`,
				};
				throw new UserFacingError(reasons[outcome.reason]);
			}
			await interaction.reply({
				content: `Saved your note on question ${target.turn + 1}; it goes into the recap.`,
				flags: MessageFlags.Ephemeral,
			});
			ctx.logger.info({ sessionId: target.sessionId, turn: target.turn }, "mock note saved");
		},
	};
}
