import type { DojoContext } from "../context.js";
import { recallOfGrade, reviewRoundAnswer } from "../practice/cards.js";
import type { Grade } from "../scoring/points.js";
import { loadSettings } from "../settings.js";
import { recordAnswer } from "../standings.js";
import { findMockSession, type MockSession } from "./session.js";
import { type PostedTurn, readProgress, storeGrade, storeNote } from "./turns.js";

/** How an interviewer grades: Strong, Partly, Missed; stored as the self-grades are. */
export const MOCK_GRADE_LABELS: Readonly<Record<Grade, string>> = {
	"got-it": "Strong",
	partly: "Partly",
	missed: "Missed",
};

/** A note is for the recap: a few lines, not an essay. */
export const MOCK_NOTE_MAX = 500;

type TurnRefusal = "not-a-session" | "finished" | "not-asked" | "not-interviewer";

export type MockGradeOutcome =
	| { stored: true; session: MockSession; posted: PostedTurn }
	| { stored: false; reason: TurnRefusal | "already-graded"; interviewerId?: string };

export type MockNoteOutcome =
	| { stored: true; session: MockSession }
	| { stored: false; reason: TurnRefusal; interviewerId?: string };

/** The session and posted turn an interviewer acts on, or why they may not. */
async function interviewersTurn(
	ctx: Pick<DojoContext, "store" | "logger">,
	sessionId: string,
	index: number,
	memberId: string,
): Promise<
	{ ok: true; session: MockSession; posted: PostedTurn } | { ok: false; reason: TurnRefusal; interviewerId?: string }
> {
	const session = await findMockSession(ctx, sessionId);
	if (!session) return { ok: false, reason: "not-a-session" };
	if (session.state === "finished") return { ok: false, reason: "finished" };
	const posted = (await readProgress(ctx, session)).turns[index]?.posted;
	if (!posted) return { ok: false, reason: "not-asked" };
	if (posted.interviewerId !== memberId)
		return { ok: false, reason: "not-interviewer", interviewerId: posted.interviewerId };
	return { ok: true, session, posted };
}

/**
 * Records the interviewer's grade of the candidate's answer on one turn: the first grade counts, and
 * it counts in the candidate's answered and accuracy (overall, per period, per section) and their
 * review list, never on a leaderboard. It may come after the time ran out, until the session ends.
 */
export async function recordMockGrade(
	ctx: Pick<DojoContext, "store" | "bank" | "clock" | "logger">,
	input: { sessionId: string; turn: number; memberId: string; grade: Grade },
): Promise<MockGradeOutcome> {
	const found = await interviewersTurn(ctx, input.sessionId, input.turn, input.memberId);
	if (!found.ok)
		return {
			stored: false,
			reason: found.reason,
			...(found.interviewerId ? { interviewerId: found.interviewerId } : {}),
		};
	const { session, posted } = found;
	const at = ctx.clock.now();
	if (!(await storeGrade(ctx, session.id, input.turn, { grade: input.grade, at, by: input.memberId }))) {
		return { stored: false, reason: "already-graded" };
	}
	const question = ctx.bank.question(session.questionIds[input.turn] ?? "");
	if (question) {
		const { timeZone } = await loadSettings(ctx, session.guildId);
		await recordAnswer(
			ctx,
			{ memberId: posted.candidateId, correct: input.grade === "got-it" },
			{ guildId: session.guildId, questionId: question.id, sectionId: question.section, at, timeZone },
		);
		// The grade reviews the candidate's practice card too, once per turn (the ledger is per turn).
		await reviewRoundAnswer(ctx, `mock:${session.id}:${input.turn}`, {
			guildId: session.guildId,
			memberId: posted.candidateId,
			questionId: question.id,
			recall: recallOfGrade(input.grade),
			at,
		});
	} else {
		ctx.logger.warn({ sessionId: session.id, turn: input.turn }, "graded mock question left the bank; not counted");
	}
	return { stored: true, session, posted };
}

/** The interviewer's note on a turn, for the recap; they may change it until the session ends. */
export async function saveMockNote(
	ctx: Pick<DojoContext, "store" | "clock" | "logger">,
	input: { sessionId: string; turn: number; memberId: string; text: string },
): Promise<MockNoteOutcome> {
	const found = await interviewersTurn(ctx, input.sessionId, input.turn, input.memberId);
	if (!found.ok)
		return {
			stored: false,
			reason: found.reason,
			...(found.interviewerId ? { interviewerId: found.interviewerId } : {}),
		};
	const text = input.text.trim().slice(0, MOCK_NOTE_MAX);
	await storeNote(ctx, found.session.id, input.turn, { text, at: ctx.clock.now(), by: input.memberId });
	return { stored: true, session: found.session };
}
