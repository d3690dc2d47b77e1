import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, ConfigError, loadConfig, shardsOf } from "../src/config.js";

const problemsOf = (env: NodeJS.ProcessEnv) => {
	try {
		loadConfig(env);
		return [];
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
};

describe("configuration", () => {
	it("GIVEN only a token THEN sensible defaults apply", () => {
		expect(loadConfig({ DISCORD_TOKEN: "abc.def" })).toEqual({
			DISCORD_TOKEN: "abc.def",
			DISCORD_API_URL: "https://discord.com/api",
			DATA_DIR: "./var",
			LOG_LEVEL: "info",
			STORE_RETRY_SECONDS: 60,
			BANKS_DIR: "./data/banks",
			DAILY_CRON: "* * * * *",
		});
	});

	it("GIVEN bad values THEN each problem names its variable and none echoes the token", () => {
		const problems = problemsOf({
			DISCORD_TOKEN: "secret token",
			DISCORD_API_URL: "not a url",
			REDIS_URL: "http://localhost:6379",
			DEV_GUILD_ID: "123",
			LOG_LEVEL: "loud",
			DAILY_CRON: "every minute",
		});
		expect(problems.map((problem) => problem.split(" ")[0])).toEqual([
			"DISCORD_TOKEN",
			"DISCORD_API_URL",
			"REDIS_URL",
			"DEV_GUILD_ID",
			"LOG_LEVEL",
			"DAILY_CRON",
		]);
		expect(problems.join("\n")).not.toContain("secret");
	});

	it("GIVEN a missing or blank token THEN the problem says it is required", () => {
		expect(problemsOf({})).toEqual(["DISCORD_TOKEN is required: the bot token from the Discord developer portal"]);
		expect(problemsOf({ DISCORD_TOKEN: "" })).toEqual(problemsOf({}));
	});

	it("GIVEN a trailing slash on the API URL THEN it is trimmed", () => {
		expect(loadConfig({ DISCORD_TOKEN: "t", DISCORD_API_URL: "http://127.0.0.1:5/api/" }).DISCORD_API_URL).toBe(
			"http://127.0.0.1:5/api",
		);
	});

	it("GIVEN HEALTH_PORT THEN it must be a port number", () => {
		expect(loadConfig({ DISCORD_TOKEN: "t", HEALTH_PORT: "8080" }).HEALTH_PORT).toBe(8080);
		for (const bad of ["http", "0", "70000", "80.5"]) {
			expect(problemsOf({ DISCORD_TOKEN: "t", HEALTH_PORT: bad })).toEqual([
				"HEALTH_PORT must be a port number from 1 to 65535",
			]);
		}
	});

	describe("SHARD_IDS", () => {
		const sharded = { DISCORD_TOKEN: "t", REDIS_URL: "redis://127.0.0.1:6390", SHARD_COUNT: "4" };

		it("GIVEN distinct ids below SHARD_COUNT, on Redis THEN they are the shards this process runs", () => {
			expect(loadConfig({ ...sharded, SHARD_IDS: "0" }).SHARD_IDS).toEqual([0]);
			expect(loadConfig({ ...sharded, SHARD_IDS: " 3, 1 ,2" }).SHARD_IDS).toEqual([3, 1, 2]);
			expect(loadConfig({ ...sharded, SHARD_IDS: "" }).SHARD_IDS).toBeUndefined();
		});

		it("GIVEN a list that is not ids THEN one problem names SHARD_IDS", () => {
			for (const bad of ["a", "0,", "1;2", "-1", "1.5", "0,,1"]) {
				expect(problemsOf({ ...sharded, SHARD_IDS: bad })).toEqual([
					"SHARD_IDS must be shard ids separated by commas, such as 0,1",
				]);
			}
			expect(problemsOf({ ...sharded, SHARD_IDS: "1,2,1" })).toEqual(["SHARD_IDS must not name a shard twice"]);
		});

		it("GIVEN an id at or past SHARD_COUNT THEN the problem gives the range", () => {
			expect(problemsOf({ ...sharded, SHARD_IDS: "2,4" })).toEqual([
				"SHARD_IDS must be below SHARD_COUNT: shard ids run from 0 to 3",
			]);
		});

		it("GIVEN SHARD_IDS THEN the client is told those shards, in order, out of SHARD_COUNT", () => {
			expect(shardsOf(loadConfig({ ...sharded, SHARD_IDS: "3,1" }))).toEqual({ shards: [1, 3], shardCount: 4 });
		});

		it("GIVEN SHARD_IDS and SHARDS at once THEN one problem names both and says which to keep", () => {
			expect(problemsOf({ ...sharded, SHARD_IDS: "0", SHARDS: "1" })).toEqual([
				"SHARD_IDS cannot be set together with SHARDS: set SHARD_IDS (with SHARD_COUNT) for the shards this host runs, and remove SHARDS, which npm run start:sharded sets for each shard process",
			]);
		});

		it("GIVEN no SHARD_COUNT or no REDIS_URL THEN SHARD_IDS says what it needs", () => {
			expect(problemsOf({ DISCORD_TOKEN: "t", REDIS_URL: sharded.REDIS_URL, SHARD_IDS: "0" })).toEqual([
				"SHARD_IDS needs SHARD_COUNT: the total number of shards across every host",
			]);
			expect(problemsOf({ DISCORD_TOKEN: "t", SHARD_COUNT: "2", SHARD_IDS: "1" })).toEqual([
				"SHARD_IDS needs REDIS_URL: shards in different processes share rounds, picks and scores through Redis",
			]);
		});
	});
});

describe("configuration: blank values and the variables discord.js reads by itself", () => {
	it("GIVEN .env.example with only the token filled in THEN it gives the defaults", () => {
		const example = parseEnv(readFileSync(".env.example", "utf8"));
		expect(loadConfig({ ...example, DISCORD_TOKEN: "abc.def" })).toEqual(loadConfig({ DISCORD_TOKEN: "abc.def" }));
	});

	it("GIVEN every variable empty or blank THEN each counts as unset", () => {
		for (const blank of ["", " ", "\t"]) {
			const env = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, blank]));
			expect(loadConfig({ ...env, DISCORD_TOKEN: "abc.def" })).toEqual(loadConfig({ DISCORD_TOKEN: "abc.def" }));
		}
	});

	it("GIVEN discord.js's sources THEN every environment variable it reads is one the configuration validates", () => {
		const source = readdirSync("node_modules/discord.js/src", { recursive: true, encoding: "utf8" })
			.filter((file) => file.endsWith(".js"))
			.map((file) => readFileSync(join("node_modules/discord.js/src", file), "utf8"))
			.join("\n");
		// process.env.NAME, 'NAME' in process.env, and the Client's `data` (process.env or workerData).
		const reads = [
			...source.matchAll(/process\.env\.([A-Z_]+)\b/g),
			...source.matchAll(/'([A-Z_]+)' in (?:process\.env|data)/g),
			...source.matchAll(/\bdata\.([A-Z_]+)/g),
		].map((match) => match[1]);
		expect(new Set(reads)).toEqual(
			new Set(["DISCORD_TOKEN", "SHARDING_MANAGER", "SHARDING_MANAGER_MODE", "SHARDS", "SHARD_COUNT"]),
		);
		for (const variable of reads) expect(CONFIG_VARIABLES).toContain(variable);
	});

	it("GIVEN SHARD_COUNT and SHARDS THEN the client is told which shards this process runs", () => {
		expect(shardsOf(loadConfig({ DISCORD_TOKEN: "t" }))).toEqual({ shards: [0], shardCount: 1 });
		expect(shardsOf(loadConfig({ DISCORD_TOKEN: "t", SHARD_COUNT: "3" }))).toEqual({
			shards: [0, 1, 2],
			shardCount: 3,
		});
		const shard = loadConfig({ DISCORD_TOKEN: "t", SHARDS: "1", SHARD_COUNT: "2", REDIS_URL: "redis://r:6379" });
		expect(shardsOf(shard)).toEqual({ shards: [1], shardCount: 2 });
		expect(shardsOf(loadConfig({ DISCORD_TOKEN: "t", SHARDS: "[1,0,1]", SHARD_COUNT: "2" }))).toEqual({
			shards: [0, 1],
			shardCount: 2,
		});
	});

	it("GIVEN SHARDS that do not fit THEN each problem names SHARDS and says what fits", () => {
		const problems = (env: Record<string, string>) => problemsOf({ DISCORD_TOKEN: "t", ...env });
		for (const bad of ["one", "[]", "[0.5]", "-1", '"0"', "{}"]) {
			expect(problems({ SHARDS: bad, SHARD_COUNT: "2" })).toEqual([
				"SHARDS must be a shard id or a JSON list of shard ids, such as 0 or [0,1]",
			]);
		}
		expect(problems({ SHARDS: "0" })).toEqual(["SHARDS needs SHARD_COUNT, the bot's total number of shards"]);
		expect(problems({ SHARDS: "0", SHARD_COUNT: "0" })).toEqual([
			"SHARD_COUNT must be a whole number of shards from 1 to 1024",
		]);
		expect(problems({ SHARDS: "[0,2]", SHARD_COUNT: "2" })).toEqual([
			"SHARDS must list shard ids below SHARD_COUNT (0 to 1)",
		]);
		expect(problems({ SHARDS: "1", SHARD_COUNT: "2" })).toEqual([
			"SHARDS runs only some of the bot's shards, so other processes run the rest and they share rounds, picks and scores through Redis: set REDIS_URL",
		]);
	});

	it("GIVEN the sharding manager's variables outside a shard it started THEN the problem says to remove them", () => {
		const message = "is set by npm run start:sharded for each shard process it starts; remove it from the environment";
		expect(problemsOf({ DISCORD_TOKEN: "t", SHARDING_MANAGER: "yes" })).toEqual([`SHARDING_MANAGER ${message}`]);
		expect(problemsOf({ DISCORD_TOKEN: "t", SHARDING_MANAGER: "true" })).toEqual([`SHARDING_MANAGER ${message}`]);
		expect(problemsOf({ DISCORD_TOKEN: "t", SHARDING_MANAGER_MODE: "worker" })).toEqual([
			`SHARDING_MANAGER_MODE ${message}`,
		]);
		const shard = { SHARDING_MANAGER: "true", SHARDING_MANAGER_MODE: "process", SHARDS: "0", SHARD_COUNT: "1" };
		expect(problemsOf({ DISCORD_TOKEN: "t", ...shard })).toEqual([]);
	});
});
