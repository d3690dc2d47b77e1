import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	askQuestion,
	integerOption,
	react,
	runCommand,
	stringOption,
	subcommand,
	waitForReveal,
} from "../../harness/rounds.js";
import { createWorld, type DojoRun, startDojo, type World } from "../../harness/world.js";
import { shiftedClock } from "../support/bot-clock.js";

/**
 * Discord-facing deadlines are whole minutes; rather than wait one out, the test moves the running bot's
 * clock past it, and the bot's own sweep (every few seconds, on its timers) must notice and reveal.
 */
describe("e2e: a round reveals itself at its deadline", () => {
	let world: World;
	let run: DojoRun;
	const clock = shiftedClock();
	beforeAll(async () => {
		world = await createWorld();
		run = await startDojo(world, { env: clock.env, nodeArgs: clock.nodeArgs });
	});
	afterAll(async () => {
		await run?.bot.stop();
		await world?.discord.close();
	});

	it("GIVEN reveal_after 1 minute THEN the running bot reveals and scores the round once its clock passes the deadline, with nobody's 💡", async () => {
		await runCommand(world, {
			userId: world.admin,
			name: "dojo",
			options: [subcommand("settings", [integerOption("reveal_after", 1)])],
		});
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
		const dueAt = Date.parse(message.embeds[0]?.timestamp ?? "");
		expect(dueAt - clock.now()).toBeGreaterThan(50_000);
		react(world, message, world.bob, "🇧");
		await world.discord.waitFor(() => run.bot.logs.some((line) => line.msg === "pick locked"), 10_000);

		await clock.advance(run.bot, 30_000);
		// Half way there nothing happens; the sweep runs every 5 s, so give it two chances to be wrong.
		await new Promise((resolve) => setTimeout(resolve, 6_000));
		expect(world.discord.getMessage(message.channel_id, message.id)?.embeds).toHaveLength(1);

		await clock.advance(run.bot, 31_000);
		const revealed = await waitForReveal(world, message, 30_000);
		expect(clock.now()).toBeGreaterThanOrEqual(dueAt);
		expect(revealed.embeds[1]?.fields?.[0]?.value).toContain(`Right: <@${world.bob}> +3 (first)`);
		expect(run.bot.logs.find((line) => line.msg === "round revealed")).toMatchObject({ reason: "deadline" });
	}, 90_000);
});
