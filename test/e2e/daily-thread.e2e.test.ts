import { PermissionFlagsBits } from "discord-api-types/v10";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../../harness/redis-server.js";
import {
	booleanOption,
	channelOption,
	ephemeralText,
	stringOption,
	subcommand,
	waitForReveal,
} from "../../harness/rounds.js";
import { createWorld, type DojoRun, startDojo, type World } from "../../harness/world.js";
import { DAILIES_DUE } from "../../src/core/daily/config.js";
import { openStore } from "../../src/store/open-store.js";
import { makeRoundOverdue } from "./store-access.js";

const ZONE = "Asia/Tokyo";
const DAY_MS = 24 * 60 * 60_000;

describe.skipIf(skipWithoutRedis())("e2e: a discussion thread under every daily", () => {
	let world: World;
	let redis: PrivateRedis;
	let run: DojoRun;

	beforeAll(async () => {
		[world, redis] = await Promise.all([createWorld(), startPrivateRedis()]);
		// Registered globally: the second test adds a server of its own.
		run = await startDojo(world, { redisUrl: redis.url, env: { DAILY_CRON: "* * * * * *" }, global: true });
	});
	afterAll(async () => {
		await run?.bot.stop();
		await world?.discord.close();
		await redis?.stop();
	});

	const dailyIn = (channelId: string) =>
		world.discord.channelMessages(channelId).find((message) => message.content.startsWith("**Question of the day**"));
	const daily = (guildId: string, channelId: string, userId: string, sub: ReturnType<typeof subcommand>) =>
		world.discord.sendCommand({ guildId, channelId, userId, name: "daily", options: [sub] });
	const setWithThread = (section: string, channelId: string) =>
		subcommand("set", [
			channelOption("channel", channelId),
			stringOption("time", DateTime.now().setZone(ZONE).minus({ minutes: 5 }).toFormat("HH:mm")),
			stringOption("timezone", ZONE),
			stringOption("section", section),
			booleanOption("thread", true),
		]);
	/** Makes a guild's daily due now, as the one-second tick then finds it. */
	const dueNow = async (guildId: string) => {
		const store = await openStore({ kind: "redis", url: redis.url });
		await store.rankingSet(DAILIES_DUE, guildId, Date.now() - 1_000);
		await store.close();
	};

	it("GIVEN /daily set thread:true THEN the daily opens a thread named after its question, the reveal links the answer there, and a day later it is archived", async () => {
		const set = await daily(world.guildId, world.practice, world.admin, setWithThread("e2e-talk", world.hidden));
		expect(JSON.stringify(set.data)).toContain("Discussion thread: on, archived after a day without messages");
		await dueNow(world.guildId);
		const posted = await world.discord.waitFor(() => dailyIn(world.hidden), 10_000);
		const thread = await world.discord.waitFor(() => world.discord.thread(posted.id), 10_000);
		expect(thread).toMatchObject({ parent_id: world.hidden, name: "How would you cache a slow query?" });
		expect(thread.thread_metadata?.auto_archive_duration).toBe(1440);
		expect(world.discord.getMessage(world.hidden, posted.id)?.thread?.id).toBe(posted.id);

		// The round learns its thread just after the thread opens; moving its deadline before would undo that.
		await run.bot.waitForLog("daily discussion thread opened");
		await makeRoundOverdue({ kind: "redis", url: redis.url }, posted.id);
		await waitForReveal(world, posted, 10_000);
		const link = await world.discord.waitFor(() => world.discord.channelMessages(posted.id).at(-1), 10_000);
		expect(link.content).toBe(
			`💡 The answer is out: https://discord.com/channels/${world.guildId}/${world.hidden}/${posted.id}`,
		);
		const status = await daily(world.guildId, world.practice, world.admin, subcommand("status"));
		expect(JSON.stringify(status.data)).toContain("Discussion thread: on");
		expect(JSON.stringify(status.data)).not.toContain("thread problem");

		world.discord.advanceClock(DAY_MS - 60_000);
		expect(world.discord.thread(posted.id)?.thread_metadata?.archived).toBe(false);
		world.discord.advanceClock(2 * 60_000);
		expect(world.discord.thread(posted.id)?.thread_metadata?.archived).toBe(true);
		// A daily, a pick and a reveal through the running bot: 5 s on a busy suite, so not vitest's 15 s.
	}, 45_000);

	it("GIVEN the bot may not open threads in the daily's channel THEN set warns, the daily still goes out without one, and /daily status names the permission", async () => {
		const { id: guildId } = world.discord.createGuild({ name: "Threadless group" });
		const channel = world.discord.createChannel(guildId, {
			name: "daily",
			overwrites: [{ id: world.discord.botUserId, type: 1, deny: PermissionFlagsBits.CreatePublicThreads }],
		});
		const admin = world.discord.createUser({ username: "threadless-admin" });
		world.discord.addMember(guildId, admin, [
			world.discord.createRole(guildId, { name: "Admin", permissions: PermissionFlagsBits.ManageGuild }),
		]);
		const set = await daily(guildId, channel, admin, setWithThread("e2e-routing", channel));
		expect(JSON.stringify(set.data)).toContain(
			`I'm missing Create Public Threads in <#${channel}>, so dailies go out without their discussion thread`,
		);
		await dueNow(guildId);
		const posted = await world.discord.waitFor(() => dailyIn(channel), 10_000);
		expect(posted.embeds).toHaveLength(1);
		expect(world.discord.threadsIn(channel)).toEqual([]);
		// The attempt is recorded just after the post; ask until /daily status shows it.
		let status = "";
		for (const deadline = Date.now() + 10_000; Date.now() < deadline && !status.includes("Last thread problem"); ) {
			status = JSON.stringify((await daily(guildId, channel, admin, subcommand("status"))).data);
		}
		expect(status).toContain(
			`Last thread problem (${DateTime.now().setZone(ZONE).toISODate()}): I'm missing Create Public Threads in <#${channel}>, so the daily has no thread`,
		);
		expect(status).toContain(`Now: I'm missing Create Public Threads in <#${channel}>`);
		expect(ephemeralText((await daily(guildId, channel, admin, subcommand("off"))).data)).toBe(
			"The question of the day is off. /daily set turns it on again.",
		);
	});
});
