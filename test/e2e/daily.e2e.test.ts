import { PermissionFlagsBits } from "discord-api-types/v10";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../../harness/redis-server.js";
import {
	channelOption,
	ephemeralText,
	react,
	runCommand,
	stringOption,
	subcommand,
	waitForReveal,
} from "../../harness/rounds.js";
import { createWorld, type DojoRun, startDojo, type World } from "../../harness/world.js";
import { DAILIES_DUE } from "../../src/core/daily/config.js";
import { openStore } from "../../src/store/open-store.js";
import { makeRoundOverdue } from "./store-access.js";

const ZONE = "Asia/Tokyo";
/** Tick every second instead of every minute, so the test does not wait for real minutes. Commands are
 * registered globally, since a second server joins halfway through. */
const FAST_TICKS = { DAILY_CRON: "* * * * * *" };

describe.skipIf(skipWithoutRedis())("e2e: question of the day on two processes sharing Redis", () => {
	let world: World;
	let redis: PrivateRedis;
	let runs: DojoRun[] = [];
	const startTwo = async () => {
		runs = [
			await startDojo(world, { redisUrl: redis.url, env: FAST_TICKS, global: true }),
			await startDojo(world, { redisUrl: redis.url, env: FAST_TICKS, global: true }),
		];
	};
	const dailies = () =>
		world.discord
			.channelMessages(world.hidden)
			.filter((message) => message.content.startsWith("**Question of the day**"));

	beforeAll(async () => {
		[world, redis] = await Promise.all([createWorld(), startPrivateRedis()]);
		await startTwo();
	});
	afterAll(async () => {
		await Promise.all(runs.map((run) => run.bot.stop()));
		await world?.discord.close();
		await redis?.stop();
	});

	it("GIVEN bad input or no Manage Server THEN /daily set explains and changes nothing", async () => {
		const set = (userId: string, time: string, zone: string, channel = world.hidden) =>
			runCommand(world, {
				userId,
				name: "daily",
				options: [
					subcommand("set", [
						channelOption("channel", channel),
						stringOption("time", time),
						stringOption("timezone", zone),
					]),
				],
			});
		expect(ephemeralText((await set(world.bob, "08:00", ZONE)).data)).toBe(
			"/daily is for members with the Manage Server permission.",
		);
		expect(ephemeralText((await set(world.admin, "8am", ZONE)).data)).toMatch(/^“8am” is not a time of day/);
		expect(ephemeralText((await set(world.admin, "08:00", "Asia/Tokio")).data)).toMatch(
			/^“Asia\/Tokio” is not a time zone I know\. Close matches: Asia\/Tokyo/,
		);
		expect(ephemeralText((await set(world.admin, "08:00", ZONE, world.locked)).data)).toMatch(
			/^I can't post the daily in <#\d+>: I'm missing Add Reactions there\./,
		);
		const status = await runCommand(world, { userId: world.admin, name: "daily", options: [subcommand("status")] });
		expect(ephemeralText(status.data)).toBe("There is no question of the day here yet. Set one up with /daily set.");
	});

	it("GIVEN a daily whose time came while both bots were down THEN on return exactly one goes out, and status shows it", async () => {
		const halfAnHourAgo = DateTime.now().setZone(ZONE).minus({ minutes: 30 });
		const set = await runCommand(world, {
			userId: world.admin,
			name: "daily",
			options: [
				subcommand("set", [
					channelOption("channel", world.hidden),
					stringOption("time", halfAnHourAgo.toFormat("HH:mm")),
					stringOption("timezone", ZONE),
					stringOption("section", "e2e-routing"),
				]),
			],
		});
		expect(JSON.stringify(set.data)).toContain("Question of the day is on");
		expect(dailies()).toHaveLength(0);

		await Promise.all(runs.map((run) => run.bot.stop()));
		const store = await openStore({ kind: "redis", url: redis.url });
		await store.rankingSet(DAILIES_DUE, world.guildId, Date.now() - 1_000);
		await store.close();
		await startTwo();

		const [daily] = await world.discord.waitFor(() => (dailies().length > 0 ? dailies() : undefined), 10_000);
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		expect(dailies()).toHaveLength(1);
		expect(daily?.content).toBe(`**Question of the day** · ${halfAnHourAgo.toISODate()}`);
		expect(runs.flatMap((run) => run.bot.logs).filter((line) => line.msg === "daily posted")).toHaveLength(1);

		const status = await runCommand(world, { userId: world.admin, name: "daily", options: [subcommand("status")] });
		expect(JSON.stringify(status.data)).toContain(`Last post: ${halfAnHourAgo.toISODate()}`);
		// Two bots stopped and started again and a 3 s quiet wait: more than vitest's 15 s default leaves on a loaded machine.
	}, 45_000);

	it("GIVEN a pick on the daily THEN the member's streak starts, and its deadline reveals it", async () => {
		const daily = dailies()[0];
		if (!daily) throw new Error("no daily");
		await world.discord.waitFor(() =>
			world.discord.getMessage(daily.channel_id, daily.id)?.reactions?.some((r) => r.emoji.name === "💡"),
		);
		react(world, daily, world.bob, "🇦");
		await world.discord.waitFor(() => runs.flatMap((run) => run.bot.logs).some((line) => line.msg === "pick locked"));
		const stats = await runCommand(world, { userId: world.bob, name: "stats" });
		expect(JSON.stringify(stats.data)).toContain("Daily streak: 1 day (best 1 day)");
		const streaks = await runCommand(world, {
			userId: world.bob,
			name: "leaderboard",
			options: [stringOption("period", "streak")],
		});
		expect(JSON.stringify(streaks.data)).toContain(`**1.** <@${world.bob}> · 1 day`);

		await makeRoundOverdue({ kind: "redis", url: redis.url }, daily.id);
		const revealed = await waitForReveal(world, daily, 10_000);
		expect(revealed.embeds[0]?.footer?.text).toMatch(/ · Answer revealed$/);
	});

	it("GIVEN the bot loses Send Messages before its daily THEN the attempt is recorded and /daily status shows the problem", async () => {
		const { id: guildId } = world.discord.createGuild({ name: "Second group" });
		const channel = world.discord.createChannel(guildId, { name: "daily" });
		const admin = world.discord.createUser({ username: "second-admin" });
		world.discord.addMember(guildId, admin, [
			world.discord.createRole(guildId, { name: "Admin", permissions: PermissionFlagsBits.ManageGuild }),
		]);
		const daily = (sub: ReturnType<typeof subcommand>) =>
			world.discord.sendCommand({ guildId, channelId: channel, userId: admin, name: "daily", options: [sub] });
		const setUp = await daily(
			subcommand("set", [
				channelOption("channel", channel),
				stringOption("time", DateTime.now().setZone(ZONE).minus({ minutes: 5 }).toFormat("HH:mm")),
				stringOption("timezone", ZONE),
			]),
		);
		expect(JSON.stringify(setUp.data)).toContain("Question of the day is on");
		// Both processes receive every interaction here and both save the daily; wait for the slower one,
		// or its schedule write could land after the one below.
		await world.discord.waitFor(() =>
			runs.every((run) => run.bot.logs.some((line) => line.msg === "daily set" && line.guildId === guildId)),
		);

		world.discord.setOverwrites(channel, [
			{ id: world.discord.botUserId, type: 1, deny: PermissionFlagsBits.SendMessages },
		]);
		const store = await openStore({ kind: "redis", url: redis.url });
		await store.rankingSet(DAILIES_DUE, guildId, Date.now() - 1_000);
		await store.close();
		await world.discord.waitFor(
			() =>
				runs
					.flatMap((run) => run.bot.logs)
					.some((line) => line.msg === "daily question not posted" && line.guildId === guildId),
			10_000,
		);
		const status = await daily(subcommand("status"));
		expect(JSON.stringify(status.data)).toContain(`I'm missing Send Messages in <#${channel}>`);
		expect(world.discord.channelMessages(channel)).toHaveLength(0);
	});

	it("GIVEN /daily now after today's went out THEN it posts an extra one and says so; /daily off stops it", async () => {
		const now = await runCommand(world, { userId: world.admin, name: "daily", options: [subcommand("now")] });
		const reply = await world.discord.waitFor(() => now.original()?.content || undefined);
		expect(reply).toMatch(/^Posted in <#\d+>; today's had already gone out, so this one is extra\.$/);
		expect(dailies()).toHaveLength(2);
		const off = await runCommand(world, { userId: world.admin, name: "daily", options: [subcommand("off")] });
		expect(ephemeralText(off.data)).toBe("The question of the day is off. /daily set turns it on again.");
	});

	it("GIVEN the errors logged above (every interaction reached both processes) THEN no interaction token is in any log", () => {
		const output = runs.map((run) => run.bot.output()).join("\n");
		expect(output).toContain("/interactions/");
		const leaked = world.discord.issuedTokens().filter((token) => output.includes(token));
		expect(leaked).toEqual([]);
	});
});
