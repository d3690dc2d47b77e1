import { type APIMessage, type Client, DiscordAPIError, RESTJSONErrorCodes, Routes } from "discord.js";
import type { DojoContext } from "../core/context.js";
import { buildRecap } from "../core/mock/recap.js";
import {
	claimRecap,
	findMockSession,
	finishMock,
	lobbyMembers,
	MOCK_LIMITS,
	type MockEndReason,
	type MockSession,
	recapPosted,
	scheduleMockStep,
	unscheduleMock,
} from "../core/mock/session.js";
import {
	claimTurnPost,
	currentTurn,
	endTurn,
	markLeft,
	planTurn,
	readProgress,
	recordTurnPosted,
	type TurnProgress,
} from "../core/mock/turns.js";
import { mockSubject, renderLobby, renderRecap, renderTurn, type TurnStatus } from "../core/render/mock.js";
import { createKeyedLock } from "../lib/keyed-lock.js";
import { lobbyButtons, turnButtons } from "./mock-components.js";

const NO_PINGS = { parse: [] };

/**
 * Everything that changes a session in this process (a click, /mock stop, the timer) runs one at a
 * time per session, so a grade and a time-out never post the next question twice. Across processes
 * the store's claims do the same.
 */
const serialise = createKeyedLock();

/** The view of a lobby message, with the right members for its state. */
export async function lobbyBody(ctx: DojoContext, session: MockSession) {
	const members = session.members.length > 0 ? session.members : await lobbyMembers(ctx, session.id);
	return {
		embeds: renderLobby(session, members, mockSubject(ctx.bank, session.filter)),
		components: session.state === "lobby" ? lobbyButtons() : [],
	};
}

function statusOf(session: MockSession, turn: TurnProgress): TurnStatus {
	if (turn.grade) return { kind: "graded", grade: turn.grade.grade };
	if (turn.ended?.reason === "skipped") return { kind: "skipped" };
	if (session.state === "finished") {
		return { kind: "not-graded", reason: turn.ended?.reason === "time-up" ? "time-up" : "stopped" };
	}
	if (turn.ended) return { kind: "time-up" };
	return { kind: "running", dueAt: turn.posted?.dueAt ?? 0 };
}

/** A question message as the store says it is now: its countdown or outcome, and the buttons it still needs. */
export function turnBody(ctx: DojoContext, session: MockSession, turn: TurnProgress) {
	const question = ctx.bank.question(turn.questionId);
	const section = question && ctx.bank.section(question.section);
	if (!turn.posted || !question || !section) return undefined;
	const rendered = renderTurn({
		question,
		section,
		index: turn.index,
		total: session.questionIds.length,
		candidateId: turn.posted.candidateId,
		interviewerId: turn.posted.interviewerId,
		status: statusOf(session, turn),
	});
	return {
		...rendered,
		components:
			session.state === "finished" ? [] : turnButtons(session.id, turn.index, { graded: turn.grade !== undefined }),
	};
}

/** Adds members to the thread, so it shows in their list and the bot can tell later whether they left. */
export async function addToThread(ctx: DojoContext, client: Client, threadId: string, memberIds: readonly string[]) {
	for (const memberId of memberIds) {
		try {
			await client.rest.put(Routes.threadMembers(threadId, memberId));
		} catch (error) {
			ctx.logger.warn({ err: error, threadId, memberId }, "could not add a member to the mock interview thread");
		}
	}
}

/** Whether a member is still in the thread: Discord answers 10007 for someone who left it. */
async function inThread(client: Client, threadId: string, memberId: string): Promise<boolean> {
	try {
		await client.rest.get(Routes.threadMembers(threadId, memberId));
		return true;
	} catch (error) {
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember) return false;
		throw error;
	}
}

