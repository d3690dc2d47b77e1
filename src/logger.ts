import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";
import type { Config } from "./config.js";

/** Paths that could carry a secret; pino removes them before a line is written. */
const REDACTED_PATHS = ["token", "*.token", "headers.authorization", "*.headers.authorization", "config.DISCORD_TOKEN"];

/**
 * Interaction tokens travel in URL paths (callbacks, webhook edits) that error objects quote; each
 * is a credential for 15 minutes, so it is masked wherever a URL shows it.
 */
const INTERACTION_TOKEN_IN_URL = /(\/interactions\/\d+\/|\/webhooks\/\d+\/)[A-Za-z0-9._-]{20,}/g;

/** One JSON object per line, on stdout unless another destination is given. */
export function createLogger(
	config: Pick<Config, "LOG_LEVEL">,
	secrets: string[] = [],
	destination?: DestinationStream,
): Logger {
	const hidden = secrets.filter((secret) => secret.length >= 8);
	const options: LoggerOptions = {
		level: config.LOG_LEVEL,
		base: { app: "interview-dojo" },
		redact: { paths: REDACTED_PATHS, remove: true },
		hooks: {
			// A secret can hide inside any string, such as an error message quoting a URL; mask it wherever it is.
			streamWrite: (line) =>
				hidden
					.reduce((text, secret) => text.split(secret).join("[redacted]"), line)
					.replace(INTERACTION_TOKEN_IN_URL, "$1[redacted]"),
		},
	};
	return destination ? pino(options, destination) : pino(options);
}
