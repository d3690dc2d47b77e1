import { PermissionFlagsBits } from "discord-api-types/v10";
import { FakeDiscord, type RecordedRequest } from "../fake-discord/index.js";
import { GLOBAL_PER_SECOND } from "../fake-discord/rate-limits.js";
import { askQuestion, LETTERS, react, stringOption } from "../harness/rounds.js";
import { addMembers, createWorld, type World } from "../harness/world.js";
import { readPicks } from "../src/core/picks.js";
import type { Logger, Store } from "../src/core/ports.js";
import { openStore } from "../src/store/open-store.js";
import { round, sleep, yieldToEventLoop } from "./measure.js";
import type { BenchRow } from "./row.js";
import { BENCH_TOKEN, startSubject } from "./subjects.js";

const CHANNELS = 10;
const MEMBERS_PER_CHANNEL = 250;
const SPAM_PAIRS = 100;
/** A question with four choices, so every letter is a valid pick. */
const QUESTION = "flask-what-is-flask";
/** Discord's reaction bucket: one request per quarter second per channel (fake-discord enforces it here). */
const REACTION_INTERVAL_S = 0.25;

type Message = { id: string; channel_id: string };

const silentLogger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger } as unknown as Logger;

/**
 * Picks where the bot may manage messages, so every letter is taken off once stored, against a server
 * enforcing Discord's global limit and reaction buckets. Storing must keep the visible-picks pace; the
 * letters can only come off as fast as those limits allow, which is the bound they are held to.
 */
export async function hiddenPickRows(redisUrl: string): Promise<BenchRow[]> {
	const discord = await FakeDiscord.start({ token: BENCH_TOKEN, rateLimits: true });
	const world = await createWorld(discord);
	const bot = await startSubject("dojo", { apiUrl: discord.apiUrl, guildId: world.guildId, redisUrl });
	const store = await openStore({ kind: "redis", url: redisUrl });
	const locked = () => bot.logs.filter((line) => line.msg === "pick locked").length;
	const lettersOn = (messages: Message[]) =>
		messages.reduce(
			(sum, message) =>
				sum +
				Object.entries(discord.reactionUsers(message.channel_id, message.id))
					.filter(([emoji]) => LETTERS.includes(emoji))
					.reduce((count, [, users]) => count + users.filter((id) => id !== discord.botUserId).length, 0),
			0,
		);
	try {
		const channels = Array.from({ length: CHANNELS }, (_, index) => hiddenChannel(world, `hidden-${index}`));
		const members = addMembers(world, MEMBERS_PER_CHANNEL, "hider");
		const messages = await Promise.all(
			channels.map(
				async (channel) => (await askQuestion(world, world.alice, [stringOption("id", QUESTION)], channel)).message,
			),
		);

		const before = locked();
		const requestsBefore = discord.requests.length;
		const started = performance.now();
		const startedAt = Date.now();
		let sent = 0;
		for (const [index, member] of members.entries()) {
			for (const message of messages) {
				react(world, message as never, member, LETTERS[index % 4] ?? "🇦");
				if (++sent % 500 === 0) await yieldToEventLoop();
			}
		}
		await discord.waitFor(() => locked() - before >= sent, 600_000);
		const storedSeconds = (performance.now() - started) / 1000;
		await discord.waitFor(() => lettersOn(messages) === 0, 900_000);
		const goneSeconds = (performance.now() - started) / 1000;
		let stored = 0;
		for (const message of messages) stored += Object.keys(await store.hashGetAll(`picks:${message.id}`)).length;
		const window = discord.requests.slice(requestsBefore).filter((request) => request.at >= startedAt);
		const bound = rateLimitBound(window);
		const removals = window.filter((request) => request.method === "DELETE" && request.status !== 429).length;
		const refused = discord.rateLimitRefusals;

		const lost = sent - stored;
		const doubled = locked() - before - sent;
		const spam = await letterSpam(world, store, locked, channels[0] ?? world.hidden);
		return [
			{
				measure: `accepted picks/s, hidden picks, ${CHANNELS} rounds × ${MEMBERS_PER_CHANNEL} members, Discord's limits on (lost ${lost}, doubled ${doubled})`,
				dojo: round(sent / storedSeconds, 0),
				unit: "picks/s",
				target: "≥ 2,000, none lost",
				met: sent / storedSeconds >= 2_000 && lost === 0 && doubled === 0,
			},
			{
				measure: `hidden picks: until all ${sent.toLocaleString("en")} letters are off (${removals.toLocaleString("en")} removals, ${round(goneSeconds / bound, 2)}× the bound; 429s: ${refused.global} global, ${refused.route} reaction bucket)`,
				dojo: round(goneSeconds),
				baseline: round(bound),
				unit: "s",
				target: "≤ 1.2× rate-limit lower bound",
				met: goneSeconds <= bound * 1.2 && removals === sent,
			},
			{
				measure: `REST calls for ${SPAM_PAIRS} letter add/remove pairs by one member after their pick (hidden picks; pick kept: ${spam.pickKept ? "yes" : "NO"})`,
				dojo: spam.calls,
				unit: "calls",
				target: "< 20, pick kept",
				met: spam.calls < 20 && spam.pickKept,
			},
			{
				measure: "another member's letter off, during that spam in the same channel",
				dojo: round(spam.otherGoneSeconds, 2),
				unit: "s",
				target: "≤ 3",
				met: spam.otherGoneSeconds <= 3,
			},
		];
	} finally {
		await store.close();
		await bot.stop();
		await discord.close();
	}
}

