import type { APIMessage } from "discord-api-types/v10";
import { ComponentType } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	askQuestion,
	botReactions,
	channelOption,
	ephemeralText,
	integerOption,
	LIGHTBULB,
	react,
	runCommand,
	stringOption,
	subcommand,
	waitForReveal,
} from "../../harness/rounds.js";
import { createWorld, startDojo, type World } from "../../harness/world.js";
import { useDojoPerFile } from "./per-file.js";
import { makeRoundOverdue } from "./store-access.js";

const embedText = (data: unknown) =>
	JSON.stringify((data as { embeds?: Array<{ description?: string }> }).embeds?.[0]?.description ?? data);

/** The custom ids of a message's buttons, in order. */
function buttonIds(message: APIMessage | undefined): string[] {
	return (message?.components ?? []).flatMap((row) =>
		row.type === ComponentType.ActionRow
			? row.components.flatMap((component) => ("custom_id" in component ? [component.custom_id] : []))
			: [],
	);
}

function current(world: World, message: APIMessage): APIMessage | undefined {
	return world.discord.getMessage(message.channel_id, message.id);
}

/** A member clicks the button for a choice (0 = 🇦) and gets the bot's private answer. */
async function clickPick(world: World, message: APIMessage, userId: string, choice: number): Promise<string> {
	const result = await world.discord.clickButton({
		guildId: world.guildId,
		userId,
		message: current(world, message) ?? message,
		customId: `dojo-pick:${choice}`,
	});
	expect(result.ephemeral).toBe(true);
	return ephemeralText(result.data);
}

async function useButtons(world: World): Promise<string> {
	const settings = await runCommand(world, {
		userId: world.admin,
		name: "dojo",
		options: [subcommand("settings", [stringOption("picks", "buttons")])],
	});
	return embedText(settings.data);
}

/** e2e-methods is medium with three choices and 🇧 right: 2 points, 3 for the first right pick. */
const askMethods = (world: World, channelId: string) =>
	askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], channelId);

describe("e2e: picks with buttons", () => {
	let world: World;
	useDojoPerFile((started) => {
		world = started;
	});

	it("GIVEN picks:buttons and no Manage Messages THEN a click answers privately, picks stay hidden, no reaction is deleted", async () => {
		expect(await useButtons(world)).toContain("Picks: **buttons, each pick confirmed privately**");
		const { message } = await askMethods(world, world.practice);
		expect(buttonIds(message)).toEqual(["dojo-pick:0", "dojo-pick:1", "dojo-pick:2"]);
		expect(botReactions(current(world, message))).toEqual([LIGHTBULB]);
		expect(message.embeds[0]?.footer?.text).toContain("Pick a button; only you see your pick · 0 locked in");

		expect(await clickPick(world, message, world.bob, 1)).toBe(
			"You picked 🇧. Locked in; the answer comes at the reveal.",
		);
		expect(await clickPick(world, message, world.bob, 0)).toBe(
			"Your first pick is already locked in and stays until the reveal.",
		);
		expect(await clickPick(world, message, world.carol, 0)).toBe(
			"You picked 🇦. Locked in; the answer comes at the reveal.",
		);
		// A letter added by hand is not a second, visible way to pick.
		react(world, message, world.moderator, "🇧");
		await world.discord.waitFor(() => current(world, message)?.embeds[0]?.footer?.text.includes("2 locked in"));
		expect(world.discord.channelMessages(world.practice)).toHaveLength(1);

		react(world, message, world.alice, LIGHTBULB);
		const revealed = await waitForReveal(world, message);
		expect(revealed.embeds[1]?.fields).toEqual([
			{ name: "Results", value: `🇦 1 · 🇧 1 · 🇨 0 (2 picks)\nRight: <@${world.bob}> +3 (first)` },
		]);
		expect(buttonIds(revealed)).toEqual([]);
		const deletes = world.discord.requests.filter((request) => request.method === "DELETE");
		expect(deletes).toEqual([]);
	});

	it("GIVEN a click on a revealed round THEN the member is told picks are closed and nothing is stored", async () => {
		const { message } = await askMethods(world, world.hidden);
		react(world, message, world.alice, LIGHTBULB);
		await waitForReveal(world, message);
		expect(await clickPick(world, message, world.bob, 1)).toBe("This round has been revealed; picks are closed.");
	});

	it("GIVEN votes and the bot's Manage Messages THEN buttons still decide, and the vote reveal scores the same", async () => {
		const { message } = await askMethods(world, world.hidden);
		await clickPick(world, message, world.carol, 1);
		await clickPick(world, message, world.bob, 1);
		for (const voter of [world.bob, world.carol, world.moderator]) react(world, message, voter, LIGHTBULB);
		const revealed = await waitForReveal(world, message);
		expect(revealed.embeds[1]?.fields?.[0]?.value).toBe(
			`🇦 0 · 🇧 2 · 🇨 0 (2 picks)\nRight: <@${world.carol}> +3 (first), <@${world.bob}> +2`,
		);
		expect(world.discord.requests.filter((request) => request.method === "DELETE")).toEqual([]);
	});

	it("GIVEN an open question in buttons mode THEN it has no buttons and grades with reactions as before", async () => {
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-discuss")]);
		expect(buttonIds(message)).toEqual([]);
		expect(message.embeds[0]?.footer?.text).toContain("Think it through");
	});

	it("GIVEN a daily in buttons mode THEN it carries the buttons, names no asker, and a click starts the streak", async () => {
		const set = await runCommand(world, {
			userId: world.admin,
			name: "daily",
			options: [
				subcommand("set", [
					channelOption("channel", world.hidden),
					stringOption("time", "23:59"),
					stringOption("timezone", "UTC"),
					stringOption("section", "e2e-routing"),
				]),
			],
		});
		expect(set.ephemeral).toBe(true);
		const now = await runCommand(world, { userId: world.admin, name: "daily", options: [subcommand("now")] });
		await world.discord.waitFor(() => now.original()?.content || undefined);
		const daily = await world.discord.waitFor(() =>
			world.discord
				.channelMessages(world.hidden)
				.find((entry) => entry.content.startsWith("**Question of the day**") && buttonIds(entry).length > 0),
		);
		expect(daily.embeds[0]?.footer?.text).toContain("💡 from a moderator or 3 members reveals");
		expect(await clickPick(world, daily, world.carol, 0)).toMatch(/^You picked 🇦\. Locked in/);
		const stats = await runCommand(world, { userId: world.carol, name: "stats" });
		expect(embedText(stats.data)).toContain("Daily streak: 1 day");
	});
});

