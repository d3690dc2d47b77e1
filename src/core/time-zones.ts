import { getTimeZones } from "@vvo/tzdb";
import { distance } from "fastest-levenshtein";
import { DateTime, IANAZone } from "luxon";

/** Any zone name the runtime's time-zone data accepts, current or legacy (Asia/Calcutta still works). */
export function isTimeZone(name: string): boolean {
	return IANAZone.isValidZone(name);
}

/**
 * One zone people can find: its current IANA name, the older names that mean the same zone, and the
 * country and cities people actually type. Node's own list (Intl.supportedValuesOf) has legacy names
 * such as Asia/Calcutta and lacks Asia/Kolkata, so the names come from the tzdb package instead.
 */
interface SearchableZone {
	name: string;
	aliases: readonly string[];
	country: string;
	cities: readonly string[];
	/** Lowercase words a search matches against: name parts, aliases, country and cities. */
	terms: readonly string[];
}

const normalise = (text: string) =>
	text
		.trim()
		.toLowerCase()
		.replace(/[\s_]+/g, " ");

/** Terms of a zone name: the whole name and its last part ("asia/kolkata", "kolkata"), with spaces for "_". */
const nameTerms = (name: string) => {
	const whole = normalise(name);
	return [whole, whole.split("/").at(-1) ?? whole];
};

const ZONES: readonly SearchableZone[] = getTimeZones({ includeUtc: true }).map((zone) => {
	const cities = zone.mainCities.filter((city) => city.length > 0);
	const aliases = zone.group.filter((alias) => alias !== zone.name);
	return {
		name: zone.name,
		aliases,
		country: zone.countryName,
		cities,
		terms: [
			...nameTerms(zone.name),
			...aliases.flatMap(nameTerms),
			...(zone.countryName ? [normalise(zone.countryName)] : []),
			...cities.map(normalise),
		],
	};
});

/** The zone's offset from UTC at `now`, as Discord users read it: UTC+05:30, UTC-03:00, UTC+00:00. */
function utcOffset(name: string, now: number): string {
	return `UTC${DateTime.fromMillis(now, { zone: name }).toFormat("ZZ")}`;
}

export interface TimeZoneChoice {
	/** What the member sees, e.g. "Asia/Kolkata (UTC+05:30) · Mumbai, Delhi"; at most 100 characters. */
	label: string;
	/** The current IANA name, what is stored. */
	name: string;
}

const LABEL_LIMIT = 100;

function choiceFor(zone: SearchableZone, now: number): TimeZoneChoice {
	const cities = zone.cities.slice(0, 2).join(", ");
	const place = cities || zone.country;
	const label = `${zone.name} (${utcOffset(zone.name, now)})${place ? ` · ${place}` : ""}`;
	return { name: zone.name, label: label.length > LABEL_LIMIT ? `${label.slice(0, LABEL_LIMIT - 1)}…` : label };
}

/** How well a zone matches what was typed: lower is better, undefined is no match. */
function matchRank(zone: SearchableZone, needle: string): number | undefined {
	if (zone.terms.some((term) => term === needle)) return 0;
	if (zone.terms.some((term) => term.startsWith(needle) || term.split(/[ /-]/).some((word) => word.startsWith(needle))))
		return 1;
	if (zone.terms.some((term) => term.includes(needle))) return 2;
	return undefined;
}

function rankedZones(typed: string, limit: number): SearchableZone[] {
	const needle = normalise(typed).slice(0, 64);
	return ZONES.flatMap((zone) => {
		const rank = needle === "" ? 2 : matchRank(zone, needle);
		return rank === undefined ? [] : [{ zone, rank }];
	})
		.sort((a, b) => a.rank - b.rank)
		.slice(0, limit)
		.map(({ zone }) => zone);
}

/**
 * Current zone names for what a member typed, best first: a current name, an old one (Asia/Calcutta),
 * a city (Mumbai) or a country (India) all find Asia/Kolkata.
 */
export function searchTimeZones(typed: string, limit = 25): string[] {
	return rankedZones(typed, limit).map((zone) => zone.name);
}

/** The same search as autocomplete choices, each showing the zone's offset now and two of its cities. */
export function timeZoneChoices(typed: string, now: number, limit = 25): TimeZoneChoice[] {
	return rankedZones(typed, limit).map((zone) => choiceFor(zone, now));
}

/** The current names nearest to something that is not a zone, so "Kolkatta" or "Europe/Paaris" still find one. */
export function closeTimeZones(typed: string, limit = 5): string[] {
	const found = searchTimeZones(typed, limit);
	if (found.length >= limit) return found;
	// No zone term is near 64 characters; a longer input would only make the comparison slow.
	const needle = normalise(typed).slice(0, 64);
	const nearest = ZONES.map((zone) => ({
		name: zone.name,
		score: Math.min(...zone.terms.map((term) => distance(needle, term))),
	}))
		.sort((a, b) => a.score - b.score)
		.map((entry) => entry.name);
	return [...new Set([...found, ...nearest])].slice(0, limit);
}
