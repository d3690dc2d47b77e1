import { describe, expect, it } from "vitest";
import {
	askQuestion,
	botReactions,
	ephemeralText,
	integerOption,
	LIGHTBULB,
	react,
	runCommand,
	stringOption,
	subcommand,
	userOption,
	waitForReveal,
} from "../../harness/rounds.js";
import type { DojoRun, World } from "../../harness/world.js";
import { useDojoPerFile } from "./per-file.js";

let world: World;
let run: DojoRun;
useDojoPerFile((started, bot) => {
	world = started;
	run = bot;
});

/** e2e-methods is medium and 🇧 is right: 2 points, 3 for the first right pick. */
const askMethods = (channelId: string, asker = world.alice) =>
	askQuestion(world, asker, [stringOption("id", "e2e-methods")], channelId);

const embedText = (data: unknown) =>
	JSON.stringify((data as { embeds?: Array<{ description?: string }> }).embeds?.[0]?.description ?? data);

describe("e2e: picks", () => {
	it("GIVEN Manage Messages THEN picks are hidden as they lock, the first letter counts, and the footer counts them", async () => {
		const { message } = await askMethods(world.hidden);
		react(world, message, world.bob, "🇧");
		react(world, message, world.carol, "🇦");
		await world.discord.waitFor(() => run.bot.logs.filter((line) => line.msg === "pick locked").length >= 2);
		react(world, message, world.bob, "🇦");
		await world.discord.waitFor(() => {
			const current = world.discord.getMessage(message.channel_id, message.id);
			return current?.embeds[0]?.footer?.text.includes("2 locked in") && current.reactions?.every((r) => r.me);
		});

		react(world, message, world.alice, LIGHTBULB);
		const revealed = await waitForReveal(world, message);
		expect(revealed.embeds[1]?.fields).toEqual([
			{ name: "Results", value: `🇦 1 · 🇧 1 · 🇨 0 (2 picks)\nRight: <@${world.bob}> +3 (first)` },
		]);
	});

	it("GIVEN no Manage Messages THEN picks stay visible and the footer says so; two votes reveal once the server sets two", async () => {
		const settings = await runCommand(world, {
			userId: world.admin,
			name: "dojo",
			options: [subcommand("settings", [integerOption("reveal_votes", 2)])],
		});
		expect(embedText(settings.data)).toContain("Reveal votes: **2** members");

		const { message } = await askMethods(world.practice);
		expect(message.embeds[0]?.footer?.text).toContain("picks are visible here");
		react(world, message, world.carol, "🇧");
		await world.discord.waitFor(() =>
			run.bot.logs.some((line) => line.msg === "pick locked" && line.messageId === message.id),
		);
		expect(
			world.discord.getMessage(message.channel_id, message.id)?.reactions?.find((r) => r.emoji.name === "🇧")?.count,
		).toBe(2);

		react(world, message, world.bob, LIGHTBULB);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(world.discord.getMessage(message.channel_id, message.id)?.embeds).toHaveLength(1);
		react(world, message, world.carol, LIGHTBULB);
		const revealed = await waitForReveal(world, message);
		expect(revealed.embeds[1]?.fields?.[0]?.value).toContain(`Right: <@${world.carol}> +3 (first)`);
	});

	it("GIVEN an open question THEN the reveal adds ✅ 🟨 ❌ and a member's first grade scores", async () => {
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-discuss")]);
		react(world, message, world.alice, LIGHTBULB);
		await waitForReveal(world, message);
		await world.discord.waitFor(() =>
			["✅", "🟨", "❌"].every((emoji) =>
				botReactions(world.discord.getMessage(message.channel_id, message.id)).includes(emoji),
			),
		);
		react(world, message, world.moderator, "🟨");
		react(world, message, world.moderator, "✅");
		await world.discord.waitFor(() => run.bot.logs.some((line) => line.msg === "grade recorded"));
		const stats = await runCommand(world, { userId: world.moderator, name: "stats" });
		expect(embedText(stats.data)).toContain("All time: 1 pt");
	});
});

