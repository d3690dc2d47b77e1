import type { RESTRateLimit } from "discord-api-types/v10";

/** Discord's global limit: requests per second per bot, interaction responses excepted. */
export const GLOBAL_PER_SECOND = 50;
/** Adding or removing reactions: one per quarter second per channel. */
const REACTION_INTERVAL_MS = 250;

const REACTION_ROUTE = /^\/api\/v10\/channels\/(\d+)\/messages\/\d+\/reactions\//;
const INTERACTION_ROUTE = /^\/api\/v10\/(interactions|webhooks)\//;

export interface RateLimitVerdict {
	/** Headers for the response, whether or not it was limited. */
	headers: Record<string, string>;
	/** Set when the request is refused with a 429. */
	refusal?: RESTRateLimit;
}

/**
 * Discord's rate limits as a bot meets them: a global window of 50 requests per second and the
 * per-channel reaction bucket, each answered with the X-RateLimit-* headers discord.js reads to queue
 * requests before they are refused, and a 429 with `retry_after` when one is exceeded anyway.
 */
export class RateLimits {
	#windowStart = 0;
	#inWindow = 0;
	readonly #reactionFreeAt = new Map<string, number>();
	/** Refusals so far, global and per route. */
	readonly refused = { global: 0, route: 0 };

	check(path: string, now: number): RateLimitVerdict {
		if (INTERACTION_ROUTE.test(path)) return { headers: {} };
		if (now - this.#windowStart >= 1_000) {
			this.#windowStart = now;
			this.#inWindow = 0;
		}
		if (this.#inWindow >= GLOBAL_PER_SECOND) {
			this.refused.global += 1;
			const retryAfter = (this.#windowStart + 1_000 - now) / 1_000;
			return {
				headers: {
					"retry-after": String(Math.ceil(retryAfter)),
					"x-ratelimit-global": "true",
					"x-ratelimit-scope": "global",
				},
				refusal: { message: "You are being rate limited.", retry_after: retryAfter, global: true },
			};
		}
		const channel = REACTION_ROUTE.exec(path)?.[1];
		if (channel === undefined) {
			this.#inWindow += 1;
			return { headers: {} };
		}
		const freeAt = this.#reactionFreeAt.get(channel) ?? 0;
		if (now < freeAt) {
			this.refused.route += 1;
			const retryAfter = (freeAt - now) / 1_000;
			return {
				headers: {
					...this.#reactionHeaders(retryAfter),
					"retry-after": String(Math.ceil(retryAfter)),
					"x-ratelimit-scope": "user",
				},
				refusal: { message: "You are being rate limited.", retry_after: retryAfter, global: false },
			};
		}
		this.#inWindow += 1;
		this.#reactionFreeAt.set(channel, now + REACTION_INTERVAL_MS);
		return { headers: this.#reactionHeaders(REACTION_INTERVAL_MS / 1_000) };
	}

	#reactionHeaders(resetAfter: number): Record<string, string> {
		return {
			"x-ratelimit-bucket": "reactions",
			"x-ratelimit-limit": "1",
			"x-ratelimit-remaining": "0",
			"x-ratelimit-reset-after": resetAfter.toFixed(3),
		};
	}
}
