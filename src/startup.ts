import { CONFIG_VARIABLES, type Config, ConfigError, isBlank, loadConfig } from "./config.js";

/** A start-up failure the operator can fix; printed as one line, without a stack. */
export class StartupError extends Error {}

export function reason(error: unknown): string {
	if (error instanceof AggregateError) return error.errors.map(reason).join(", ");
	if (error instanceof Error) return "code" in error && error.code ? `${error.code}: ${error.message}` : error.message;
	return String(error);
}

/** The validated environment, or one line per problem and exit 1. */
export function readConfig(program = "interview-dojo"): Config {
	let config: Config;
	try {
		config = loadConfig(process.env);
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		for (const problem of error.problems) console.error(`${program}: configuration error: ${problem}`);
		process.exit(1);
	}
	// discord.js reads SHARD_COUNT, SHARDS, SHARDING_MANAGER and DISCORD_TOKEN from process.env itself, and
	// cannot tell an explicit shardCount of 1 from its default: a blank line must not reach it as "".
	for (const name of CONFIG_VARIABLES) if (isBlank(process.env[name])) delete process.env[name];
	return config;
}

/** Runs a start-up; a StartupError becomes one line and exit 1, anything else stays a crash with its stack. */
export async function startOrExplain(start: () => Promise<void>): Promise<void> {
	try {
		await start();
	} catch (error) {
		if (!(error instanceof StartupError)) throw error;
		console.error(`interview-dojo: cannot start: ${error.message}`);
		process.exit(1);
	}
}
