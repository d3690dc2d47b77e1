import { z } from "zod";
import { DIFFICULTIES } from "../bank/schema.js";
import type { DojoContext } from "../context.js";
import { parseStoredJson } from "../stored-json.js";
import { pickMockQuestions } from "./questions.js";

/** What /mock start accepts, and what a session holds: Discord threads suit a few people talking. */
export const MOCK_LIMITS = {
	questions: { min: 3, max: 10, default: 5 },
	minutes: { min: 1, max: 30, default: 5 },
	members: { min: 2, max: 8 },
	/** A lobby nobody starts closes itself after this long, so its buttons do not wait for ever. */
	lobbyMinutes: 60,
} as const;

export const mockFilterSchema = z.object({
	section: z.string().optional(),
	bank: z.string().optional(),
	difficulty: z.enum(DIFFICULTIES).optional(),
});

export type MockFilter = z.infer<typeof mockFilterSchema>;

export const MOCK_END_REASONS = ["completed", "stopped", "expired", "too-few-members"] as const;
export type MockEndReason = (typeof MOCK_END_REASONS)[number];

export const mockSessionSchema = z.object({
	/** The thread's id, which Discord makes the id of the message it was started from (the lobby). */
	id: z.string(),
	guildId: z.string(),
	/** The channel the thread hangs off, where the lobby message is. */
	channelId: z.string(),
	starterId: z.string(),
	/** The thread's name: "Mock interview · <section> · <date>". */
	title: z.string(),
	filter: mockFilterSchema,
	questionCount: z.number().int().min(MOCK_LIMITS.questions.min).max(MOCK_LIMITS.questions.max),
	minutes: z.number().int().min(MOCK_LIMITS.minutes.min).max(MOCK_LIMITS.minutes.max),
	createdAt: z.number(),
	state: z.enum(["lobby", "running", "finished"]),
	startedAt: z.number().optional(),
	/** Who takes part, in the order they joined; fixed at the start. */
	members: z.array(z.string()).default([]),
	/** One question per turn, chosen at the start. */
	questionIds: z.array(z.string()).default([]),
	finishedAt: z.number().optional(),
	endReason: z.enum(MOCK_END_REASONS).optional(),
	stoppedBy: z.string().optional(),
});

export type MockSession = z.infer<typeof mockSessionSchema>;

/** Every session with something due (a lobby's expiry, a question's time-out, a recap to post), by when. */
export const MOCK_DUE = "mock-due";

const sessionKey = (id: string) => `mock:${id}`;
/** Member id to the instant they joined; a hash, so members joining at once are all kept. */
const membersKey = (id: string) => `mock-members:${id}`;
/** The sessions of a guild not yet finished, with their channel and starter, for /mock stop. */
const openKey = (guildId: string) => `mock-open:${guildId}`;
/** Where a finished session's recap went, once it is posted. */
const recapKey = (id: string) => `mock-recap-posted:${id}`;
/**
 * A start or a finish is claimed for long enough to write it, so two clicks (or two processes) do it once;
 * a process dying half-way leaves the step to be tried again after the claim runs out.
 */
const STEP_CLAIM_MS = 30_000;

const openEntrySchema = z.object({ channelId: z.string(), starterId: z.string() });

export async function findMockSession(ctx: Pick<DojoContext, "store">, id: string): Promise<MockSession | undefined> {
	return ctx.store.get(sessionKey(id), mockSessionSchema);
}

async function saveSession(ctx: Pick<DojoContext, "store">, session: MockSession): Promise<void> {
	await ctx.store.set(sessionKey(session.id), mockSessionSchema.parse(session));
}

/** Members of a lobby in the order they joined (ties by id, so every process agrees). */
export async function lobbyMembers(ctx: Pick<DojoContext, "store">, id: string): Promise<string[]> {
	const joined = Object.entries(await ctx.store.hashGetAll(membersKey(id)));
	return joined
		.sort(([a, atA], [b, atB]) => Number(atA) - Number(atB) || (a < b ? -1 : 1))
		.map(([memberId]) => memberId);
}

export interface MockRequest {
	guildId: string;
	channelId: string;
	starterId: string;
	title: string;
	filter: MockFilter;
	questionCount: number;
	minutes: number;
}

/** A lobby as it is shown before Discord has given it an id (the lobby message's, which the thread takes). */
export function draftMock(request: MockRequest, now: number): Omit<MockSession, "id"> {
	return { ...request, createdAt: now, state: "lobby", members: [], questionIds: [] };
}

/**
 * Stores a new session as a lobby on the thread `id`, with its starter as the first member, and puts
 * its expiry on the schedule.
 */
export async function openMock(
	ctx: Pick<DojoContext, "store" | "clock">,
	id: string,
	request: MockRequest,
): Promise<MockSession> {
	const now = ctx.clock.now();
	const session: MockSession = { id, ...draftMock(request, now) };
	await saveSession(ctx, session);
	await ctx.store.hashSetIfAbsent(membersKey(id), request.starterId, String(now));
	await ctx.store.hashSet(
		openKey(request.guildId),
		id,
		JSON.stringify({ channelId: request.channelId, starterId: request.starterId }),
	);
	await scheduleMockStep(ctx, id, now + MOCK_LIMITS.lobbyMinutes * 60_000);
	return session;
}

export type JoinOutcome =
	| { ok: true; session: MockSession; members: string[] }
	| { ok: false; reason: "not-a-session" | "started" | "already-in" | "full"; session?: MockSession };

