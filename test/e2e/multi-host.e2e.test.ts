import { join } from "node:path";
import type { APIMessage } from "discord-api-types/v10";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fake-discord/index.js";
import { type BotProcess, type LogLine, npmProject, ROOT, startNpm } from "../../harness/bot-process.js";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../../harness/redis-server.js";
import {
	askQuestion,
	channelOption,
	LIGHTBULB,
	react,
	runCommand,
	stringOption,
	subcommand,
	waitForReveal,
} from "../../harness/rounds.js";
import { E2E_BANKS, TOKEN, type World, worldsOnEveryShard } from "../../harness/world.js";
import { DAILIES_DUE } from "../../src/core/daily/config.js";
import { openStore } from "../../src/store/open-store.js";
import { makeRoundOverdue } from "./store-access.js";

const SHARDS = 2;
/** The reveal sweep runs every 5 s; this is more than one sweep. */
const LONGER_THAN_A_SWEEP_MS = 7_000;

/**
 * Two "hosts": two separate `npm start` processes, SHARD_COUNT=2 with SHARD_IDS=0 on one and 1 on the
 * other, as an orchestrator would spread them, on one Redis. Everything per shard (commands, picks,
 * reveals, deadline sweeps, dailies, command registration) must stay right, also with one host down.
 */