function hiddenChannel(world: World, name: string): string {
	return world.discord.createChannel(world.guildId, {
		name,
		overwrites: [{ id: world.discord.botUserId, type: 1, allow: PermissionFlagsBits.ManageMessages }],
	});
}

/**
 * The least time Discord's limits allow for these requests: the busiest channel's reaction bucket at one
 * per quarter second, or all of them at the global 50 per second, whichever is longer.
 */
function rateLimitBound(requests: RecordedRequest[]): number {
	const counted = requests.filter((request) => request.status !== 429 && !request.path.includes("/interactions/"));
	const perChannel = new Map<string, number>();
	for (const request of counted) {
		const channel = /^\/api\/v10\/channels\/(\d+)\/messages\/\d+\/reactions\//.exec(request.path)?.[1];
		if (channel) perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
	}
	return Math.max(Math.max(0, ...perChannel.values()) * REACTION_INTERVAL_S, counted.length / GLOBAL_PER_SECOND);
}

/**
 * Bob picks, then adds and takes off letters as fast as a member can click (a pair every 20 ms), while
 * Carol picks halfway through. Bob's calls are counted from his pick on; Carol's letter is timed.
 */
async function letterSpam(world: World, store: Store, locked: () => number, channelId: string) {
	const { discord } = world;
	const { message } = await askQuestion(world, world.alice, [stringOption("id", QUESTION)], channelId);
	const on = (member: string) =>
		Object.entries(discord.reactionUsers(message.channel_id, message.id)).some(
			([emoji, users]) => LETTERS.includes(emoji) && users.includes(member),
		);
	const lockedBefore = locked();
	const before = discord.requests.length;
	react(world, message, world.bob, "🇧");
	await discord.waitFor(() => locked() > lockedBefore && !on(world.bob), 30_000);
	let carolReacted = 0;
	const carolGone = discord.waitFor(() => carolReacted > 0 && !on(world.carol), 60_000).then(() => performance.now());
	for (let i = 0; i < SPAM_PAIRS; i++) {
		const emoji = LETTERS[i % 4] ?? "🇦";
		react(world, message, world.bob, emoji);
		await sleep(10);
		discord.removeReaction({ userId: world.bob, channelId: message.channel_id, messageId: message.id, emoji });
		await sleep(10);
		if (i === SPAM_PAIRS / 2) {
			react(world, message, world.carol, "🇦");
			carolReacted = performance.now();
		}
	}
	const otherGoneSeconds = ((await carolGone) - carolReacted) / 1000;
	// Let whatever is still queued for Bob go out before counting.
	await sleep(5_000);
	const calls = discord.requests
		.slice(before)
		.filter((request) => request.status !== 429 && !request.path.includes(world.carol)).length;
	const picks = await readPicks({ store, logger: silentLogger }, message.id);
	const bobs = picks.filter((pick) => pick.memberId === world.bob).map((pick) => pick.choice);
	const pickKept = locked() === lockedBefore + 2 && bobs.length === 1 && bobs[0] === 1;
	return { calls, pickKept, otherGoneSeconds };
}
