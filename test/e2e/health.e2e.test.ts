import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../harness/free-port.js";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../../harness/redis-server.js";
import {
	askQuestion,
	ephemeralText,
	LIGHTBULB,
	react,
	runCommand,
	stringOption,
	waitForReveal,
} from "../../harness/rounds.js";
import { createWorld, type DojoRun, startDojo, type World } from "../../harness/world.js";

describe.skipIf(skipWithoutRedis())("e2e: HEALTH_PORT serves /healthz and /metrics", () => {
	let world: World;
	let redis: PrivateRedis;
	let run: DojoRun;
	let base: string;

	beforeAll(async () => {
		[world, redis] = await Promise.all([createWorld(), startPrivateRedis()]);
		const port = await freePort();
		base = `http://127.0.0.1:${port}`;
		run = await startDojo(world, { redisUrl: redis.url, env: { HEALTH_PORT: String(port) } });
	});
	afterAll(async () => {
		await run?.bot.stop();
		await world?.discord.close();
		await redis?.stop();
	});

	it("GIVEN a connected bot and a reachable store THEN /healthz answers 200 and says so", async () => {
		const response = await fetch(`${base}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: "ok", gateway: "ready", store: "reachable" });
		expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
	});

	it("GIVEN a round played THEN /metrics counts the command, the pick and the reveal, with store latency and gateway ping", async () => {
		// A choice question, so bob's letter is a pick and puts him on the board.
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")]);
		react(world, message, world.bob, "🇦");
		react(world, message, world.alice, LIGHTBULB);
		await waitForReveal(world, message);
		// The reveal is counted once its message work is done (grade reactions too), after the edit lands.
		await run.bot.waitForLog("round revealed");
		const response = await fetch(`${base}/metrics`);
		expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
		const text = await response.text();
		expect(text).toContain('dojo_commands_total{command="question",outcome="ok"} 1');
		expect(text).toMatch(/^dojo_command_duration_seconds_count\{command="question"\} 1$/m);
		expect(text).toContain('dojo_reveals_total{reason="asker"} 1');
		expect(text).toMatch(/^dojo_picks_total [01]$/m);
		expect(text).toMatch(/^dojo_store_operation_duration_seconds_count\{operation="get",failed="false"\} \d+$/m);
		expect(text).toMatch(/^dojo_gateway_ping_seconds -?\d/m);
		expect(text).toContain("process_resident_memory_bytes");
	});

	it("GIVEN Redis goes away THEN /healthz answers 503 naming the store, and the bot keeps running", async () => {
		await redis.down();
		const response = await fetch(`${base}/healthz`);
		expect(response.status).toBe(503);
		const body = (await response.json()) as { status: string; gateway: string; store: string };
		expect(body).toMatchObject({ status: "unhealthy", gateway: "ready" });
		expect(body.store).not.toBe("reachable");
		expect(run.bot.logs.some((line) => line.msg === "shutting down")).toBe(false);
	});

	it("GIVEN Redis is down THEN a command answers at once, privately, that scores are temporarily unavailable", async () => {
		const result = await runCommand(world, { userId: world.bob, name: "leaderboard" });
		expect(result.latencyMs).toBeLessThan(3_000);
		expect(ephemeralText(result.data)).toBe(
			"Scores are temporarily unavailable: my database is not answering. Nothing you did was lost; try again in a minute.",
		);
		await run.bot.waitForLog("store unavailable");
	});

	it("GIVEN Redis comes back THEN the bot reconnects by itself: healthy again and commands work", async () => {
		await run.bot.waitForLog("redis connection problem; retrying");
		await redis.up();
		await run.bot.waitForLog("redis connection back", 15_000);
		expect((await fetch(`${base}/healthz`)).status).toBe(200);
		const board = await runCommand(world, { userId: world.bob, name: "leaderboard" });
		// The round above survived the restart: the private Redis persists what it acknowledged.
		expect(JSON.stringify(board.data)).toContain("Leaderboard · All time");
	});
});
