import { timeZoneChoices } from "../src/core/time-zones.js";

/** Autocomplete for a time-zone option: current names, old names, cities and countries, with the offset. */
export function timeZoneOptionChoices(typed: string, now: number) {
	return timeZoneChoices(typed, now).map((choice) => ({ name: choice.label, value: choice.name }));
}
