import type { APIMessage } from "discord-api-types/v10";
import { InteractionResponseType, PermissionFlagsBits } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../../harness/redis-server.js";
import {
	ephemeralText,
	integerOption,
	type Option,
	runCommand,
	stringOption,
	subcommand,
} from "../../harness/rounds.js";
import { createWorld, type DojoRun, startDojo, type World } from "../../harness/world.js";
import { makeMockTurnOverdue } from "./store-access.js";

const MOCK_BANKS = { BANKS_DIR: "test/e2e/mock-banks" };
const WAIT_MS = 10_000;

/** The custom id of the button with this label on a message. */
function button(message: APIMessage | undefined, label: string): string {
	for (const row of message?.components ?? []) {
		for (const component of "components" in row ? row.components : []) {
			if ("label" in component && component.label === label && "custom_id" in component) return component.custom_id;
		}
	}
	throw new Error(`no button “${label}” on ${JSON.stringify(message?.components)}`);
}

const buttonLabels = (message: APIMessage | undefined) =>
	(message?.components ?? []).flatMap((row) =>
		("components" in row ? row.components : []).map((component) => ("label" in component ? component.label : "")),
	);

const embedText = (message: APIMessage | undefined) =>
	(message?.embeds ?? [])
		.map((embed) =>
			[embed.title, embed.description, ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])].join(
				"\n",
			),
		)
		.join("\n");

