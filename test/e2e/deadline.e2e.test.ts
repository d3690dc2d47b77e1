import { describe, expect, it } from "vitest";
import {
	askQuestion,
	integerOption,
	react,
	runCommand,
	stringOption,
	subcommand,
	waitForReveal,
} from "../../harness/rounds.js";
import type { World } from "../../harness/world.js";
import { useDojoPerFile } from "./per-file.js";

let world: World;
useDojoPerFile((started) => {
	world = started;
});

/** The one slow test: Discord-facing deadlines are whole minutes, so this waits for a real one. */
describe("e2e: a round reveals itself at its deadline", () => {
	it("GIVEN reveal_after 1 minute THEN the round reveals and scores about a minute later with nobody's 💡", async () => {
		await runCommand(world, {
			userId: world.admin,
			name: "dojo",
			options: [subcommand("settings", [integerOption("reveal_after", 1)])],
		});
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
		const dueAt = Date.parse(message.embeds[0]?.timestamp ?? "");
		expect(dueAt - Date.parse(message.timestamp)).toBeGreaterThanOrEqual(59_000);
		react(world, message, world.bob, "🇧");

		const revealed = await waitForReveal(world, message, 75_000);
		expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
		expect(revealed.embeds[1]?.fields?.[0]?.value).toContain(`Right: <@${world.bob}> +3 (first)`);
	}, 90_000);
});
