import { createServer } from "node:net";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fake-discord/index.js";
import { type BotProcess, type LogLine, startBot } from "../../harness/bot-process.js";
import { freePort } from "../../harness/free-port.js";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../../harness/redis-server.js";
import {
	askQuestion,
	channelOption,
	LIGHTBULB,
	react,
	runCommand,
	stringOption,
	subcommand,
	waitForReveal,
} from "../../harness/rounds.js";
import { E2E_BANKS, TOKEN, type World, worldsOnEveryShard } from "../../harness/world.js";
import { DAILIES_DUE } from "../../src/core/daily/config.js";
import { openStore } from "../../src/store/open-store.js";

const SHARDS = 2;
const SHARDED_SCRIPT = "dist/src/sharded.js";

/** A free loopback port whose next port is free too: shard 1 serves health on HEALTH_PORT + 1. */
async function freePortPair(): Promise<number> {
	for (;;) {
		const port = await freePort();
		if (port < 65_535 && (await isFree(port + 1))) return port;
	}
}

/** The port's /healthz status once it answers 200, or the last status (0: nothing listening) at the deadline. */
async function healthyWithin(port: number, timeoutMs: number): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	let status = 0;
	while (status !== 200 && Date.now() < deadline) {
		status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
			(response) => response.status,
			() => 0,
		);
		if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return status;
}

function isFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once("error", () => resolve(false));
		server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
	});
}

const fromShard = (line: LogLine, shard: number) => JSON.stringify(line.shards) === JSON.stringify([shard]);

