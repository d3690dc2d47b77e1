import pLimit from "p-limit";
import { z } from "zod";
import { type DojoContext, inGuild } from "../context.js";
import { DEFAULT_GRACE_MS, dueDate, nextRunAt, TIME_OF_DAY } from "../daily/schedule.js";
import { loadSettings } from "../settings.js";
import { isTimeZone } from "../time-zones.js";
import { countDueCards } from "./status.js";

const reminderSchema = z.object({
	time: z.string().regex(TIME_OF_DAY, "must be HH:MM, 24-hour"),
	timeZone: z.string().refine(isTimeZone, "must be an IANA time zone"),
});

/** When a member wants their practice reminder: a time of day in their own zone. */
export type PracticeReminder = z.infer<typeof reminderSchema>;

const noticeSchema = z.object({ reason: z.literal("direct-messages-refused"), at: z.number() });

export type PracticeNotice = z.infer<typeof noticeSchema>;

/** Members with a reminder, `guildId:memberId`, scored by the instant their next one is due. */
export const PRACTICE_REMINDERS_DUE = "practice-reminders-due";

const reminderKey = (guildId: string, memberId: string) => `practice-reminder:${guildId}:${memberId}`;
/** Something the member must hear about privately the next time they use a command. */
const noticeKey = (guildId: string, memberId: string) => `practice-notice:${guildId}:${memberId}`;
const scheduleMember = (guildId: string, memberId: string) => `${guildId}:${memberId}`;

/** Long enough to cover a date's whole grace window, so one process alone handles each member's day. */
const DATE_CLAIM_MS = 2 * 24 * 60 * 60_000;
/** DMs go out a few at a time: Discord warns that opening many DMs at once can get a bot blocked. */
const SENDS_IN_PARALLEL = 5;

export async function loadReminder(ctx: Pick<DojoContext, "store">, guildId: string, memberId: string) {
	return ctx.store.get(reminderKey(guildId, memberId), reminderSchema);
}

/** Saves a member's reminder and puts the next one on the schedule; resolves when that is. */
export async function setReminder(
	ctx: Pick<DojoContext, "store" | "clock">,
	guildId: string,
	memberId: string,
	reminder: PracticeReminder,
): Promise<number> {
	await ctx.store.set(reminderKey(guildId, memberId), reminderSchema.parse(reminder));
	// Turning reminders on again answers the notice that they were switched off.
	await ctx.store.delete(noticeKey(guildId, memberId));
	const at = nextRunAt(ctx.clock.now(), reminder.time, reminder.timeZone);
	await ctx.store.rankingSet(PRACTICE_REMINDERS_DUE, scheduleMember(guildId, memberId), at);
	return at;
}

export async function removeReminder(ctx: Pick<DojoContext, "store">, guildId: string, memberId: string) {
	await ctx.store.delete(reminderKey(guildId, memberId));
	await ctx.store.rankingRemove(PRACTICE_REMINDERS_DUE, scheduleMember(guildId, memberId));
}

/** The zone a member's "today" is counted in: their reminder's, else the server's. */
export async function memberTimeZone(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	memberId: string,
): Promise<string> {
	const [reminder, settings] = await Promise.all([loadReminder(ctx, guildId, memberId), loadSettings(ctx, guildId)]);
	return reminder?.timeZone ?? settings.timeZone;
}

/**
 * The member's pending notice, handed out once: when several processes see the member's next command,
 * the claim lets one of them tell it.
 */
export async function takeNotice(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	memberId: string,
): Promise<PracticeNotice | undefined> {
	const notice = await ctx.store.get(noticeKey(guildId, memberId), noticeSchema);
	if (!notice) return undefined;
	if (!(await ctx.store.claim(`${noticeKey(guildId, memberId)}:${notice.at}`, DATE_CLAIM_MS))) return undefined;
	await ctx.store.delete(noticeKey(guildId, memberId));
	return notice;
}

/** Sends one reminder by direct message; "refused" is Discord's permanent no (closed DMs, a block). */
export type ReminderSender = (
	guildId: string,
	memberId: string,
	dueCount: number,
) => Promise<{ ok: true } | { ok: false; refused: boolean; problem: string }>;

export interface ReminderRun {
	guildId: string;
	memberId: string;
	date: string;
	due: number;
	outcome: "sent" | "nothing-due" | "refused" | "failed";
}

/**
 * Sends every reminder whose time has come, on the days the member has cards due; a day with nothing
 * due sends nothing. Each member's local date is claimed first, so a reminder goes out at most once a
 * day however many processes tick. A refused DM switches the reminder off and leaves a notice.
 */
export async function runDueReminders(
	ctx: Pick<DojoContext, "store" | "banks" | "clock" | "logger">,
	send: ReminderSender,
	options: { graceMs?: number; limit?: number; ownsGuild?: (guildId: string) => boolean } = {},
): Promise<ReminderRun[]> {
	const now = ctx.clock.now();
	const due = await ctx.store.rankingUpTo(PRACTICE_REMINDERS_DUE, now, options.limit ?? 5_000);
	const concurrently = pLimit(SENDS_IN_PARALLEL);
	const runs = await Promise.all(
		due.map(({ member }) => {
			const [guildId = "", memberId = ""] = member.split(":");
			if (!(options.ownsGuild?.(guildId) ?? true)) return undefined;
			return concurrently(() => runMember(ctx, send, { guildId, memberId, now, graceMs: options.graceMs }));
		}),
	);
	return runs.filter((run): run is ReminderRun => run !== undefined);
}

async function runMember(
	ctx: Pick<DojoContext, "store" | "banks" | "clock" | "logger">,
	send: ReminderSender,
	target: { guildId: string; memberId: string; now: number; graceMs: number | undefined },
): Promise<ReminderRun | undefined> {
	const { guildId, memberId, now } = target;
	const reminder = await loadReminder(ctx, guildId, memberId);
	if (!reminder) {
		await ctx.store.rankingRemove(PRACTICE_REMINDERS_DUE, scheduleMember(guildId, memberId));
		return undefined;
	}
	const date = dueDate(now, reminder.time, reminder.timeZone, target.graceMs ?? DEFAULT_GRACE_MS);
	let run: ReminderRun | undefined;
	if (date && (await ctx.store.claim(`${reminderKey(guildId, memberId)}:${date}`, DATE_CLAIM_MS))) {
		const dueCount = await countDueCards(await inGuild(ctx, guildId), {
			guildId,
			memberId,
			now,
			timeZone: reminder.timeZone,
		});
		run = { guildId, memberId, date, due: dueCount, outcome: "nothing-due" };
		if (dueCount > 0) {
			const sent = await send(guildId, memberId, dueCount).catch(
				(error: unknown) => ({ ok: false, refused: false, problem: String(error) }) as const,
			);
			run.outcome = sent.ok ? "sent" : sent.refused ? "refused" : "failed";
			if (!sent.ok) ctx.logger.warn({ guildId, memberId, problem: sent.problem }, "practice reminder not sent");
		}
		if (run.outcome === "refused") {
			await removeReminder(ctx, guildId, memberId);
			const notice: PracticeNotice = { reason: "direct-messages-refused", at: now };
			await ctx.store.set(noticeKey(guildId, memberId), notice);
			return run;
		}
	}
	const next = nextRunAt(now, reminder.time, reminder.timeZone);
	await ctx.store.rankingSet(PRACTICE_REMINDERS_DUE, scheduleMember(guildId, memberId), next);
	return run;
}
