import type { Grade } from "../scoring/points.js";
import type { MockSession } from "./session.js";
import type { MockProgress, TurnEndReason } from "./turns.js";

export interface RecapTurn {
	index: number;
	questionId: string;
	interviewerId: string;
	grade?: Grade;
	note?: string;
	/** How the turn ended when it was not graded in time (a time-out, a stop). */
	ended?: TurnEndReason;
}

export interface CandidateRecap {
	candidateId: string;
	turns: RecapTurn[];
	/** The questions not answered strongly, to ask again with /question id: (and /review lists them). */
	practiseNext: string[];
}

export interface MockRecap {
	candidates: CandidateRecap[];
	/** Questions posted. */
	asked: number;
	graded: number;
	/** Members who left the thread and were skipped from then on. */
	left: string[];
}

/** Per candidate, in the order they joined: each question they were asked, its grade and note. */
export function buildRecap(session: MockSession, progress: MockProgress): MockRecap {
	const posted = progress.turns.filter((turn) => turn.posted !== undefined);
	const candidates = session.members.flatMap((candidateId): CandidateRecap[] => {
		const turns = posted
			.filter((turn) => turn.posted?.candidateId === candidateId)
			.map(
				(turn): RecapTurn => ({
					index: turn.index,
					questionId: turn.questionId,
					interviewerId: turn.posted?.interviewerId ?? "",
					...(turn.grade ? { grade: turn.grade.grade } : {}),
					...(turn.note ? { note: turn.note.text } : {}),
					...(!turn.grade && turn.ended ? { ended: turn.ended.reason } : {}),
				}),
			);
		if (turns.length === 0) return [];
		const practiseNext = turns.filter((turn) => turn.grade !== "got-it").map((turn) => turn.questionId);
		return [{ candidateId, turns, practiseNext }];
	});
	return {
		candidates,
		asked: posted.length,
		graded: posted.filter((turn) => turn.grade !== undefined).length,
		left: session.members.filter((member) => progress.left.has(member)),
	};
}
