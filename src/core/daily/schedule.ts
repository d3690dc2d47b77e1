import { DateTime } from "luxon";

/** How long after its time a daily may still go out, e.g. when the bot was down at that moment. */
export const DEFAULT_GRACE_MS = 3 * 60 * 60_000;

export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The calendar date an instant falls on in a zone, as yyyy-MM-dd. */
export function localDate(instant: number, timeZone: string): string {
	return DateTime.fromMillis(instant, { zone: timeZone }).toISODate() ?? "";
}

/**
 * When a date's daily is due. Luxon resolves local times the zone skips (a spring-forward gap) to the
 * same moment an hour later on the wall clock, and repeated ones (fall back) to one of the two, so a
 * date always has exactly one due instant: unlike a cron expression, which skips the gap.
 */
export function scheduledInstant(date: string, time: string, timeZone: string): number {
	return DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toMillis();
}

const shiftDate = (date: string, days: number) => DateTime.fromISO(date).plus({ days }).toISODate() ?? date;

/** The first due instant strictly after `after`. */
export function nextRunAt(after: number, time: string, timeZone: string): number {
	const today = localDate(after, timeZone);
	for (const offset of [0, 1, 2]) {
		const at = scheduledInstant(shiftDate(today, offset), time, timeZone);
		if (at > after) return at;
	}
	throw new RangeError(`no daily time after ${new Date(after).toISOString()} for ${time} ${timeZone}`);
}

/**
 * The local date whose daily should go out now: the latest date whose due instant has passed, if it
 * passed less than `graceMs` ago. Yesterday counts too, for a 23:30 daily caught up at 00:30.
 */
export function dueDate(now: number, time: string, timeZone: string, graceMs = DEFAULT_GRACE_MS): string | undefined {
	const today = localDate(now, timeZone);
	for (const date of [today, shiftDate(today, -1)]) {
		const at = scheduledInstant(date, time, timeZone);
		if (at <= now) return now - at <= graceMs ? date : undefined;
	}
	return undefined;
}

/** Whether `later` is the calendar day right after `earlier`. */
export function isNextDay(earlier: string, later: string): boolean {
	return shiftDate(earlier, 1) === later;
}
