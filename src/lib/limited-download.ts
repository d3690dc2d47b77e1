/** Why a download gave up, in words a member can act on. */
export class DownloadError extends Error {
	constructor(message: string) {
		super(message);
		this.name = "DownloadError";
	}
}

/**
 * Fetches a URL's body as UTF-8 text, giving up past `maxBytes` (whatever the server claimed) or after
 * `timeoutMs`, so a large or slow file never holds memory or a handler for long.
 */
export async function downloadText(url: string, options: { maxBytes: number; timeoutMs: number }): Promise<string> {
	const signal = AbortSignal.timeout(options.timeoutMs);
	let response: Response;
	try {
		response = await fetch(url, { signal });
	} catch (error) {
		throw new DownloadError(signal.aborted ? "the download took too long" : `the download failed (${describe(error)})`);
	}
	if (!response.ok || !response.body)
		throw new DownloadError(`the file could not be fetched (HTTP ${response.status})`);
	const chunks: Uint8Array[] = [];
	let received = 0;
	try {
		for await (const chunk of response.body) {
			received += chunk.byteLength;
			if (received > options.maxBytes) {
				await response.body.cancel().catch(() => undefined);
				throw new DownloadError(`the file is larger than ${options.maxBytes} bytes`);
			}
			chunks.push(chunk);
		}
	} catch (error) {
		if (error instanceof DownloadError) throw error;
		throw new DownloadError(signal.aborted ? "the download took too long" : `the download failed (${describe(error)})`);
	}
	try {
		return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
	} catch {
		throw new DownloadError("the file is not UTF-8 text");
	}
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