describe("e2e: button picks across a restart", () => {
	let world: World;
	beforeAll(async () => {
		world = await createWorld();
	});
	afterAll(async () => {
		await world?.discord.close();
	});

	it("GIVEN a pick before and after a restart and a deadline passed while down THEN start-up reveals and scores both", async () => {
		const first = await startDojo(world);
		await useButtons(world);
		const { message } = await askMethods(world, world.practice);
		await clickPick(world, message, world.bob, 1);
		expect(await first.bot.stop()).toBe(0);

		const second = await startDojo(world, { dataDir: first.dataDir });
		expect(await clickPick(world, message, world.carol, 1)).toMatch(/^You picked 🇧\. Locked in/);
		expect(await clickPick(world, message, world.bob, 0)).toMatch(/already locked in/);
		expect(await second.bot.stop()).toBe(0);

		await makeRoundOverdue(first.dataDir, message.id);
		const third = await startDojo(world, { dataDir: first.dataDir });
		const revealed = await waitForReveal(world, message, 15_000);
		expect(revealed.embeds[1]?.fields?.[0]?.value).toBe(
			`🇦 0 · 🇧 2 · 🇨 0 (2 picks)\nRight: <@${world.bob}> +3 (first), <@${world.carol}> +2`,
		);
		expect(buttonIds(revealed)).toEqual([]);
		await third.bot.stop();
		// Three bot starts: a loaded machine needs more than the default 15 s for them.
	}, 60_000);
});

describe("e2e: /question cooldowns", () => {
	let world: World;
	useDojoPerFile((started) => {
		world = started;
	});

	const settings = (options: ReturnType<typeof integerOption>[]) =>
		runCommand(world, { userId: world.admin, name: "dojo", options: [subcommand("settings", options)] });

	it("GIVEN a member cooldown THEN the same member is told privately when to try again; others still post", async () => {
		const saved = await settings([integerOption("member_cooldown", 600)]);
		expect(embedText(saved.data)).toContain("/question cooldown per member: **600** seconds");
		await askQuestion(world, world.alice);
		const started = Math.floor(Date.now() / 1000);
		const refused = await runCommand(world, { userId: world.alice, name: "question" });
		expect(refused.ephemeral).toBe(true);
		const text = ephemeralText(refused.data);
		expect(text).toMatch(/^You posted a question moments ago\. .* try again <t:\d+:R>\.$/);
		const retryAt = Number(/<t:(\d+):R>/.exec(text)?.[1]);
		expect(retryAt).toBeGreaterThanOrEqual(started + 590);
		expect(retryAt).toBeLessThanOrEqual(started + 601);
		await askQuestion(world, world.bob);
	});

	it("GIVEN a channel cooldown THEN another member waits in that channel but not in another one", async () => {
		await settings([integerOption("member_cooldown", 0), integerOption("channel_cooldown", 600)]);
		await askQuestion(world, world.carol, [], world.hidden);
		const refused = await runCommand(world, { userId: world.moderator, name: "question", channelId: world.hidden });
		expect(ephemeralText(refused.data)).toMatch(
			/^A question went out in this channel moments ago\. The next one can go out <t:\d+:R>\.$/,
		);
		expect(world.discord.channelMessages(world.hidden)).toHaveLength(1);
		await askQuestion(world, world.moderator, [], world.practice);
		await settings([integerOption("channel_cooldown", 0)]);
		await askQuestion(world, world.moderator, [], world.hidden);
	});
});
