import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { openStore } from "../../src/store/open-store.js";

const UNAVAILABLE =
	"Scores are temporarily unavailable: my database is not answering. Nothing you did was lost; try again in a minute.";
const RETRY_SECONDS = 6;

/**
 * Redis taken away from a running bot, and never there to begin with. The private Redis writes every
 * command to its append-only file before answering, so what it acknowledged survives its restart, as
 * on a production Redis with persistence on.
 */
describe.skipIf(skipWithoutRedis())("e2e: Redis outages", () => {
	let world: World;
	let redis: PrivateRedis;
	let run: DojoRun;

	beforeAll(async () => {
		[world, redis] = await Promise.all([createWorld(), startPrivateRedis()]);
	});
	afterAll(async () => {
		await run?.bot.stop();
		await world?.discord.close();
		await redis?.stop();
	});

	it("GIVEN Redis is not running when the bot starts THEN it serves anyway, says scores are unavailable, and recovers alone", async () => {
		await redis.down();
		run = await startDojo(world, {
			redisUrl: redis.url,
			env: { STORE_RETRY_SECONDS: String(RETRY_SECONDS) },
		});
		const warning = await run.bot.waitForLog((line) => line.msg.startsWith("REDIS_URL: Redis is not answering"));
		expect(warning.level).toBe(40);
		await run.bot.waitForLog("ready");

		const refused = await runCommand(world, { userId: world.bob, name: "leaderboard" });
		expect(refused.latencyMs).toBeLessThan(3_000);
		expect(ephemeralText(refused.data)).toBe(UNAVAILABLE);

		await redis.up();
		await run.bot.waitForLog("redis connection back", 15_000);
		const { message } = await askQuestion(world, world.alice);
		expect(message.embeds).toHaveLength(1);
		// Waits of up to 15 s for Redis to come back: beyond vitest's 15 s default.
	}, 45_000);

	it("GIVEN Redis goes down mid-round THEN a pick during the outage is stored when it returns, one that waited too long is refused aloud, and earlier picks survive", async () => {
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
		react(world, message, world.carol, "🇦");
		await run.bot.waitForLog((line) => line.msg === "pick locked" && line.userId === world.carol);

		await redis.down();
		react(world, message, world.bob, "🇧");
		const refused = await run.bot.waitForLog(
			(line) => line.msg === "reaction not recorded: the store stayed unreachable" && line.userId === world.bob,
			RETRY_SECONDS * 1000 + 5_000,
		);
		expect(refused.emoji).toBe("🇧");
		const notice = await world.discord.waitFor(() =>
			world.discord.channelMessages(world.hidden).find((sent) => sent.content.includes(`<@${world.bob}>`)),
		);
		expect(notice.content).toBe(
			`<@${world.bob}> your reaction on this question did not count: my database was not answering. Nothing else was lost; please react again.`,
		);
		expect(world.discord.getMessage(world.hidden, notice.id)?.allowed_mentions).toEqual({
			parse: [],
			users: [world.bob],
		});
		// The bot took the refused letter off (it may manage messages here), so the pick stays secret.
		await world.discord.waitFor(
			() =>
				world.discord.getMessage(world.hidden, message.id)?.reactions?.find((reaction) => reaction.emoji.name === "🇧")
					?.count === 1,
		);

		react(world, message, world.moderator, "🇨");
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		await redis.up();
		await run.bot.waitForLog((line) => line.msg === "pick locked" && line.userId === world.moderator, 15_000);

		react(world, message, world.alice, LIGHTBULB);
		await waitForReveal(world, message);
		const store = await openStore({ kind: "redis", url: redis.url });
		try {
			const picks = await store.hashGetAll(`picks:${message.id}`);
			expect(
				Object.fromEntries(Object.entries(picks).map(([member, raw]) => [member, JSON.parse(raw).choice])),
			).toEqual({ [world.carol]: 0, [world.moderator]: 2 });
		} finally {
			await store.close();
		}
	}, 60_000);

	it("GIVEN Redis hangs without closing its connections THEN a command is still answered within Discord's 3 s", async () => {
		redis.pause();
		try {
			const result = await runCommand(world, { userId: world.bob, name: "stats" });
			expect(result.latencyMs).toBeLessThan(3_000);
			expect(ephemeralText(result.data)).toBe(UNAVAILABLE);
		} finally {
			redis.resume();
		}
		const after = await runCommand(world, { userId: world.bob, name: "stats" });
		expect(after.ephemeral).toBe(true);
		expect(JSON.stringify(after.data)).not.toContain("temporarily unavailable");
	});
});
