import type { Attachment } from "discord.js";
import { SERVER_BANK_LIMITS } from "../core/bank/import.js";
import { UserFacingError } from "../core/errors.js";
import { echoInput } from "../core/render/echo.js";
import { DownloadError, downloadText } from "../lib/limited-download.js";

const BANK_EXTENSIONS = [".yaml", ".yml", ".json"];
const DOWNLOAD_TIMEOUT_MS = 10_000;

/** Refuses, before anything is downloaded, an attachment that cannot be a bank: by its name and its size. */
export function refuseNonBank(attachment: Attachment): void {
	const name = attachment.name.toLowerCase();
	if (!BANK_EXTENSIONS.some((extension) => name.endsWith(extension))) {
		throw new UserFacingError(
			`“${echoInput(attachment.name, 80)}” is not a bank file: attach the bank as YAML (.yaml or .yml) or JSON (.json), in the format the README's "Your own questions" describes.`,
		);
	}
	const limit = SERVER_BANK_LIMITS.fileBytes;
	if (attachment.size > limit) {
		throw new UserFacingError(
			`That file is ${(attachment.size / 1_000_000).toFixed(2)} MB; a bank file may be at most ${limit / 1_000_000} MB. Split it into several banks.`,
		);
	}
}

/**
 * The text of a bank file a member attached, once `refuseNonBank` let it through. Only the attachment
 * Discord resolved in this interaction is fetched, never a URL a member typed, with a byte cap (the same
 * limit, whatever size Discord announced) and a timeout.
 */
export async function readAttachedBank(attachment: Attachment): Promise<string> {
	const limit = SERVER_BANK_LIMITS.fileBytes;
	try {
		return await downloadText(attachment.url, { maxBytes: limit, timeoutMs: DOWNLOAD_TIMEOUT_MS });
	} catch (error) {
		if (error instanceof DownloadError) {
			throw new UserFacingError(
				`I couldn't read “${echoInput(attachment.name, 80)}”: ${error.message}. Nothing was stored.`,
			);
		}
		throw error;
	}
}
