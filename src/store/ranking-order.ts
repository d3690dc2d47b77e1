import type { RankedEntry } from "../core/ports.js";

/** Redis's ZREVRANGE order (score, then member bytes, both descending), so every backend ranks alike. */
export function compareRanked(a: RankedEntry, b: RankedEntry): number {
	if (a.score !== b.score) return b.score - a.score;
	const left = Buffer.from(a.member);
	const right = Buffer.from(b.member);
	return Buffer.compare(right, left);
}
