import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

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
