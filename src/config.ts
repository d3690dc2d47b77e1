import { validate } from "node-cron";
import { z } from "zod";

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");

const SHARD_COUNT_RANGE = "must be a whole number of shards from 1 to 1024";
const SHARDS_FORMAT = "must be a shard id or a JSON list of shard ids, such as 0 or [0,1]";
const SET_BY_THE_MANAGER =
	"is set by npm run start:sharded for each shard process it starts; remove it from the environment";

/** A shard id or a JSON list of them, as discord.js reads SHARDS; undefined when it is neither. */
function parseShardIds(text: string): number[] | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}
	const ids = z
		.array(z.number().int().min(0))
		.min(1)
		.safeParse(Array.isArray(value) ? value : [value]);
	return ids.success ? ids.data : undefined;
}

const variables = z.object({
	DISCORD_TOKEN: z
		.string({ error: "is required: the bot token from the Discord developer portal" })
		.trim()
		.min(1, "is required: the bot token from the Discord developer portal")
		.regex(/^\S+$/, "must not contain spaces"),
	DISCORD_API_URL: z
		.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://discord.com/api" })
		.default("https://discord.com/api")
		.transform((url) => url.replace(/\/+$/, "")),
	REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
	DATA_DIR: z.string().trim().min(1, "must not be empty").default("./var"),
	DEV_GUILD_ID: snowflake.optional(),
	LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
	BANKS_DIR: z.string().trim().min(1, "must not be empty").default("./data/banks"),
	/** Where /healthz and /metrics are served; unset, there is no health server. */
	HEALTH_PORT: z.coerce
		.number({ error: "must be a port number from 1 to 65535" })
		.int("must be a port number from 1 to 65535")
		.min(1, "must be a port number from 1 to 65535")
		.max(65535, "must be a port number from 1 to 65535")
		.optional(),
	/** How often due daily questions are looked for; tests tick every second instead of every minute. */
	DAILY_CRON: z
		.string()
		.trim()
		.refine((expression) => validate(expression), "must be a cron expression such as * * * * *")
		.default("* * * * *"),
	/**
	 * The bot's total number of shards. npm run start:sharded starts one process per shard (unset, the count
	 * Discord recommends in GET /gateway/bot); npm start runs them all in its one process (unset, one).
	 */
	SHARD_COUNT: z.coerce
		.number({ error: SHARD_COUNT_RANGE })
		// Aborting, so that SHARDS is not then checked against a count already found wrong.
		.int({ error: SHARD_COUNT_RANGE, abort: true })
		.min(1, { error: SHARD_COUNT_RANGE, abort: true })
		.max(1024, { error: SHARD_COUNT_RANGE, abort: true })
		.optional(),
	/**
	 * The shards this process runs, as discord.js reads it: a shard id or a JSON list of ids. The sharding
	 * manager sets it for each shard process; unset, a process runs every shard.
	 */
	SHARDS: z
		.string()
		.transform((text, context) => {
			const ids = parseShardIds(text);
			if (ids) return ids;
			context.addIssue({ code: "custom", message: SHARDS_FORMAT, continue: false });
			return z.NEVER;
		})
		.optional(),
	/**
	 * The shards this process (or sharding manager) runs, out of SHARD_COUNT, so that shards can be spread
	 * over several hosts; unset, all of them.
	 */
	SHARD_IDS: z
		.string()
		.trim()
		// Aborting, so that a list already found wrong is not then checked against SHARD_COUNT.
		.regex(/^\d+(\s*,\s*\d+)*$/, { error: "must be shard ids separated by commas, such as 0,1", abort: true })
		.transform((list) => list.split(",").map(Number))
		.refine((ids) => new Set(ids).size === ids.length, { error: "must not name a shard twice", abort: true })
		.optional(),
	/** Set by discord.js's sharding manager in each shard process it starts; a shard then reports to it. */
	SHARDING_MANAGER: z.literal("true", { error: SET_BY_THE_MANAGER }).optional(),
	SHARDING_MANAGER_MODE: z.literal("process", { error: SET_BY_THE_MANAGER }).optional(),
	/** How long a member's reaction is retried while the store is unreachable before they are told it did not count. */
	STORE_RETRY_SECONDS: z.coerce
		.number({ error: "must be a whole number of seconds from 0 to 600" })
		.int("must be a whole number of seconds from 0 to 600")
		.min(0, "must be a whole number of seconds from 0 to 600")
		.max(600, "must be a whole number of seconds from 0 to 600")
		.default(60),
});

