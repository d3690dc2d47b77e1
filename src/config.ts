import { validate } from "node-cron";
import { z } from "zod";

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");

const envSchema = z.object({
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
	/** Shards for npm run start:sharded; unset, the count Discord recommends in GET /gateway/bot. */
	SHARD_COUNT: z.coerce
		.number({ error: "must be a whole number of shards from 1 to 1024" })
		.int("must be a whole number of shards from 1 to 1024")
		.min(1, "must be a whole number of shards from 1 to 1024")
		.max(1024, "must be a whole number of shards from 1 to 1024")
		.optional(),
	/**
	 * The shards this process (or sharding manager) runs, out of SHARD_COUNT, so that shards can be spread
	 * over several hosts; unset, all of them.
	 */
	SHARD_IDS: z
		.string()
		.trim()
		.regex(/^\d+(\s*,\s*\d+)*$/, "must be shard ids separated by commas, such as 0,1")
		.transform((list) => list.split(",").map(Number))
		.refine((ids) => new Set(ids).size === ids.length, "must not name a shard twice")
		.optional(),
	/** How long a member's reaction is retried while the store is unreachable before they are told it did not count. */
	STORE_RETRY_SECONDS: z.coerce
		.number({ error: "must be a whole number of seconds from 0 to 600" })
		.int("must be a whole number of seconds from 0 to 600")
		.min(0, "must be a whole number of seconds from 0 to 600")
		.max(600, "must be a whole number of seconds from 0 to 600")
		.default(60),
});

/** What one variable's rule cannot say: SHARD_IDS only makes sense with SHARD_COUNT, and on Redis. */
const configSchema = envSchema.superRefine(
	(config, issues) => {
		const { SHARD_IDS: ids, SHARD_COUNT: count } = config;
		if (!ids) return;
		const problem = (message: string) => issues.addIssue({ code: "custom", path: ["SHARD_IDS"], message });
		if (count === undefined) problem("needs SHARD_COUNT: the total number of shards across every host");
		else if (ids.some((id) => id >= count)) problem(`must be below SHARD_COUNT: shard ids run from 0 to ${count - 1}`);
		if (!config.REDIS_URL) {
			problem("needs REDIS_URL: shards in different processes share rounds, picks and scores through Redis");
		}
	},
	// With a variable already wrong, its own problem is the one to report.
	{ when: (payload) => payload.issues.length === 0 },
);

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
	readonly problems: string[];

	constructor(problems: string[]) {
		super(`invalid configuration: ${problems.join("; ")}`);
		this.name = "ConfigError";
		this.problems = problems;
	}
}

/** Empty strings count as unset, as in a copied .env.example with blank values. */
function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
	return Object.fromEntries(
		Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
	);
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
	const parsed = configSchema.safeParse(withoutBlanks(env));
	if (parsed.success) return parsed.data;
	// Messages name the variable and never echo its value: DISCORD_TOKEN must not reach a log.
	throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
}