async function editTurn(ctx: DojoContext, client: Client, session: MockSession, index: number): Promise<void> {
	const turn = (await readProgress(ctx, session)).turns[index];
	const body = turn && turnBody(ctx, session, turn);
	if (!body || !turn?.posted) return;
	try {
		await client.rest.patch(Routes.channelMessage(session.id, turn.posted.messageId), {
			body: { ...body, allowed_mentions: NO_PINGS },
		});
	} catch (error) {
		ctx.logger.warn({ err: error, sessionId: session.id, turn: index }, "could not update a mock interview question");
	}
}

async function postTurn(
	ctx: DojoContext,
	client: Client,
	session: MockSession,
	turn: TurnProgress,
	pair: { candidateId: string; interviewerId: string },
): Promise<void> {
	const postedAt = ctx.clock.now();
	const posted = { messageId: "", postedAt, dueAt: postedAt + session.minutes * 60_000, ...pair };
	const body = turnBody(ctx, session, { index: turn.index, questionId: turn.questionId, posted });
	if (!body) {
		ctx.logger.warn({ sessionId: session.id, turn: turn.index }, "mock interview question left the bank; skipped");
		await endTurn(ctx, session.id, turn.index, "skipped");
		return;
	}
	// The two members whose turn it is are pinged; nobody else ever is.
	const message = (await client.rest.post(Routes.channelMessages(session.id), {
		body: { ...body, allowed_mentions: { parse: [], users: [pair.candidateId, pair.interviewerId] } },
	})) as APIMessage;
	await recordTurnPosted(ctx, session.id, turn.index, { ...posted, messageId: message.id });
	ctx.logger.info({ sessionId: session.id, turn: turn.index, questionId: turn.questionId }, "mock question posted");
}

/**
 * The end, whatever caused it: every question shows its outcome without buttons, the recap goes into
 * the thread, the lobby says it is over, and the thread is archived (last, since an archived thread
 * takes no edits). Only a recap that could not be sent for a reason other than Discord refusing it is
 * tried again (by the timer); every other failed step is logged and the rest still happens.
 */
async function showFinish(ctx: DojoContext, client: Client, session: MockSession): Promise<void> {
	if (!(await claimRecap(ctx, session.id))) return;
	const logged = (step: string) => (error: unknown) =>
		ctx.logger.warn({ err: error, sessionId: session.id, step }, "could not finish a step of a mock interview");
	const progress = await readProgress(ctx, session);
	const posted = progress.turns.filter((turn) => turn.posted);
	for (const turn of posted) {
		const body = turnBody(ctx, session, turn);
		if (!body || !turn.posted) continue;
		await client.rest
			.patch(Routes.channelMessage(session.id, turn.posted.messageId), {
				body: { ...body, allowed_mentions: NO_PINGS },
			})
			.catch(logged("question"));
	}
	let recapId = "none";
	if (posted.length > 0) {
		const recap = renderRecap(session, buildRecap(session, progress), ctx.bank);
		try {
			const message = (await client.rest.post(Routes.channelMessages(session.id), {
				body: { ...recap, allowed_mentions: NO_PINGS },
			})) as APIMessage;
			recapId = message.id;
		} catch (error) {
			if (!(error instanceof DiscordAPIError)) throw error;
			logged("recap")(error);
		}
	}
	await recapPosted(ctx, session.id, recapId);
	await client.rest
		.patch(Routes.channelMessage(session.channelId, session.id), {
			body: { ...(await lobbyBody(ctx, session)), allowed_mentions: NO_PINGS },
		})
		.catch(logged("lobby"));
	await client.rest.patch(Routes.channel(session.id), { body: { archived: true } }).catch(logged("archive"));
	ctx.logger.info(
		{ sessionId: session.id, reason: session.endReason, asked: posted.length },
		"mock interview finished",
	);
}

async function finishAndShow(ctx: DojoContext, client: Client, id: string, reason: MockEndReason, by?: string) {
	const finished = await finishMock(ctx, id, reason, by);
	if (finished) await showFinish(ctx, client, finished);
	return finished !== undefined;
}

