import { failureLogger, reason } from "./startup.js";

/**
 * `node --import ./dist/src/load-env-file.js`, as the npm scripts run the bot: reads .env from the working
 * directory as node's --env-file-if-exists does (variables already in the environment win over the
 * file), but says nothing when there is none, where node prints a plain-text notice on stderr, the one
 * line of output that was not JSON.
 */
try {
	process.loadEnvFile(".env");
} catch (error) {
	if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
		failureLogger().fatal({}, `cannot start: .env: cannot read it (${reason(error)})`);
		process.exit(1);
	}
}
