import type { APIMessage } from "discord-api-types/v10";
import { ComponentType } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	askQuestion,
	ephemeralText,
	integerOption,
	LIGHTBULB,
	react,
	runCommand,
	stringOption,
	subcommand,
	waitForReveal,
} from "../../harness/rounds.js";
import { createWorld, type DojoRun, startDojo, type World } from "../../harness/world.js";
import { shiftedClock } from "../support/bot-clock.js";

const DAY = 86_400_000;

function buttonIds(message: APIMessage | undefined): string[] {
	return (message?.components ?? []).flatMap((row) =>
		row.type === ComponentType.ActionRow
			? row.components.flatMap((component) => ("custom_id" in component ? [component.custom_id] : []))
			: [],
	);
}

const description = (message: APIMessage | undefined, embed = 0) => message?.embeds[embed]?.description ?? "";
const unix = (text: string) => Number(/<t:(\d+):[RDf]>/.exec(text)?.[1]) * 1000;

describe("e2e: /practice", () => {
	let world: World;
	let run: DojoRun;
	const clock = shiftedClock();
	const start = async (dataDir?: string) => {
		run = await startDojo(world, { env: clock.env, nodeArgs: clock.nodeArgs, ...(dataDir ? { dataDir } : {}) });
	};
	beforeAll(async () => {
		world = await createWorld();
		await start();
	});
	afterAll(async () => {
		await run?.bot.stop();
		await world?.discord.close();
	});

	const practice = (userId: string, name: string, options: ReturnType<typeof stringOption>[] = []) =>
		runCommand(world, { userId, name: "practice", options: [subcommand(name, options)] });

	/** A member's practice message as it is now (clicks edit it in place). */
	const latest = (message: APIMessage) =>
		world.discord.privateMessages(message.channel_id).find((entry) => entry.id === message.id);

	async function click(userId: string, message: APIMessage, customId: string) {
		const result = await world.discord.clickButton({ guildId: world.guildId, userId, message, customId });
		expect(result.responded).toBe(true);
		return result;
	}

	async function startPractice(userId: string, options: ReturnType<typeof stringOption>[] = []) {
		const result = await practice(userId, "start", options);
		expect(result.ephemeral).toBe(true);
		if (!result.message) throw new Error(`no practice message: ${JSON.stringify(result.data)}`);
		return result.message;
	}

	async function missInARound(questionId: string, memberId: string, wrong: string) {
		const { message } = await askQuestion(world, world.alice, [stringOption("id", questionId)]);
		react(world, message, memberId, wrong);
		await world.discord.waitFor(() =>
			run.bot.logs.some((line) => line.msg === "pick locked" && line.messageId === message.id),
		);
		react(world, message, world.alice, LIGHTBULB);
		await waitForReveal(world, message);
	}

	it("GIVEN a member who missed a question THEN a day later /practice offers it, a right answer moves it days ahead, and the board stays", async () => {
		await missInARound("e2e-methods", world.bob, "🇦");
		const before = await practice(world.bob, "status");
		expect(description(before.message)).toContain("Due now: **0**");
		expect(description(before.message)).toContain("Cards: **1**");
		const board = JSON.stringify((await runCommand(world, { userId: world.alice, name: "leaderboard" })).data);

		await clock.advance(run.bot, DAY);
		const asked = await startPractice(world.bob, [integerOption("count", 1)]);
		expect(asked.embeds[0]?.footer?.text).toBe("e2e-methods · 1 of 1 · due again · only you see this");
		const ids = buttonIds(asked);
		expect(ids).toHaveLength(3);
		expect(ids[1]).toMatch(/^practice:pick:\d+:1$/);

		const answered = await click(world.bob, asked, ids[1] ?? "");
		expect(answered.type).toBe(7);
		const shown = latest(asked);
		expect(shown?.embeds[1]?.title).toBe("✅ Right: 🇧");
		const next = shown?.embeds[1]?.fields?.[0]?.value ?? "";
		expect(next).toMatch(/^Comes back again in \d+ days \(<t:\d+:D>\)\. Your server's boards are unchanged\.$/);
		expect(Number(/again in (\d+) days/.exec(next)?.[1])).toBeGreaterThanOrEqual(2);
		expect(buttonIds(shown)).toEqual([]);

		// A second click on the same button (a double click, a retry) changes nothing. The bot logs the
		// answer after replying, so the first line is awaited before the count is taken.
		await run.bot.waitForLog("practice answer");
		await click(world.bob, asked, ids[0] ?? "");
		expect(latest(asked)?.embeds[1]?.title).toBe("✅ Right: 🇧");

		const after = description((await practice(world.bob, "status")).message);
		expect(run.bot.logs.filter((line) => line.msg === "practice answer")).toHaveLength(1);
		expect(after).toContain("Due now: **0**");
		expect(after).toContain("learned (last answer right): **1**");
		expect(unix(after)).toBeGreaterThanOrEqual(clock.now() + 2 * DAY - 60_000);
		expect(after).toMatch(/Routing: \d+% · 1 card/);
		expect(JSON.stringify((await runCommand(world, { userId: world.alice, name: "leaderboard" })).data)).toBe(board);
	});

	it("GIVEN a due question whose round is open in the server THEN /practice leaves it out until the reveal", async () => {
		await missInARound("e2e-url-for", world.carol, "🇧");
		await clock.advance(run.bot, DAY);
		const { message: open } = await askQuestion(world, world.alice, [stringOption("id", "e2e-url-for")], world.hidden);
		const routing = [stringOption("section", "e2e-routing"), integerOption("count", 1)];
		const during = await startPractice(world.carol, routing);
		expect(during.embeds[0]?.footer?.text).toMatch(/ · new to you · /);
		expect(during.embeds[0]?.footer?.text).not.toContain("e2e-url-for");

		react(world, open, world.alice, LIGHTBULB);
		await waitForReveal(world, open);
		const afterReveal = await startPractice(world.carol, routing);
		expect(afterReveal.embeds[0]?.footer?.text).toBe("e2e-url-for · 1 of 1 · due again · only you see this");
	});

	it("GIVEN an open question THEN Show answer, then a self-grade after a restart sets when it comes back", async () => {
		const asked = await startPractice(world.moderator, [stringOption("section", "Discussion")]);
		expect(asked.embeds[0]?.footer?.text).toBe("e2e-discuss · 1 of 5 · new to you · only you see this");
		const [show] = buttonIds(asked);
		expect(show).toMatch(/^practice:show:\d+$/);
		await click(world.moderator, asked, show ?? "");
		const shown = latest(asked);
		expect(shown?.embeds[1]?.title).toBe("What a strong answer covers");
		const grades = buttonIds(shown);
		expect(grades.map((id) => id.split(":").at(-1))).toEqual(["got-it", "partly", "missed"]);

		// The buttons carry the ask; the ask is in the store, so a restart in between loses nothing.
		expect(await run.bot.stop()).toBe(0);
		await start(run.dataDir);
		await click(world.moderator, asked, grades[1] ?? "");
		const graded = latest(asked);
		expect(graded?.embeds[1]?.title).toBe("🟨 Partly");
		expect(graded?.embeds[1]?.fields?.[0]?.value).toMatch(/^Comes back again (tomorrow|in \d+ days) /);

		const nothing = await practice(world.moderator, "start", [stringOption("section", "e2e-talk")]);
		expect(ephemeralText(nothing.data)).toMatch(
			/^Nothing to practise with these filters: no card is due and you have answered every question they match\. The next one comes back <t:\d+:R>\.$/,
		);
	});

	it("GIVEN a session of two THEN Next goes on to the second question, and the last answer ends it", async () => {
		const asked = await startPractice(world.admin, [stringOption("bank", "End-to-end"), integerOption("count", 2)]);
		const first = buttonIds(asked)[0] ?? "";
		await click(world.admin, asked, first);
		const next = buttonIds(latest(asked));
		expect(next).toEqual([expect.stringMatching(/^practice:next:\d+$/)]);
		await click(world.admin, asked, next[0] ?? "");
		const second = latest(asked);
		expect(second?.embeds[0]?.footer?.text).toMatch(/ · 2 of 2 · new to you · /);
		const [answer] = buttonIds(second);
		if (!second || !answer) throw new Error("no second question");
		await click(world.admin, second, answer);
		expect(buttonIds(latest(asked))).toEqual([]);
	});

	it("GIVEN unknown filters or a stranger's button THEN each gets a private explanation and nothing changes", async () => {
		expect(ephemeralText((await practice(world.bob, "start", [stringOption("section", "Nope")])).data)).toMatch(
			/^There is no section called “Nope”\. Sections: /,
		);
		expect(ephemeralText((await practice(world.bob, "start", [stringOption("bank", "Nope")])).data)).toBe(
			"There is no bank called “Nope”. Banks: “End-to-end”.",
		);
		const asked = await startPractice(world.carol);
		const stranger = await click(world.bob, asked, buttonIds(asked)[0] ?? "");
		expect(stranger.ephemeral).toBe(true);
		expect(ephemeralText(stranger.data)).toBe(
			"This practice question is someone else's. /practice start gives you your own.",
		);
	});
});
