import type { Difficulty } from "../bank/schema.js";

export const DIFFICULTY_POINTS: Readonly<Record<Difficulty, number>> = { easy: 1, medium: 2, advanced: 3 };
export const FIRST_CORRECT_BONUS = 1;

export const GRADES = ["got-it", "partly", "missed"] as const;
export type Grade = (typeof GRADES)[number];

/** One member's locked answer to a choice question. */
export interface LockedPick {
	memberId: string;
	choice: number;
	at: number;
}

/** What one member earns from one round. */
export interface Award {
	memberId: string;
	points: number;
	correct: boolean;
	first: boolean;
}

/**
 * Scores every pick of a revealed choice round. The earliest correct pick gets the bonus; equal
 * timestamps are broken by member id so that every process scoring the same picks agrees.
 */
export function scorePicks(difficulty: Difficulty, correctChoice: number, picks: readonly LockedPick[]): Award[] {
	const ordered = [...picks].sort((a, b) => a.at - b.at || (a.memberId < b.memberId ? -1 : 1));
	const firstCorrect = ordered.find((pick) => pick.choice === correctChoice);
	return ordered.map((pick) => {
		const correct = pick.choice === correctChoice;
		const first = pick === firstCorrect;
		const points = correct ? DIFFICULTY_POINTS[difficulty] + (first ? FIRST_CORRECT_BONUS : 0) : 0;
		return { memberId: pick.memberId, points, correct, first };
	});
}

/** Self-graded open questions: half points for "partly", rounded down but never below one. */
export function gradePoints(difficulty: Difficulty, grade: Grade): number {
	const full = DIFFICULTY_POINTS[difficulty];
	if (grade === "got-it") return full;
	if (grade === "partly") return Math.max(1, Math.floor(full / 2));
	return 0;
}
