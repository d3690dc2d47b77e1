import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../support/redis-server.js";
import { createWorld, startDojo, TOKEN, type World } from "./harness.js";
import { askQuestion, LIGHTBULB, questionIdOf, react, waitForReveal } from "./rounds.js";

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * The scenario that matters most for a daily question: the bot restarts between posting and revealing,
 * and the interaction token has long expired by the time someone reacts 💡.
 */
async function revealAfterRestart(world: World, options: { redisUrl?: string }) {
	const first = await startDojo(world, options);
	const { message } = await askQuestion(world, world.alice);
	const secondQuestion = questionIdOf((await askQuestion(world, world.alice)).message);
	expect(await first.bot.stop()).toBe(0);

	const putsBefore = world.discord.requests.filter((r) => r.method === "PUT" && r.path.includes("/commands")).length;
	const second = await startDojo(world, { ...options, dataDir: first.dataDir });
	await second.bot.waitForLog("slash commands unchanged, not re-registered");
	const putsAfter = world.discord.requests.filter((r) => r.method === "PUT" && r.path.includes("/commands")).length;

	world.discord.advanceClock(FIFTEEN_MINUTES + 60_000);
	react(world, message, world.alice, LIGHTBULB);
	const revealed = await waitForReveal(world, message);

	// The rotation survived too: the next question is neither of the two already asked.
	const third = questionIdOf((await askQuestion(world, world.alice)).message);
	await second.bot.stop();
	return {
		putsBefore,
		putsAfter,
		revealed,
		asked: [questionIdOf(message), secondQuestion, third],
		output: first.bot.output() + second.bot.output(),
	};
}

describe("e2e: restart between posting and revealing", () => {
	let world: World;
	beforeAll(async () => {
		world = await createWorld();
	});
	afterAll(async () => {
		await world?.discord.close();
	});

	it("GIVEN the embedded store THEN the round is revealed after the restart and commands are not re-registered", async () => {
		const outcome = await revealAfterRestart(world, {});
		expect(outcome.putsAfter).toBe(outcome.putsBefore);
		expect(outcome.revealed.embeds[0]?.footer?.text).toMatch(/ · Answer revealed$/);
		expect(new Set(outcome.asked).size).toBe(3);
		expect(outcome.output).not.toContain(TOKEN);
	});
});

describe.skipIf(skipWithoutRedis())("e2e: restart with Redis", () => {
	let world: World;
	let redis: PrivateRedis;
	beforeAll(async () => {
		[world, redis] = await Promise.all([createWorld(), startPrivateRedis()]);
	});
	afterAll(async () => {
		await world?.discord.close();
		await redis?.stop();
	});

	it("GIVEN REDIS_URL THEN the round, the rotation and the command sync all survive the restart", async () => {
		const outcome = await revealAfterRestart(world, { redisUrl: redis.url });
		expect(outcome.putsAfter).toBe(outcome.putsBefore);
		expect(outcome.revealed.embeds).toHaveLength(2);
		expect(new Set(outcome.asked).size).toBe(3);
	});
});