/**
 * Brings a session up to date: closes an expired lobby, times out questions past their deadline,
 * skips members who left the thread, posts the next question, and ends the session after the last.
 * Safe to run any number of times: every step is claimed or checked against the store first.
 */
async function advance(ctx: DojoContext, client: Client, id: string): Promise<void> {
	const session = await findMockSession(ctx, id);
	if (!session) {
		await unscheduleMock(ctx, id);
		return;
	}
	if (session.state === "finished") return showFinish(ctx, client, session);
	if (session.state === "lobby") {
		if (ctx.clock.now() >= session.createdAt + MOCK_LIMITS.lobbyMinutes * 60_000) {
			await finishAndShow(ctx, client, id, "expired");
		}
		return;
	}
	// Each pass ends a turn or returns; members can leave at most once each.
	for (let pass = 0; pass <= session.questionIds.length + session.members.length; pass++) {
		const progress = await readProgress(ctx, session);
		const turn = currentTurn(progress);
		if (!turn) {
			await finishAndShow(ctx, client, id, "completed");
			return;
		}
		if (turn.posted) {
			if (turn.posted.dueAt > ctx.clock.now()) {
				await scheduleMockStep(ctx, id, turn.posted.dueAt);
				return;
			}
			if (await endTurn(ctx, id, turn.index, "time-up")) {
				ctx.logger.info({ sessionId: id, turn: turn.index }, "mock question timed out");
				await editTurn(ctx, client, session, turn.index);
			}
			continue;
		}
		const plan = planTurn(session.members, turn.index, (member) => !progress.left.has(member));
		if (plan.kind === "end") {
			await finishAndShow(ctx, client, id, "too-few-members");
			return;
		}
		if (plan.kind === "skip") {
			await endTurn(ctx, id, turn.index, "skipped");
			continue;
		}
		const gone = [plan.candidateId, plan.interviewerId];
		const left = (await Promise.all(gone.map((member) => inThread(client, id, member)))).flatMap((present, at) =>
			present ? [] : [gone[at] ?? ""],
		);
		if (left.length > 0) {
			for (const member of left) await markLeft(ctx, id, member);
			ctx.logger.info({ sessionId: id, left }, "mock interview members left the thread; skipped from now on");
			continue;
		}
		if (await claimTurnPost(ctx, id, turn.index)) await postTurn(ctx, client, session, turn, plan);
		return;
	}
}

/** Brings a session up to date (see `advance`), after whatever else is running on it here. */
export function advanceMock(ctx: DojoContext, client: Client, id: string): Promise<void> {
	return serialise(id, () => advance(ctx, client, id));
}

/** Ends a turn because its interviewer graded it, and moves on when it was the current one. */
export function gradedTurn(ctx: DojoContext, client: Client, id: string, index: number): Promise<void> {
	return serialise(id, async () => {
		if (await endTurn(ctx, id, index, "graded")) await advance(ctx, client, id);
	});
}

/** /mock stop: ends the current question and the session now, with its recap; false when it was over. */
export function stopMock(ctx: DojoContext, client: Client, id: string, by: string): Promise<boolean> {
	return serialise(id, async () => {
		const session = await findMockSession(ctx, id);
		if (!session || session.state === "finished") return false;
		if (session.state === "running") {
			const turn = currentTurn(await readProgress(ctx, session));
			if (turn?.posted) await endTurn(ctx, id, turn.index, "stopped");
		}
		return finishAndShow(ctx, client, id, "stopped", by);
	});
}

/** Runs a lobby change (a join, the start) after whatever else is running on the session here. */
export function inSession<T>(id: string, task: () => Promise<T>): Promise<T> {
	return serialise(id, task);
}

/** A session whose thread is gone can never go on: it ends without a recap. */
export async function abandonMock(ctx: DojoContext, id: string): Promise<void> {
	await finishMock(ctx, id, "stopped");
	await recapPosted(ctx, id, "thread-gone");
}