describe.skipIf(skipWithoutRedis())("e2e: mock interviews in a thread", () => {
	let world: World;
	let redis: PrivateRedis;
	let run: DojoRun;
	const start = () => startDojo(world, { redisUrl: redis.url, env: MOCK_BANKS });

	beforeAll(async () => {
		[world, redis] = await Promise.all([createWorld(), startPrivateRedis()]);
		run = await start();
	});
	afterAll(async () => {
		await run?.bot.stop();
		await world?.discord.close();
		await redis?.stop();
	});

	const mock = (userId: string, sub: "start" | "stop", options: Option[] = [], channelId?: string) =>
		runCommand(world, {
			userId,
			name: "mock",
			options: [subcommand(sub, options)],
			...(channelId ? { channelId } : {}),
		});
	const click = (userId: string, message: APIMessage | undefined, label: string) => {
		if (!message) throw new Error(`no message to click “${label}” on`);
		return world.discord.clickButton({ guildId: world.guildId, userId, message, customId: button(message, label) });
	};
	const current = (message: APIMessage) => world.discord.getMessage(message.channel_id, message.id);
	/** The thread's question n (1-based), once posted. */
	const questionMessage = (threadId: string, n: number) =>
		world.discord.waitFor(
			() => world.discord.channelMessages(threadId).find((message) => message.content.startsWith(`**Question ${n} of`)),
			WAIT_MS,
		);
	const recapOf = (threadId: string) =>
		world.discord.waitFor(
			() => world.discord.channelMessages(threadId).find((message) => message.content.startsWith("**Recap**")),
			WAIT_MS,
		);
	const archived = (threadId: string) =>
		world.discord.waitFor(() => world.discord.thread(threadId)?.thread_metadata?.archived, WAIT_MS);

	/** /mock start, and the lobby once its thread is open. */
	async function openLobby(userId: string, options: Option[]) {
		const result = await mock(userId, "start", options);
		const lobby = result.message;
		if (!result.responded || !lobby || result.ephemeral) throw new Error(`no lobby: ${JSON.stringify(result.data)}`);
		await world.discord.waitFor(() => world.discord.threadMembers(lobby.id).includes(userId), WAIT_MS);
		return lobby;
	}

	it("GIVEN three members THEN they take turns from lobby to recap: a private answer sheet, grades, a note, a time-out, then the thread is archived", async () => {
		const lobby = await openLobby(world.alice, [
			stringOption("section", "mock-python"),
			integerOption("questions", 3),
			integerOption("minutes", 1),
		]);
		const thread = world.discord.thread(lobby.id);
		expect(thread).toMatchObject({ parent_id: world.practice, owner_id: world.discord.botUserId });
		expect(thread?.name).toMatch(/^Mock interview · Python · \d{4}-\d{2}-\d{2}$/);
		expect(thread?.thread_metadata?.auto_archive_duration).toBe(1440);
		expect(lobby.embeds[0]?.title).toBe(thread?.name);
		expect(buttonLabels(lobby)).toEqual(["Join", "Start"]);

		expect(ephemeralText((await click(world.bob, lobby, "Start")).data)).toBe(
			`Only <@${world.alice}>, who opened it, or a moderator can start it.`,
		);
		expect(ephemeralText((await click(world.alice, lobby, "Start")).data)).toBe(
			"At least 2 members must join first; 1 has so far.",
		);
		expect((await click(world.bob, lobby, "Join")).type).toBe(InteractionResponseType.UpdateMessage);
		await click(world.carol, lobby, "Join");
		expect(ephemeralText((await click(world.bob, lobby, "Join")).data)).toMatch(/^You're in\./);
		expect(embedText(current(lobby))).toContain(`Members (3/8)\n<@${world.alice}>\n<@${world.bob}>\n<@${world.carol}>`);
		await world.discord.waitFor(() => world.discord.threadMembers(lobby.id).length === 4, WAIT_MS);

		await click(world.alice, lobby, "Start");
		const first = await questionMessage(lobby.id, 1);
		expect(first.content).toBe(`**Question 1 of 3** · <@${world.alice}> answers, <@${world.bob}> interviews`);
		expect(first).toMatchObject({ allowed_mentions: { parse: [], users: [world.alice, world.bob] } });
		expect(buttonLabels(first)).toEqual(["Answer sheet", "Strong", "Partly", "Missed", "Note"]);
		expect(embedText(first)).toMatch(/⏳ Time's up <t:\d+:R>/);
		expect(buttonLabels(current(lobby))).toEqual([]);
		expect(embedText(current(lobby))).toContain("Under way since");

		// The answer sheet is the interviewer's alone.
		expect(ephemeralText((await click(world.carol, first, "Answer sheet")).data)).toBe(
			`Only the interviewer, <@${world.bob}>, sees the answer sheet. No peeking!`,
		);
		const sheet = await click(world.bob, first, "Answer sheet");
		expect(sheet.ephemeral).toBe(true);
		expect(JSON.stringify(sheet.data)).toContain("What a strong answer covers");
		expect(
			world.discord
				.channelMessages(lobby.id)
				.map((message) => embedText(message))
				.join(),
		).not.toContain("What a strong answer covers");
		expect(world.discord.privateMessages(lobby.id).at(-1)?.interaction_metadata?.user.id).toBe(world.bob);

		expect(ephemeralText((await click(world.carol, first, "Strong")).data)).toBe(
			`Only the interviewer, <@${world.bob}>, grades this answer.`,
		);
		const noteClick = await click(world.bob, first, "Note");
		expect(noteClick.type).toBe(InteractionResponseType.Modal);
		const saved = await world.discord.submitModal({
			interactionId: noteClick.interactionId,
			userId: world.bob,
			values: { note: "Clear structure; name the trade-offs earlier." },
		});
		expect(ephemeralText(saved.data)).toBe("Saved your note on question 1; it goes into the recap.");
		expect((await click(world.bob, first, "Strong")).type).toBe(InteractionResponseType.UpdateMessage);
		expect(embedText(current(first))).toContain(`Graded **✅ Strong** by <@${world.bob}>`);
		expect(buttonLabels(current(first))).toEqual(["Answer sheet", "Note"]);

		const second = await questionMessage(lobby.id, 2);
		expect(second.content).toBe(`**Question 2 of 3** · <@${world.bob}> answers, <@${world.carol}> interviews`);
		await makeMockTurnOverdue({ kind: "redis", url: redis.url }, lobby.id, 1);
		const third = await questionMessage(lobby.id, 3);
		expect(third.content).toBe(`**Question 3 of 3** · <@${world.carol}> answers, <@${world.alice}> interviews`);
		expect(embedText(current(second))).toContain(`⏰ Time's up. <@${world.carol}> can still grade it`);

		await click(world.alice, third, "Missed");
		const recap = await recapOf(lobby.id);
		expect(recap.content).toBe("**Recap** · 3 questions asked, 2 graded. That was the last question.");
		const [forAlice, forBob, forCarol] = recap.embeds;
		expect(forAlice?.description).toContain(`Candidate <@${world.alice}>`);
		expect(forAlice?.description).toContain(
			`**✅ Strong**, asked by <@${world.bob}>\n> Clear structure; name the trade\\-offs earlier.`,
		);
		expect(forAlice?.fields?.[0]?.value).toBe("Every answer was strong.");
		expect(forBob?.description).toContain("⏰ time ran out, not graded");
		expect(forCarol?.description).toContain(`**❌ Missed**, asked by <@${world.alice}>`);
		expect(forCarol?.fields?.[0]?.value).toMatch(/^`mock-[a-z]+`: ask again with \/question id:/);
		expect(recap.allowed_mentions).toEqual({ parse: [] });

		await archived(lobby.id);
		expect(embedText(current(lobby))).toContain("Finished: the recap is in the thread.");
		for (const message of [first, second, third]) expect(buttonLabels(current(message))).toEqual([]);
		expect(embedText(current(second))).toContain("Time ran out; not graded.");

		// Grades count for accuracy and sections, not for the leaderboard.
		const stats = await runCommand(world, { userId: world.carol, name: "stats" });
		expect(JSON.stringify(stats.data)).toContain("Python");
		expect(JSON.stringify(stats.data)).toMatch(/0% of 1/);
		const board = await runCommand(world, { userId: world.alice, name: "leaderboard" });
		expect(ephemeralText(board.data)).toMatch(/^Nobody is on the board/);
		const review = await runCommand(world, { userId: world.carol, name: "review" });
		expect(JSON.stringify(review.data)).toContain("mock-");
	});

	it("GIVEN a restart in the middle THEN the session resumes: a deadline passed while down times out, and clicks after it still work", async () => {
		const lobby = await openLobby(world.alice, [stringOption("section", "mock-mixed"), integerOption("minutes", 1)]);
		await click(world.bob, lobby, "Join");
		await click(world.alice, lobby, "Start");
		const first = await questionMessage(lobby.id, 1);
		expect(first.content).toBe(`**Question 1 of 3** · <@${world.alice}> answers, <@${world.bob}> interviews`);

		expect(await run.bot.stop()).toBe(0);
		await makeMockTurnOverdue({ kind: "redis", url: redis.url }, lobby.id, 0);
		run = await start();
		await run.bot.waitForLog("moved on mock interviews that fell due while the bot was down");
		const second = await questionMessage(lobby.id, 2);
		expect(second.content).toBe(`**Question 2 of 3** · <@${world.bob}> answers, <@${world.alice}> interviews`);
		expect(embedText(current(first))).toContain(`⏰ Time's up. <@${world.bob}> can still grade it`);
		// Open questions come first; the choice questions after them show their choices.
		expect(second.embeds[0]?.description).toMatch(/🇦 .+\n🇧 .+/);

		// A late grade of the question that timed out, clicked after the restart.
		expect((await click(world.bob, first, "Partly")).type).toBe(InteractionResponseType.UpdateMessage);
		expect(embedText(current(first))).toContain(`Graded **🟨 Partly** by <@${world.bob}>`);
		const sheet = await click(world.alice, second, "Answer sheet");
		expect(JSON.stringify(sheet.data)).toMatch(/\*\*Answer: 🇦|\*\*Answer: 🇧/);
		await click(world.alice, second, "Strong");
		const third = await questionMessage(lobby.id, 3);
		expect(third.content).toBe(`**Question 3 of 3** · <@${world.alice}> answers, <@${world.bob}> interviews`);

		expect(ephemeralText((await mock(world.alice, "start", [], lobby.id)).data)).toBe(
			"Run /mock start in a text channel: the interview opens a thread of its own there.",
		);
		// /mock stop: the starter or a moderator only.
		expect(ephemeralText((await mock(world.bob, "stop", [], lobby.id)).data)).toBe(
			`Only <@${world.alice}>, who opened it, or a moderator can stop this mock interview.`,
		);
		expect(ephemeralText((await mock(world.alice, "stop", [], lobby.id)).data)).toBe(
			"Stopping the mock interview: its recap follows in the thread.",
		);
		const recap = await recapOf(lobby.id);
		expect(recap.content).toBe(`**Recap** · 3 questions asked, 2 graded. Stopped early by <@${world.alice}>.`);
		expect(recap.embeds[0]?.description).toContain("**stopped before a grade**");
		await archived(lobby.id);
		expect(embedText(current(third))).toContain("Stopped before it was graded.");
		expect(() =>
			world.discord.sendCommand({ guildId: world.guildId, channelId: lobby.id, userId: world.alice, name: "mock" }),
		).toThrow(/archived thread/);
	});

	it("GIVEN a lobby nobody started THEN a moderator's /mock stop in its channel closes it without a recap", async () => {
		const lobby = await openLobby(world.carol, [stringOption("section", "mock-python")]);
		expect(ephemeralText((await mock(world.bob, "stop")).data)).toBe(
			`Only <@${world.carol}>, who opened it, or a moderator can stop this mock interview.`,
		);
		expect(ephemeralText((await mock(world.moderator, "stop")).data)).toBe(
			"Stopping the mock interview: its recap follows in the thread.",
		);
		await archived(lobby.id);
		expect(embedText(current(lobby))).toContain("Stopped before it started.");
		expect(buttonLabels(current(lobby))).toEqual([]);
		expect(world.discord.channelMessages(lobby.id)).toEqual([]);
		expect(ephemeralText((await mock(world.carol, "stop")).data)).toBe(
			"No mock interview is running from this channel.",
		);
	});

	it("GIVEN a member who leaves the thread THEN their turns are skipped and someone still there interviews instead", async () => {
		const lobby = await openLobby(world.alice, [stringOption("section", "mock-python"), integerOption("questions", 3)]);
		await click(world.bob, lobby, "Join");
		await click(world.carol, lobby, "Join");
		await click(world.alice, lobby, "Start");
		const first = await questionMessage(lobby.id, 1);
		world.discord.leaveThread(lobby.id, world.carol);
		await click(world.bob, first, "Strong");
		const second = await questionMessage(lobby.id, 2);
		expect(second.content).toBe(`**Question 2 of 3** · <@${world.bob}> answers, <@${world.alice}> interviews`);
		await click(world.alice, second, "Partly");
		const recap = await recapOf(lobby.id);
		expect(recap.content).toBe(
			`**Recap** · 2 questions asked, 2 graded. That was the last question.\nLeft the thread: <@${world.carol}>.`,
		);
		expect(recap.embeds).toHaveLength(2);
		expect(
			run.bot.logs.some((line) => line.msg === "mock interview members left the thread; skipped from now on"),
		).toBe(true);
	});

	it("GIVEN a channel where the bot may not open threads or post in them THEN /mock start names the permission privately and posts nothing", async () => {
		const noThreads = world.discord.createChannel(world.guildId, {
			name: "no-threads",
			overwrites: [{ id: world.discord.botUserId, type: 1, deny: PermissionFlagsBits.CreatePublicThreads }],
		});
		const quiet = world.discord.createChannel(world.guildId, {
			name: "quiet-threads",
			overwrites: [{ id: world.discord.botUserId, type: 1, deny: PermissionFlagsBits.SendMessagesInThreads }],
		});
		const refused = await mock(world.alice, "start", [], noThreads);
		expect(refused.ephemeral).toBe(true);
		expect(ephemeralText(refused.data)).toBe(
			`I can't run a mock interview in <#${noThreads}>: I'm missing Create Public Threads there. A mock interview runs in a thread of its own; ask a server admin to grant these to my role in this channel.`,
		);
		expect(ephemeralText((await mock(world.alice, "start", [], quiet)).data)).toMatch(
			/I'm missing Send Messages in Threads there\./,
		);
		expect(world.discord.channelMessages(noThreads)).toEqual([]);
		expect(world.discord.threadsIn(quiet)).toEqual([]);
		expect(ephemeralText((await mock(world.alice, "start", [stringOption("bank", "nope")])).data)).toBe(
			"There is no bank called “nope”. Banks: “Mock interviews”.",
		);
	});

	it("GIVEN everything above THEN the bot since its restart logged no warning or error, and no interaction token", () => {
		expect(run.bot.logs.filter((line) => line.level >= 40)).toEqual([]);
		const leaked = world.discord.issuedTokens().filter((token) => run.bot.output().includes(token));
		expect(leaked).toEqual([]);
	});
});
