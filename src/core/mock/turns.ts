import { z } from "zod";
import type { DojoContext } from "../context.js";
import { GRADES } from "../scoring/points.js";
import { parseStoredJson } from "../stored-json.js";
import { type MockSession, scheduleMockStep } from "./session.js";

export const TURN_END_REASONS = ["graded", "time-up", "skipped", "stopped"] as const;
export type TurnEndReason = (typeof TURN_END_REASONS)[number];

const postedSchema = z.object({
	messageId: z.string(),
	postedAt: z.number(),
	dueAt: z.number(),
	candidateId: z.string(),
	interviewerId: z.string(),
});
const endedSchema = z.object({ at: z.number(), reason: z.enum(TURN_END_REASONS) });
const gradeSchema = z.object({ grade: z.enum(GRADES), at: z.number(), by: z.string() });
const noteSchema = z.object({ text: z.string(), at: z.number(), by: z.string() });

export type PostedTurn = z.infer<typeof postedSchema>;

export interface TurnProgress {
	index: number;
	questionId: string;
	posted?: PostedTurn;
	ended?: z.infer<typeof endedSchema>;
	grade?: z.infer<typeof gradeSchema>;
	note?: z.infer<typeof noteSchema>;
}

export interface MockProgress {
	turns: TurnProgress[];
	/** Members found to have left the thread. */
	left: Set<string>;
}

/**
 * Everything that happened in a running session, one hash field per fact (`post:2`, `end:2`,
 * `grade:2`, `note:2`, `left:<member>`), so a grade, a time-out and a note never overwrite each other.
 */
const progressKey = (id: string) => `mock-progress:${id}`;

export async function readProgress(
	ctx: Pick<DojoContext, "store" | "logger">,
	session: MockSession,
): Promise<MockProgress> {
	const fields = await ctx.store.hashGetAll(progressKey(session.id));
	const read = <T>(field: string, schema: z.ZodType<T>): T | undefined => {
		const raw = fields[field];
		if (raw === undefined) return undefined;
		const value = parseStoredJson(raw, schema);
		if (value === undefined) ctx.logger.error({ sessionId: session.id, field }, "stored mock progress is not valid");
		return value;
	};
	const turns = session.questionIds.map((questionId, index): TurnProgress => {
		const posted = read(`post:${index}`, postedSchema);
		const ended = read(`end:${index}`, endedSchema);
		const grade = read(`grade:${index}`, gradeSchema);
		const note = read(`note:${index}`, noteSchema);
		return {
			index,
			questionId,
			...(posted ? { posted } : {}),
			...(ended ? { ended } : {}),
			...(grade ? { grade } : {}),
			...(note ? { note } : {}),
		};
	});
	const left = new Set(
		Object.keys(fields)
			.filter((field) => field.startsWith("left:"))
			.map((field) => field.slice("left:".length)),
	);
	return { turns, left };
}

/** The turn the session is on: the first one not yet ended. */
export function currentTurn(progress: MockProgress): TurnProgress | undefined {
	return progress.turns.find((turn) => turn.ended === undefined);
}

export type TurnPlan = { kind: "ask"; candidateId: string; interviewerId: string } | { kind: "skip" } | { kind: "end" };

/**
 * Who answers and who asks on a turn. Candidates go round the members in the order they joined, and
 * each lap pairs every candidate with a different interviewer, so with at least as many questions as
 * members everyone is both. A candidate who left loses the turn; an interviewer who left is replaced by
 * the next member still there; fewer than two left ends the session.
 */
export function planTurn(members: readonly string[], index: number, present: (memberId: string) => boolean): TurnPlan {
	if (members.filter(present).length < 2) return { kind: "end" };
	const count = members.length;
	const candidateId = members[index % count];
	if (candidateId === undefined || !present(candidateId)) return { kind: "skip" };
	const shift = 1 + (Math.floor(index / count) % (count - 1));
	for (let step = 0; step < count; step++) {
		const interviewerId = members[(index + shift + step) % count];
		if (interviewerId !== undefined && interviewerId !== candidateId && present(interviewerId)) {
			return { kind: "ask", candidateId, interviewerId };
		}
	}
	return { kind: "end" };
}

/** Long enough to post one message; a process that dies meanwhile leaves the post to the next sweep. */
const POST_CLAIM_MS = 30_000;

/** Takes the posting of a turn's question, so two processes or a click and a sweep post it once. */
export function claimTurnPost(ctx: Pick<DojoContext, "store">, sessionId: string, index: number): Promise<boolean> {
	return ctx.store.claim(`mock-post:${sessionId}:${index}`, POST_CLAIM_MS);
}

/** Records a posted question and puts its time-out on the schedule. */
export async function recordTurnPosted(
	ctx: Pick<DojoContext, "store">,
	sessionId: string,
	index: number,
	posted: PostedTurn,
): Promise<void> {
	await ctx.store.hashSet(progressKey(sessionId), `post:${index}`, JSON.stringify(postedSchema.parse(posted)));
	await scheduleMockStep(ctx, sessionId, posted.dueAt);
}

/** Ends a turn once: true for the one caller (a grade, the time-out, a skip, a stop) that ended it. */
export function endTurn(
	ctx: Pick<DojoContext, "store" | "clock">,
	sessionId: string,
	index: number,
	reason: TurnEndReason,
): Promise<boolean> {
	return ctx.store.hashSetIfAbsent(
		progressKey(sessionId),
		`end:${index}`,
		JSON.stringify({ at: ctx.clock.now(), reason }),
	);
}

/** Remembers that a member left the thread, for the rest of the session and its recap. */
export async function markLeft(ctx: Pick<DojoContext, "store" | "clock">, sessionId: string, memberId: string) {
	await ctx.store.hashSetIfAbsent(progressKey(sessionId), `left:${memberId}`, String(ctx.clock.now()));
}

/** Stores the interviewer's grade of a turn, the first one only; true when this one was stored. */
export function storeGrade(
	ctx: Pick<DojoContext, "store">,
	sessionId: string,
	index: number,
	grade: z.infer<typeof gradeSchema>,
): Promise<boolean> {
	return ctx.store.hashSetIfAbsent(progressKey(sessionId), `grade:${index}`, JSON.stringify(gradeSchema.parse(grade)));
}

/** Stores the interviewer's note on a turn; a later note replaces it. */
export async function storeNote(
	ctx: Pick<DojoContext, "store">,
	sessionId: string,
	index: number,
	note: z.infer<typeof noteSchema>,
): Promise<void> {
	await ctx.store.hashSet(progressKey(sessionId), `note:${index}`, JSON.stringify(noteSchema.parse(note)));
}