describe.skipIf(skipWithoutRedis())("e2e: shards on two hosts, each its own npm start, on one Redis", () => {
	let discord: FakeDiscord;
	let redis: PrivateRedis;
	/** Index = shard id = the guild's shard. */
	let worlds: World[];
	let project: string;
	/** The host running each shard now, by shard id. */
	const hosts: BotProcess[] = [];
	/** Every process started, stopped ones too. */
	const started: BotProcess[] = [];
	const everyLog = () => started.flatMap((host) => host.logs);

	const startHost = (shard: number): BotProcess => {
		const host = startNpm(
			"start",
			{
				DISCORD_TOKEN: TOKEN,
				DISCORD_API_URL: discord.apiUrl,
				BANKS_DIR: join(ROOT, E2E_BANKS),
				REDIS_URL: redis.url,
				SHARD_COUNT: String(SHARDS),
				SHARD_IDS: String(shard),
				DAILY_CRON: "* * * * * *",
			},
			project,
		);
		started.push(host);
		return host;
	};
	const commandsRegistered = (host: BotProcess) =>
		host.waitForLog((line) => line.msg.startsWith("slash commands "), 60_000);
	const isReveal = (messageId: string) => (line: LogLine) =>
		line.msg === "round revealed" && line.messageId === messageId;
	const revealedLines = (messageId: string) => everyLog().filter(isReveal(messageId));
	const onShard = (line: LogLine | undefined, shard: number) => JSON.stringify(line?.shards) === `[${shard}]`;

	beforeAll(async () => {
		[discord, redis] = await Promise.all([FakeDiscord.start({ token: TOKEN }), startPrivateRedis()]);
		worlds = await worldsOnEveryShard(discord, SHARDS);
		project = npmProject();
	});
	afterAll(async () => {
		await Promise.all(started.map((host) => host.stop("SIGKILL")));
		await discord?.close();
		await redis?.stop();
	});

	it("GIVEN both hosts started at the same moment THEN each connects only its own shard, and the commands are registered once", async () => {
		hosts.push(startHost(0), startHost(1));
		const outcomes = await Promise.all(hosts.map(commandsRegistered));
		expect(discord.identifies.map((identify) => identify.shard).sort()).toEqual([
			[0, SHARDS],
			[1, SHARDS],
		]);
		expect(discord.connections).toBe(SHARDS);
		for (const [shard, host] of hosts.entries())
			expect(
				onShard(
					host.logs.find((l) => l.msg === "ready"),
					shard,
				),
			).toBe(true);
		const puts = discord.requests.filter(
			(request) => request.method === "PUT" && /^\/api\/v10\/applications\/\d+\/commands$/.test(request.path),
		);
		expect(puts).toHaveLength(1);
		expect(outcomes.filter((line) => line.msg === "slash commands registered")).toHaveLength(1);
		expect(discord.registeredCommands().map((command) => command.name)).toContain("question");
	}, 90_000);

	it("GIVEN a round in a guild on each shard THEN the host owning it answers the command, takes the pick and reveals it", async () => {
		for (const [shard, world] of worlds.entries()) {
			const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
			react(world, message, world.bob, "🇧");
			const locked = await hosts[shard]?.waitForLog(
				(line) => line.msg === "pick locked" && line.messageId === message.id,
			);
			expect(onShard(locked, shard)).toBe(true);
			react(world, message, world.alice, LIGHTBULB);
			const revealed = await waitForReveal(world, message);
			expect(JSON.stringify(revealed.embeds[1])).toContain(`<@${world.bob}>`);
			// The line follows the edit.
			await hosts[shard]?.waitForLog(isReveal(message.id));
			expect(revealedLines(message.id).map((line) => line.shards)).toEqual([[shard]]);
		}
		for (const [shard, host] of hosts.entries()) {
			const handled = host.logs.filter((line) => line.msg === "command handled");
			expect(handled.length).toBe(1);
			expect(onShard(handled[0], shard)).toBe(true);
		}
	});

	it("GIVEN a round in each guild whose deadline passed THEN each is revealed once, by its own host's sweep", async () => {
		const rounds: APIMessage[] = [];
		for (const world of worlds) {
			const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
			react(world, message, world.carol, "🇧");
			rounds.push(message);
		}
		for (const message of rounds) await makeRoundOverdue({ kind: "redis", url: redis.url }, message.id);
		for (const [shard, message] of rounds.entries()) {
			const world = worlds[shard] as World;
			const revealed = await waitForReveal(world, message, 15_000);
			expect(JSON.stringify(revealed.embeds[1])).toContain(`<@${world.carol}>`);
		}
		await new Promise((resolve) => setTimeout(resolve, LONGER_THAN_A_SWEEP_MS));
		for (const [shard, message] of rounds.entries()) {
			const lines = revealedLines(message.id);
			expect(lines.map((line) => [line.shards, line.reason])).toEqual([[[shard], "deadline"]]);
		}
	}, 40_000);

	it("GIVEN both guilds' dailies due at once THEN each guild gets exactly one, from its own host", async () => {
		// Half an hour ago is within the grace window, so a daily forced due below goes out today.
		const halfAnHourAgo = DateTime.utc().minus({ minutes: 30 }).toFormat("HH:mm");
		for (const world of worlds) {
			const set = await runCommand(world, {
				userId: world.admin,
				name: "daily",
				options: [
					subcommand("set", [
						channelOption("channel", world.practice),
						stringOption("time", halfAnHourAgo),
						stringOption("timezone", "UTC"),
					]),
				],
			});
			expect(JSON.stringify(set.data)).toContain("Question of the day is on");
		}
		const store = await openStore({ kind: "redis", url: redis.url });
		try {
			for (const world of worlds) await store.rankingSet(DAILIES_DUE, world.guildId, Date.now() - 1_000);
		} finally {
			await store.close();
		}
		const dailiesIn = (world: World) =>
			world.discord
				.channelMessages(world.practice)
				.filter((message) => message.content.startsWith("**Question of the day**"));
		await discord.waitFor(() => worlds.every((world) => dailiesIn(world).length > 0), 10_000);
		// Both hosts tick every second; a few more ticks would show a second post.
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		for (const [shard, world] of worlds.entries()) {
			expect(dailiesIn(world)).toHaveLength(1);
			const posted = everyLog().filter((line) => line.msg === "daily posted" && line.guildId === world.guildId);
			expect(posted.map((line) => line.shards)).toEqual([[shard]]);
		}
		expect(everyLog().filter((line) => line.msg === "daily question not posted")).toEqual([]);
	}, 30_000);

	it("GIVEN host 1 stopped THEN host 0's guild plays on, host 1's guild waits (its overdue round too), and host 1 catches up when it is back", async () => {
		const [world0, world1] = worlds as [World, World];
		const waiting = await askQuestion(world1, world1.alice, [stringOption("id", "e2e-methods")], world1.hidden);
		react(world1, waiting.message, world1.bob, "🇧");
		await hosts[1]?.waitForLog((line) => line.msg === "pick locked" && line.messageId === waiting.message.id);
		expect(await hosts[1]?.stop("SIGTERM")).toBe(0);
		await makeRoundOverdue({ kind: "redis", url: redis.url }, waiting.message.id);

		// Host 0's guild: a command, a pick, a reveal by 💡, and a deadline sweep, as before.
		const { message } = await askQuestion(world0, world0.alice, [stringOption("id", "e2e-methods")], world0.hidden);
		react(world0, message, world0.bob, "🇧");
		react(world0, message, world0.alice, LIGHTBULB);
		expect(JSON.stringify((await waitForReveal(world0, message)).embeds[1])).toContain(`<@${world0.bob}>`);
		const overdue = await askQuestion(world0, world0.alice, [stringOption("id", "e2e-methods")], world0.hidden);
		await makeRoundOverdue({ kind: "redis", url: redis.url }, overdue.message.id);
		await waitForReveal(world0, overdue.message, 15_000);

		// Host 1's guild: Discord has nobody to deliver its interactions to, and nobody reveals its round.
		const unanswered = await runCommand(world1, { userId: world1.carol, name: "sections" });
		expect(unanswered.responded).toBe(false);
		await new Promise((resolve) => setTimeout(resolve, LONGER_THAN_A_SWEEP_MS));
		expect(discord.getMessage(world1.hidden, waiting.message.id)?.embeds).toHaveLength(1);
		expect(revealedLines(waiting.message.id)).toEqual([]);

		hosts[1] = startHost(1);
		await commandsRegistered(hosts[1]);
		const revealed = await waitForReveal(world1, waiting.message, 15_000);
		expect(JSON.stringify(revealed.embeds[1])).toContain(`<@${world1.bob}>`);
		await hosts[1].waitForLog(isReveal(waiting.message.id));
		expect(revealedLines(waiting.message.id).map((line) => [line.shards, line.reason])).toEqual([[[1], "deadline"]]);
		expect(hosts[1].logs.find((line) => line.msg === "slash commands unchanged, not re-registered")).toBeDefined();
	}, 90_000);
});
