import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../../harness/redis-server.js";
import {
	askQuestion,
	LIGHTBULB,
	questionIdOf,
	react,
	runCommand,
	stringOption,
	waitForReveal,
} from "../../harness/rounds.js";
import { createWorld, startDojo, TOKEN, type World } from "../../harness/world.js";
import { makeRoundOverdue } from "./store-access.js";

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

describe("e2e: picks across restarts and deadlines that passed while the bot was down", () => {
	let world: World;
	beforeAll(async () => {
		world = await createWorld();
	});
	afterAll(async () => {
		await world?.discord.close();
	});

	it("GIVEN picks before and after a restart and a deadline passed while down THEN start-up reveals and scores both", async () => {
		const first = await startDojo(world);
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
		react(world, message, world.bob, "🇧");
		await first.bot.waitForLog("pick locked");
		await first.bot.stop();

		const second = await startDojo(world, { dataDir: first.dataDir });
		react(world, message, world.carol, "🇦");
		await second.bot.waitForLog("pick locked");
		await second.bot.stop();

		await makeRoundOverdue(first.dataDir, message.id);
		const third = await startDojo(world, { dataDir: first.dataDir });
		try {
			expect(await third.bot.waitForLog("revealed rounds that fell due while the bot was down")).toMatchObject({
				rounds: 1,
			});
			const revealed = await waitForReveal(world, message);
			expect(revealed.embeds[1]?.fields?.[0]?.value).toBe(
				`🇦 1 · 🇧 1 · 🇨 0 (2 picks)\nRight: <@${world.bob}> +3 (first)`,
			);
			const board = await runCommand(world, { userId: world.bob, name: "leaderboard" });
			expect(JSON.stringify(board.data)).toContain(`<@${world.bob}> · 3 pts`);
		} finally {
			await third.bot.stop();
		}
		// Three bot starts: a loaded machine needs more than the default 15 s for them.
	}, 60_000);
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
