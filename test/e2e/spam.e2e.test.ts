import { describe, expect, it } from "vitest";
import {
	askQuestion,
	LIGHTBULB,
	react,
	runCommand,
	spamLetters,
	stringOption,
	waitForReveal,
} from "../../harness/rounds.js";
import type { World } from "../../harness/world.js";
import { useDojoPerFile } from "./per-file.js";

let world: World;
useDojoPerFile((started) => {
	world = started;
});

const SPAM = 300;

describe("e2e: reaction spam on one round", () => {
	it(`GIVEN ${SPAM} letter adds and removes from one member THEN the first pick holds, scores once, and the bot makes no extra calls`, async () => {
		// e2e-methods: medium, 🇧 is right. In the practice channel picks are visible, so later letters need no call.
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")]);
		const before = world.discord.requests.length;
		react(world, message, world.bob, "🇧");
		spamLetters(world, message, world.bob, SPAM);
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(world.discord.requests.length - before).toBe(0);

		react(world, message, world.alice, LIGHTBULB);
		const revealed = await waitForReveal(world, message);
		expect(revealed.embeds[1]?.fields?.[0]?.value).toBe(`🇦 0 · 🇧 1 · 🇨 0 (1 pick)\nRight: <@${world.bob}> +3 (first)`);
		const board = await runCommand(world, { userId: world.bob, name: "leaderboard" });
		expect(JSON.stringify(board.data)).toContain(`<@${world.bob}> · 3 pts · 100% of 1`);
	});
});
