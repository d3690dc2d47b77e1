import { DateTime } from "luxon";

export const PERIODS = ["all", "week", "month"] as const;
export type Period = (typeof PERIODS)[number];

/** How a period reads in a command's choices, the same wherever a member picks one. */
export const PERIOD_CHOICE_NAMES: Record<Period, string> = { all: "all time", week: "this week", month: "this month" };

/**
 * The calendar buckets an instant falls in, in the guild's time zone: ISO week (its week-year, so
 * 30 December can belong to week 1 of the next year) and month. Luxon does the zone rules; a
 * fixed offset would be wrong across daylight saving.
 */
export function periodBuckets(instant: number, timeZone: string): Record<Period, string> {
	const local = DateTime.fromMillis(instant, { zone: timeZone });
	if (!local.isValid) throw new RangeError(`not a time zone: ${timeZone}`);
	return {
		all: "all",
		week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, "0")}`,
		month: local.toFormat("yyyy-MM"),
	};
}