describe("e2e: boards and stats", () => {
	it("GIVEN the rounds above THEN /leaderboard ranks members with points and accuracy, without pinging", async () => {
		const result = await runCommand(world, { userId: world.alice, name: "leaderboard" });
		expect(result.ephemeral).toBe(false);
		const description = embedText(result.data);
		expect(description).toContain(`<@${world.bob}> · 3 pts · 100% of 1`);
		expect(description).toContain(`<@${world.carol}> · 3 pts · 50% of 2`);
		expect(result.message?.allowed_mentions).toEqual({ parse: [] });
		const weekly = await runCommand(world, {
			userId: world.alice,
			name: "leaderboard",
			options: [stringOption("period", "week")],
		});
		expect(JSON.stringify(weekly.data)).toMatch(/Leaderboard · This week \(\d{4}-W\d{2}\)/);
	});

	it("GIVEN /stats for another member and /review THEN both answer privately; a later right answer leaves review", async () => {
		const stats = await runCommand(world, {
			userId: world.alice,
			name: "stats",
			options: [userOption("member", world.carol)],
		});
		expect(stats.ephemeral).toBe(true);
		expect(embedText(stats.data)).toContain("Questions answered: 2 · accuracy 50% of 2");
		const review = await runCommand(world, { userId: world.moderator, name: "review" });
		expect(review.ephemeral).toBe(true);
		expect(embedText(review.data)).toContain("`e2e-discuss` · Discussion");
		const cleared = await runCommand(world, { userId: world.carol, name: "review" });
		expect(ephemeralText(cleared.data)).toMatch(/^Nothing to review/);
	});
});

describe("e2e: /dojo", () => {
	it("GIVEN a member without Manage Server THEN /dojo refuses, even though this server shows them the command", async () => {
		const result = await runCommand(world, {
			userId: world.bob,
			name: "dojo",
			options: [
				subcommand("adjust", [
					userOption("member", world.bob),
					integerOption("points", 100),
					stringOption("reason", "mine"),
				]),
			],
		});
		expect(ephemeralText(result.data)).toBe("/dojo is for members with the Manage Server permission.");
	});

	it("GIVEN an adjustment THEN the board moves and the export carries it as a JSON attachment", async () => {
		const adjusted = await runCommand(world, {
			userId: world.admin,
			name: "dojo",
			options: [
				subcommand("adjust", [
					userOption("member", world.bob),
					integerOption("points", -1),
					stringOption("reason", "shared the answer"),
				]),
			],
		});
		expect(ephemeralText(adjusted.data)).toBe(
			`Took away 1 points from <@${world.bob}> (now 2 all time). Reason recorded: shared the answer`,
		);
		const exported = await runCommand(world, { userId: world.admin, name: "dojo", options: [subcommand("export")] });
		const original = await world.discord.waitFor(() => exported.original()?.attachments[0] && exported.original());
		const attachment = original.attachments[0];
		if (!attachment) throw new Error("no attachment");
		expect(attachment.filename).toMatch(/^dojo-export-\d+-\d{4}-\d{2}-\d{2}\.json$/);
		const bytes = world.discord.attachment(original.id, attachment.id);
		const snapshot = JSON.parse(new TextDecoder().decode(bytes));
		expect(snapshot.adjustments).toEqual([
			expect.objectContaining({ memberId: world.bob, points: -1, reason: "shared the answer" }),
		]);
		expect(snapshot.boards.all.members).toEqual(expect.arrayContaining([{ memberId: world.bob, points: 2 }]));
	});

	it("GIVEN a reset THEN it asks first; Reset empties the weekly board", async () => {
		const prompt = await runCommand(world, {
			userId: world.admin,
			name: "dojo",
			options: [subcommand("reset-leaderboard", [stringOption("period", "week")])],
		});
		expect(ephemeralText(prompt.data)).toMatch(
			/^Reset the leaderboard for this week \(\d{4}-W\d{2}\)\? \d+ members lose/,
		);
		const message = prompt.message;
		if (!message) throw new Error("no prompt");
		const click = await world.discord.clickButton({
			guildId: world.guildId,
			userId: world.admin,
			message,
			customId: "dojo-reset-confirm",
		});
		expect(click.responded).toBe(true);
		expect(prompt.original()?.content).toMatch(/^The leaderboard for this week \(\d{4}-W\d{2}\) is empty again\.$/);
		const weekly = await runCommand(world, {
			userId: world.alice,
			name: "leaderboard",
			options: [stringOption("period", "week")],
		});
		expect(ephemeralText(weekly.data)).toMatch(/^Nobody is on the board for this week/);
	});
});