const everyShard = (count: number) => Array.from({ length: count }, (_, id) => id);

type Variables = z.infer<typeof variables>;
type Problem = (variable: keyof Variables, message: string) => void;

/** SHARDS, as the sharding manager sets it for one shard process. */
function checkShards(env: Variables, problem: Problem): void {
	if (env.SHARDS === undefined) return;
	if (env.SHARD_COUNT === undefined) {
		problem("SHARDS", "needs SHARD_COUNT, the bot's total number of shards");
		return;
	}
	const count = env.SHARD_COUNT;
	if (env.SHARDS.some((id) => id >= count)) {
		problem("SHARDS", `must list shard ids below SHARD_COUNT (0 to ${count - 1})`);
	} else if (!env.REDIS_URL && everyShard(count).some((id) => !env.SHARDS?.includes(id))) {
		problem(
			"SHARDS",
			"runs only some of the bot's shards, so other processes run the rest and they share rounds, picks and scores through Redis: set REDIS_URL",
		);
	}
}

/** SHARD_IDS, as an operator sets it for one host: it only makes sense with SHARD_COUNT, and on Redis. */
function checkShardIds(env: Variables, problem: Problem): void {
	const { SHARD_IDS: ids, SHARD_COUNT: count } = env;
	if (!ids) return;
	if (count === undefined) problem("SHARD_IDS", "needs SHARD_COUNT: the total number of shards across every host");
	else if (ids.some((id) => id >= count)) {
		problem("SHARD_IDS", `must be below SHARD_COUNT: shard ids run from 0 to ${count - 1}`);
	}
	if (!env.REDIS_URL) {
		problem("SHARD_IDS", "needs REDIS_URL: shards in different processes share rounds, picks and scores through Redis");
	}
}

/** What one variable's rule cannot say. */
const envSchema = variables.superRefine((env, context) => {
	const problem: Problem = (variable, message) => context.addIssue({ code: "custom", path: [variable], message });
	if (env.SHARDING_MANAGER && (env.SHARDS === undefined || env.SHARD_COUNT === undefined)) {
		problem("SHARDING_MANAGER", SET_BY_THE_MANAGER);
	}
	if (env.SHARDS !== undefined && env.SHARD_IDS !== undefined) {
		// Which would win is discord.js's business; an operator's SHARD_IDS is for npm start and start:sharded.
		problem(
			"SHARD_IDS",
			"cannot be set together with SHARDS: set SHARD_IDS (with SHARD_COUNT) for the shards this host runs, and remove SHARDS, which npm run start:sharded sets for each shard process",
		);
		return;
	}
	checkShards(env, problem);
	checkShardIds(env, problem);
});

export type Config = z.infer<typeof envSchema>;

/** Every variable the bot reads, including those discord.js reads from process.env by itself. */
export const CONFIG_VARIABLES = Object.keys(variables.shape);

/** The shards this process runs and the bot's total, as the client must be told them. */
export function shardsOf(config: Pick<Config, "SHARDS" | "SHARD_IDS" | "SHARD_COUNT">): {
	shards: number[];
	shardCount: number;
} {
	const shardCount = config.SHARD_COUNT ?? 1;
	// SHARDS in a shard process the manager started, SHARD_IDS where an operator spread shards over hosts.
	const ids = config.SHARDS ?? config.SHARD_IDS;
	const shards = ids ? [...new Set(ids)].sort((a, b) => a - b) : everyShard(shardCount);
	return { shards, shardCount };
}

export class ConfigError extends Error {
	readonly problems: string[];

	constructor(problems: string[]) {
		super(`invalid configuration: ${problems.join("; ")}`);
		this.name = "ConfigError";
		this.problems = problems;
	}
}

/** Empty (or blank) values count as unset, as in a copied .env.example. */
export function isBlank(value: string | undefined): boolean {
	return value === undefined || value.trim() === "";
}

function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
	return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !isBlank(entry[1])));
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
	const parsed = envSchema.safeParse(withoutBlanks(env));
	if (parsed.success) return parsed.data;
	// Messages name the variable and never echo its value: DISCORD_TOKEN must not reach a log.
	throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
}
