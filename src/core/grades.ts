import type { DojoContext } from "./context.js";
import { recordDailyAnswer } from "./daily/streaks.js";
import { recallOfGrade, reviewRoundAnswer } from "./practice/cards.js";
import { findRound } from "./rounds.js";
import { type Grade, gradePoints } from "./scoring/points.js";
import { loadSettings } from "./settings.js";
import { recordAward } from "./standings.js";

export type GradeOutcome =
	| { stored: true; points: number }
	| { stored: false; reason: "not-a-round" | "not-revealed" | "not-open" | "already-graded" };

const gradesKey = (messageId: string) => `grades:${messageId}`;

/**
 * A member's self-grade on a revealed open question. Only the first counts: the answer was hidden
 * until the reveal, so a first honest grade is the one a study group can trust.
 */
export async function recordGrade(
	ctx: Pick<DojoContext, "store" | "banks" | "clock" | "logger">,
	messageId: string,
	memberId: string,
	grade: Grade,
): Promise<GradeOutcome> {
	const round = await findRound(ctx, messageId);
	if (!round) return { stored: false, reason: "not-a-round" };
	if (round.revealedAt === undefined) return { stored: false, reason: "not-revealed" };
	const question = (await ctx.banks.forGuild(round.guildId)).question(round.questionId);
	if (question?.kind !== "open") return { stored: false, reason: "not-open" };
	if (!(await ctx.store.hashSetIfAbsent(gradesKey(messageId), memberId, grade))) {
		return { stored: false, reason: "already-graded" };
	}
	if (round.dailyDate && grade === "got-it") await recordDailyAnswer(ctx, round.guildId, memberId, round.dailyDate);
	const settings = await loadSettings(ctx, round.guildId);
	const points = settings.selfGradedPoints ? gradePoints(question.difficulty, grade) : 0;
	await recordAward(
		ctx,
		{ memberId, points, correct: grade === "got-it", first: false },
		{
			guildId: round.guildId,
			roundId: messageId,
			questionId: question.id,
			sectionId: question.section,
			at: ctx.clock.now(),
			timeZone: settings.timeZone,
		},
	);
	await reviewRoundAnswer(ctx, messageId, {
		guildId: round.guildId,
		memberId,
		questionId: question.id,
		recall: recallOfGrade(grade),
		at: ctx.clock.now(),
	});
	return { stored: true, points };
}
