import { describe, expect, it } from "vitest";
import {
	askQuestion,
	botReactions,
	ephemeralText,
	LETTERS,
	LIGHTBULB,
	questionIdOf,
	react,
	runCommand,
	stringOption,
	waitForReveal,
} from "../../harness/rounds.js";
import type { World } from "../../harness/world.js";
import { useDojoPerFile } from "./per-file.js";

let world: World;
useDojoPerFile((started) => {
	world = started;
});

describe("e2e: commands", () => {
	it("GIVEN DEV_GUILD_ID THEN every command is registered there with one bulk overwrite", () => {
		const commands = world.discord.registeredCommands(world.guildId);
		expect(commands.map((command) => command.name)).toEqual([
			"question",
			"sections",
			"leaderboard",
			"stats",
			"review",
			"practice",
			"mock",
			"suggest",
			"daily",
			"bank",
			"dojo",
			"help",
		]);
		const question = commands[0];
		expect(question?.options?.map((option) => option.name)).toEqual(["section", "difficulty", "id", "bank"]);
		expect(question?.options?.[0]).toMatchObject({ autocomplete: true });
		expect(question?.options?.[1]).toMatchObject({
			choices: [
				{ name: "easy", value: "easy" },
				{ name: "medium", value: "medium" },
				{ name: "advanced", value: "advanced" },
			],
		});
		const puts = world.discord.requests.filter(
			(request) => request.method === "PUT" && request.path.includes("/commands"),
		);
		expect(puts).toHaveLength(1);
		expect(world.discord.registeredCommands()).toEqual([]);
	});

	it("GIVEN a partly typed section THEN autocomplete offers matching sections with their size", async () => {
		const result = await world.discord.sendAutocomplete({
			guildId: world.guildId,
			channelId: world.practice,
			userId: world.alice,
			name: "question",
			options: [stringOption("section", "rout", true)],
		});
		expect(result.responded).toBe(true);
		expect(result.data).toEqual({ choices: [{ name: "Routing (3 questions)", value: "e2e-routing" }] });
	});

	it("GIVEN /sections and /help THEN both answer privately", async () => {
		for (const name of ["sections", "help"]) {
			const result = await world.discord.sendCommand({
				guildId: world.guildId,
				channelId: world.practice,
				userId: world.bob,
				name,
			});
			expect(result.responded && result.ephemeral).toBe(true);
		}
		const sections = await world.discord.sendCommand({
			guildId: world.guildId,
			channelId: world.practice,
			userId: world.bob,
			name: "sections",
		});
		const description = (sections.data as { embeds: Array<{ description: string }> }).embeds[0]?.description;
		expect(description).toContain("**Routing** · `e2e-routing` · 3 questions (2 easy · 1 medium)");
	});
});