describe.skipIf(skipWithoutRedis())("e2e: npm run start:sharded, two shards sharing Redis", () => {
	let discord: FakeDiscord;
	let redis: PrivateRedis;
	let worlds: World[];
	let bot: BotProcess;

	beforeAll(async () => {
		[discord, redis] = await Promise.all([
			FakeDiscord.start({ token: TOKEN, recommendedShards: SHARDS }),
			startPrivateRedis(),
		]);
		worlds = await worldsOnEveryShard(discord, SHARDS);
	});
	afterAll(async () => {
		await bot?.stop();
		await discord?.close();
		await redis?.stop();
	});

	it("GIVEN no REDIS_URL THEN the sharded start refuses, saying why", async () => {
		const refused = startBot(
			{ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: discord.apiUrl, BANKS_DIR: E2E_BANKS },
			SHARDED_SCRIPT,
		);
		expect(await refused.exited).toBe(1);
		expect(refused.logs.find((line) => line.level === 60)?.msg).toMatch(
			/^cannot start: REDIS_URL: a sharded bot runs one process per shard/,
		);
	});

	it("GIVEN Discord recommends two shards and HEALTH_PORT THEN one process per shard identifies with its own shard, each serving health on its own port", async () => {
		const healthPort = await freePortPair();
		bot = startBot(
			{
				DISCORD_TOKEN: TOKEN,
				DISCORD_API_URL: discord.apiUrl,
				BANKS_DIR: E2E_BANKS,
				REDIS_URL: redis.url,
				DAILY_CRON: "* * * * * *",
				HEALTH_PORT: String(healthPort),
			},
			SHARDED_SCRIPT,
		);
		await bot.waitForLog("all shards ready", 60_000);
		expect(await Promise.all([healthPort, healthPort + 1].map((port) => healthyWithin(port, 20_000)))).toEqual([
			200, 200,
		]);
		expect(bot.logs.find((line) => line.msg === "starting shards")).toMatchObject({
			totalShards: SHARDS,
			source: "GET /gateway/bot",
		});
		expect(discord.identifies.map((identify) => identify.shard).sort()).toEqual([
			[0, SHARDS],
			[1, SHARDS],
		]);
		expect(discord.connections).toBe(SHARDS);
		await discord.waitFor(() => discord.registeredCommands().length > 0, 10_000);
	}, 90_000);

	it("GIVEN a round in a guild on each shard THEN each is posted, picked and revealed by the shard that owns it", async () => {
		for (const [shard, world] of worlds.entries()) {
			const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
			react(world, message, world.bob, "🇧");
			const locked = await bot.waitForLog((line) => line.msg === "pick locked" && line.userId === world.bob);
			expect(fromShard(locked, shard)).toBe(true);
			react(world, message, world.alice, LIGHTBULB);
			const revealed = await waitForReveal(world, message);
			expect(JSON.stringify(revealed.embeds[1])).toContain(`<@${world.bob}>`);
		}
		const commands = bot.logs.filter((line) => line.msg === "command handled");
		expect(commands.map((line) => line.shards)).toEqual([[0], [1]]);
	});

	it("GIVEN both guilds' dailies due at once THEN each goes out once, from its own shard, and none fails", async () => {
		// Half an hour ago is within the grace window, so a daily forced due below goes out today.
		const halfAnHourAgo = DateTime.utc().minus({ minutes: 30 }).toFormat("HH:mm");
		for (const world of worlds) {
			const set = await runCommand(world, {
				userId: world.admin,
				name: "daily",
				options: [
					subcommand("set", [
						channelOption("channel", world.practice),
						stringOption("time", halfAnHourAgo),
						stringOption("timezone", "UTC"),
					]),
				],
			});
			expect(JSON.stringify(set.data)).toContain("Question of the day is on");
		}
		const store = await openStore({ kind: "redis", url: redis.url });
		try {
			for (const world of worlds) await store.rankingSet(DAILIES_DUE, world.guildId, Date.now() - 1_000);
		} finally {
			await store.close();
		}
		const dailiesIn = (world: World) =>
			world.discord
				.channelMessages(world.practice)
				.filter((message) => message.content.startsWith("**Question of the day**"));
		await discord.waitFor(() => worlds.every((world) => dailiesIn(world).length > 0), 10_000);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		for (const [shard, world] of worlds.entries()) {
			expect(dailiesIn(world)).toHaveLength(1);
			const posted = bot.logs.filter((line) => line.msg === "daily posted" && line.guildId === world.guildId);
			expect(posted).toHaveLength(1);
			expect(fromShard(posted[0] as LogLine, shard)).toBe(true);
		}
		expect(bot.logs.filter((line) => line.msg === "daily question not posted")).toEqual([]);
	}, 30_000);

	it("GIVEN SIGTERM to the manager THEN every shard shuts down cleanly and the manager exits 0", async () => {
		expect(await bot.stop("SIGTERM")).toBe(0);
		expect(bot.logs.filter((line) => line.msg === "stopped").map((line) => line.shards)).toHaveLength(SHARDS);
		expect(discord.connections).toBe(0);
	});

	it("GIVEN SHARD_IDS=0,1 of SHARD_COUNT=3 THEN the manager runs just those two, one shard each, and leaves shard 2 to another host", async () => {
		const before = discord.identifies.length;
		const subset = startBot(
			{
				DISCORD_TOKEN: TOKEN,
				DISCORD_API_URL: discord.apiUrl,
				BANKS_DIR: E2E_BANKS,
				REDIS_URL: redis.url,
				SHARD_COUNT: "3",
				SHARD_IDS: "0,1",
			},
			SHARDED_SCRIPT,
		);
		try {
			expect(await subset.waitForLog("all shards ready", 60_000)).toMatchObject({ totalShards: 3, shards: [0, 1] });
			expect(discord.identifies.slice(before).map((identify) => identify.shard)).toEqual([
				[0, 3],
				[1, 3],
			]);
			expect(discord.connections).toBe(2);
			expect(await subset.stop("SIGTERM")).toBe(0);
			// The two processes stop side by side; which logs first is up to the scheduler.
			const stopped = subset.logs.filter((line) => line.msg === "stopped").map((line) => JSON.stringify(line.shards));
			expect(stopped.sort()).toEqual(["[0]", "[1]"]);
		} finally {
			await subset.stop("SIGKILL");
		}
	}, 90_000);
});
