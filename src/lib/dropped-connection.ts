/**
 * undici's and Node's codes for a connection that closed before its response came: a server that drops an idle
 * keep-alive connection just as a request goes out on it. Such a request never got an answer, and
 * discord.js retries it only for ECONNRESET and time-outs, not for these.
 */
const DROPPED_CODES = new Set(["UND_ERR_SOCKET", "UND_ERR_CLOSED", "ECONNRESET", "EPIPE"]);

export function isDroppedConnection(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
	return typeof code === "string" && DROPPED_CODES.has(code);
}

/** Runs `send` again, up to `attempts` times in all, while it fails on a dropped connection; for idempotent calls. */
export async function retryDropped<T>(send: () => Promise<T>, attempts = 3): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await send();
		} catch (error) {
			if (attempt >= attempts || !isDroppedConnection(error)) throw error;
		}
	}
}