describe("e2e: /question", () => {
	it("GIVEN /question THEN a question embed is posted with its letters and 💡, in that order", async () => {
		const { result, message } = await askQuestion(world, world.alice);
		expect(result.latencyMs).toBeLessThan(3_000);
		const embed = message.embeds[0];
		expect(embed?.title).toMatch(/ · (Easy|Medium|Advanced)$/);
		expect(questionIdOf(message)).toMatch(/^e2e-/);
		const posted = world.discord.getMessage(message.channel_id, message.id);
		const choiceCount = (embed?.description?.match(/^🇦|^🇧|^🇨|^🇩/gmu) ?? []).length;
		expect(botReactions(posted)).toEqual([...LETTERS.slice(0, choiceCount), LIGHTBULB]);
		expect(message.allowed_mentions?.parse ?? []).toEqual([]);
	});

	it("GIVEN a section and difficulty THEN only matching questions come, none twice until all were asked", async () => {
		const filters = [stringOption("section", "e2e-routing"), stringOption("difficulty", "easy")];
		const first = questionIdOf((await askQuestion(world, world.bob, filters)).message);
		const second = questionIdOf((await askQuestion(world, world.bob, filters)).message);
		expect(new Set([first, second])).toEqual(new Set(["e2e-converter", "e2e-url-for"]));
		const third = questionIdOf((await askQuestion(world, world.bob, filters)).message);
		expect(["e2e-converter", "e2e-url-for"]).toContain(third);
		expect(third).not.toBe(second);
	});

	it("GIVEN a section title typed by hand THEN it is understood", async () => {
		const { message } = await askQuestion(world, world.bob, [stringOption("section", "data access")]);
		expect(questionIdOf(message)).toBe("e2e-session-get");
	});

	it("GIVEN an unknown section THEN only the member sees an explanation listing the sections", async () => {
		const before = world.discord.channelMessages(world.practice).filter((m) => !m.flags).length;
		const result = await runCommand(world, {
			userId: world.alice,
			name: "question",
			options: [stringOption("section", "django")],
		});
		expect(result.ephemeral).toBe(true);
		expect(ephemeralText(result.data)).toBe(
			"There is no section called “django”. Sections: “Routing”, “Data access”, “Discussion”.",
		);
		expect(world.discord.channelMessages(world.practice).filter((m) => !m.flags).length).toBe(before);
	});

	it("GIVEN filters that match nothing THEN the member is told which and what exists", async () => {
		const result = await runCommand(world, {
			userId: world.alice,
			name: "question",
			options: [stringOption("section", "e2e-talk"), stringOption("difficulty", "easy")],
		});
		expect(result.ephemeral).toBe(true);
		expect(ephemeralText(result.data)).toBe(
			"No question matches section “Discussion” and difficulty Easy. That section has 1 advanced.",
		);
	});

	it("GIVEN a channel where the bot may not add reactions THEN the member is told what to fix and nothing is posted", async () => {
		const result = await runCommand(world, { userId: world.alice, name: "question", channelId: world.locked });
		expect(result.ephemeral).toBe(true);
		expect(ephemeralText(result.data)).toBe(
			`I can't run a round in <#${world.locked}>: I'm missing Add Reactions there. Ask a server admin to grant them to my role in this channel.`,
		);
		expect(world.discord.channelMessages(world.locked)).toHaveLength(0);
	});
});

describe("e2e: reveal", () => {
	it("GIVEN a plain member's 💡 THEN nothing changes; GIVEN the asker's 💡 THEN the same message shows the answer", async () => {
		const { message } = await askQuestion(world, world.alice);
		react(world, message, world.bob, LIGHTBULB);
		react(world, message, world.bob, LETTERS[0] ?? "");
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(world.discord.getMessage(message.channel_id, message.id)?.embeds).toHaveLength(1);

		react(world, message, world.alice, LIGHTBULB);
		const revealed = await waitForReveal(world, message);
		expect(revealed.embeds[0]?.footer?.text).toBe(`${questionIdOf(message)} · Answer revealed`);
		const answerTitle = revealed.embeds[1]?.title ?? "";
		expect(answerTitle === "What a strong answer covers" || /^Answer: (🇦|🇧|🇨|🇩)$/u.test(answerTitle)).toBe(true);
		if (answerTitle.startsWith("Answer")) expect(revealed.embeds[0]?.description).toContain("✅ **");
	});

	it("GIVEN a moderator's 💡 on someone else's round THEN it reveals, through the channel route", async () => {
		const { message } = await askQuestion(world, world.carol);
		react(world, message, world.moderator, LIGHTBULB);
		await waitForReveal(world, message);
		const edits = world.discord.requests.filter(
			(request) => request.method === "PATCH" && request.path.includes(message.id),
		);
		expect(edits.map((request) => request.path)).toEqual([
			`/api/v10/channels/${message.channel_id}/messages/${message.id}`,
		]);
		expect(world.discord.requests.some((request) => request.path.startsWith("/api/v10/webhooks"))).toBe(false);
	});

	it("GIVEN a second 💡 after the reveal THEN the message is not edited again", async () => {
		const { message } = await askQuestion(world, world.carol);
		react(world, message, world.carol, LIGHTBULB);
		react(world, message, world.moderator, LIGHTBULB);
		await waitForReveal(world, message);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const edits = world.discord.requests.filter(
			(request) => request.method === "PATCH" && request.path.includes(message.id),
		);
		expect(edits).toHaveLength(1);
	});
});
