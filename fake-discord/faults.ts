/** A failure the server answers a matching request with, instead of handling it, `times` times over. */
export interface InjectedFault {
	method: string;
	path: RegExp;
	status: 429 | 500 | 502 | 503;
	times: number;
	/** For 429: how long the bot must wait, in seconds (Discord sends fractions). */
	retryAfterSeconds?: number;
}

export interface FaultResponse {
	status: number;
	headers: Record<string, string>;
	json: object;
}

/**
 * Discord's failure shapes: a 429 carries `retry_after` in its body and the `Retry-After` and
 * `X-RateLimit-*` headers (scope "user", not global); 5xx bodies carry a message and code 0.
 */
export class FaultPlan {
	readonly #faults: InjectedFault[] = [];
	/** How many requests were answered with an injected fault. */
	served = 0;

	add(fault: InjectedFault): void {
		this.#faults.push({ ...fault });
	}

	take(method: string, path: string): FaultResponse | undefined {
		const fault = this.#faults.find((candidate) => candidate.method === method && candidate.path.test(path));
		if (!fault) return undefined;
		fault.times -= 1;
		if (fault.times <= 0) this.#faults.splice(this.#faults.indexOf(fault), 1);
		this.served += 1;
		if (fault.status !== 429) {
			return { status: fault.status, headers: {}, json: { message: `${fault.status}: Server Error`, code: 0 } };
		}
		const seconds = fault.retryAfterSeconds ?? 1;
		return {
			status: 429,
			headers: {
				"retry-after": String(Math.ceil(seconds)),
				"x-ratelimit-limit": "1",
				"x-ratelimit-remaining": "0",
				"x-ratelimit-reset-after": String(seconds),
				"x-ratelimit-scope": "user",
			},
			json: { message: "You are being rate limited.", retry_after: seconds, global: false },
		};
	}
}
