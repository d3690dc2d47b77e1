import { type Logger as PinoLogger, pino } from "pino";
import { CONFIG_VARIABLES, type Config, ConfigError, isBlank, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

/** A start-up failure the operator can fix; logged as one line, without a stack. */
export class StartupError extends Error {}

export function reason(error: unknown): string {
	if (error instanceof AggregateError) return error.errors.map(reason).join(", ");
	if (error instanceof Error) return "code" in error && error.code ? `${error.code}: ${error.message}` : error.message;
	return String(error);
}

/**
 * Why the process stops, on stderr, as JSON like every other line. Written whatever LOG_LEVEL says:
 * the operator must see the reason, and LOG_LEVEL itself may be the bad value.
 */
export function failureLogger(secrets: string[] = []): PinoLogger {
	return createLogger({ LOG_LEVEL: "info" }, secrets, pino.destination({ dest: 2, sync: true }));
}

/** The validated environment, or one line per problem and exit 1. */
export function readConfig(): Config {
	let config: Config;
	try {
		config = loadConfig(process.env);
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		const logger = failureLogger();
		for (const problem of error.problems) logger.fatal({}, `configuration error: ${problem}`);
		process.exit(1);
	}
	// discord.js reads SHARD_COUNT, SHARDS, SHARDING_MANAGER and DISCORD_TOKEN from process.env itself, and
	// cannot tell an explicit shardCount of 1 from its default: a blank line must not reach it as "".
	for (const name of CONFIG_VARIABLES) if (isBlank(process.env[name])) delete process.env[name];
	return config;
}

/**
 * Node writes warnings and crashes as plain text on stderr; they go through the logger instead, so a log
 * collector reads every line the process writes as one JSON object.
 */
export function logProcessEvents(logger: PinoLogger, secrets: string[] = []): void {
	// Node's own printer is the one listener it installs for warnings; this one replaces it.
	process.removeAllListeners("warning");
	process.on("warning", (warning) =>
		logger.warn({ warning: { name: warning.name, message: warning.message, stack: warning.stack } }, "node warning"),
	);
	process.on("unhandledRejection", (error) => logger.error({ err: error }, "unhandled rejection"));
	process.on("uncaughtException", (error) => {
		failureLogger(secrets).fatal({ err: error }, "crashed");
		process.exit(1);
	});
}

/**
 * Runs a start-up; a StartupError becomes one line and exit 1, anything else is logged with its stack and
 * exit 1, both as JSON.
 */
export async function startOrExplain(start: () => Promise<void>, secrets: string[] = []): Promise<void> {
	try {
		await start();
	} catch (error) {
		const logger = failureLogger(secrets);
		if (error instanceof StartupError) logger.fatal({}, `cannot start: ${error.message}`);
		else logger.fatal({ err: error }, "crashed while starting");
		process.exit(1);
	}
}
