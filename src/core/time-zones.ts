import { distance } from "fastest-levenshtein";

/** Every IANA zone this Node knows, for autocomplete and suggestions. */
const ZONES: readonly string[] = Intl.supportedValuesOf("timeZone");

const normalise = (text: string) => text.trim().toLowerCase().replaceAll(" ", "_");

/** Zones containing what was typed (ignoring case, spaces for underscores), for autocomplete. */
export function searchTimeZones(typed: string, limit = 25): string[] {
	const needle = normalise(typed);
	return ZONES.filter((zone) => zone.toLowerCase().includes(needle)).slice(0, limit);
}

/** The zones nearest to a name that is not a zone, so "Europe/Paaris" suggests Europe/Paris. */
export function closeTimeZones(typed: string, limit = 5): string[] {
	// No zone name is near 64 characters; a longer input would only make the comparison slow.
	const needle = normalise(typed).slice(0, 64);
	const city = needle.split("/").at(-1) ?? needle;
	return ZONES.map((zone) => {
		const lower = zone.toLowerCase();
		const zoneCity = lower.split("/").at(-1) ?? lower;
		return { zone, score: Math.min(distance(needle, lower), distance(city, zoneCity)) };
	})
		.sort((a, b) => a.score - b.score)
		.slice(0, limit)
		.map((entry) => entry.zone);
}