/** Adds a member to a lobby; the ninth of eight joining at once is taken out again and told it is full. */
export async function joinMock(
	ctx: Pick<DojoContext, "store" | "clock">,
	id: string,
	memberId: string,
): Promise<JoinOutcome> {
	const session = await findMockSession(ctx, id);
	if (!session) return { ok: false, reason: "not-a-session" };
	if (session.state !== "lobby") return { ok: false, reason: "started", session };
	if (!(await ctx.store.hashSetIfAbsent(membersKey(id), memberId, String(ctx.clock.now())))) {
		return { ok: false, reason: "already-in", session };
	}
	const members = await lobbyMembers(ctx, id);
	if (members.indexOf(memberId) >= MOCK_LIMITS.members.max) {
		await ctx.store.hashDelete(membersKey(id), memberId);
		return { ok: false, reason: "full", session };
	}
	return { ok: true, session, members: members.slice(0, MOCK_LIMITS.members.max) };
}

export type StartOutcome =
	| { ok: true; session: MockSession }
	| {
			ok: false;
			reason: "not-a-session" | "not-starter" | "started" | "too-few-members" | "no-questions";
			session?: MockSession;
			members?: number;
	  };

/**
 * Starts a lobby: fixes who takes part and which questions are asked. There are at least as many
 * questions as members, when the bank has them, so the rotation makes everyone a candidate and an
 * interviewer. Only the starter starts it, or a moderator; the start is claimed, so it happens once.
 */
export async function startMock(
	ctx: Pick<DojoContext, "store" | "bank" | "clock" | "random">,
	id: string,
	by: { memberId: string; moderator: boolean },
): Promise<StartOutcome> {
	const session = await findMockSession(ctx, id);
	if (!session) return { ok: false, reason: "not-a-session" };
	if (session.state !== "lobby") return { ok: false, reason: "started", session };
	if (by.memberId !== session.starterId && !by.moderator) return { ok: false, reason: "not-starter", session };
	const members = (await lobbyMembers(ctx, id)).slice(0, MOCK_LIMITS.members.max);
	if (members.length < MOCK_LIMITS.members.min) {
		return { ok: false, reason: "too-few-members", session, members: members.length };
	}
	const wanted = Math.min(Math.max(session.questionCount, members.length), MOCK_LIMITS.questions.max);
	const questions = pickMockQuestions(ctx, session.filter, wanted);
	if (questions.length === 0) return { ok: false, reason: "no-questions", session };
	if (!(await ctx.store.claim(`mock-start:${id}`, STEP_CLAIM_MS))) return { ok: false, reason: "started", session };
	const started: MockSession = {
		...session,
		state: "running",
		startedAt: ctx.clock.now(),
		members,
		questionIds: questions.map((question) => question.id),
	};
	await saveSession(ctx, started);
	return { ok: true, session: started };
}

/**
 * Ends a session once, whatever ends it (the last turn, /mock stop, an expired lobby, members leaving).
 * It leaves the schedule only when its recap is posted, so a crash in between posts it after a restart.
 */
export async function finishMock(
	ctx: Pick<DojoContext, "store" | "clock">,
	id: string,
	reason: MockEndReason,
	stoppedBy?: string,
): Promise<MockSession | undefined> {
	const session = await findMockSession(ctx, id);
	if (!session || session.state === "finished") return undefined;
	if (!(await ctx.store.claim(`mock-finish:${id}`, STEP_CLAIM_MS))) return undefined;
	const finished: MockSession = {
		...session,
		state: "finished",
		finishedAt: ctx.clock.now(),
		endReason: reason,
		...(stoppedBy ? { stoppedBy } : {}),
	};
	await saveSession(ctx, finished);
	await ctx.store.hashDelete(openKey(session.guildId), id);
	await scheduleMockStep(ctx, id, ctx.clock.now());
	return finished;
}

/** Takes the posting of a finished session's recap; false when it is out already or being posted. */
export async function claimRecap(ctx: Pick<DojoContext, "store">, id: string): Promise<boolean> {
	if ((await ctx.store.get(recapKey(id), z.string())) !== undefined) return false;
	return ctx.store.claim(`mock-recap:${id}`, STEP_CLAIM_MS);
}

/** The recap is out: the session needs nothing more. */
export async function recapPosted(ctx: Pick<DojoContext, "store">, id: string, messageId: string): Promise<void> {
	await ctx.store.set(recapKey(id), messageId);
	await unscheduleMock(ctx, id);
}

/** The unfinished sessions of a guild started in a channel, for /mock stop run outside their thread. */
export async function openMocksIn(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	channelId: string,
): Promise<Array<{ id: string; starterId: string }>> {
	const open = await ctx.store.hashGetAll(openKey(guildId));
	return Object.entries(open).flatMap(([id, raw]) => {
		const entry = parseStoredJson(raw, openEntrySchema);
		return entry && entry.channelId === channelId ? [{ id, starterId: entry.starterId }] : [];
	});
}

/** When a session's next step is due: a question's time-out, or a retry after Discord or the store failed. */
export async function scheduleMockStep(ctx: Pick<DojoContext, "store">, id: string, at: number): Promise<void> {
	await ctx.store.rankingSet(MOCK_DUE, id, at);
}

/** A session that is gone from the store has no step left. */
export async function unscheduleMock(ctx: Pick<DojoContext, "store">, id: string): Promise<void> {
	await ctx.store.rankingRemove(MOCK_DUE, id);
}

/** Sessions whose next step is due, earliest first. */
export async function dueMocks(ctx: Pick<DojoContext, "store" | "clock">, limit: number): Promise<string[]> {
	return (await ctx.store.rankingUpTo(MOCK_DUE, ctx.clock.now(), limit)).map((entry) => entry.member);
}
