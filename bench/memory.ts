import { FakeDiscord } from "../fake-discord/index.js";
import type { BotProcess } from "../harness/bot-process.js";
import { residentMiB, round, sleep, yieldToEventLoop } from "./measure.js";
import type { BenchRow } from "./row.js";
import { BENCH_TOKEN, type SubjectKind, startSubject } from "./subjects.js";

const CHANNELS = 5;
const MEMBERS = 50;
const ROUND_MESSAGES = 250;
/** Per member on each message: 🇦 on and off, 🇧 on and off, 🇨 on and off, 🇦 on and off. */
const EVENTS_PER_MEMBER = ["🇦", "🇧", "🇨", "🇦"];
const SETTLE_MS = 3_000;
/**
 * BENCH_HEAP_SNAPSHOT=<folder> makes each subject of the storm write a heap snapshot there once it has
 * settled (Node's --heapsnapshot-signal, on this run's processes only): what the reaction path retains.
 */
const SNAPSHOT_DIR = process.env.BENCH_HEAP_SNAPSHOT;
const SNAPSHOT_SIGNAL = "SIGUSR2";

interface Server {
	discord: FakeDiscord;
	guilds: Array<{ id: string; channel: string }>;
	members: string[];
}

/** Guilds of 5 channels and 50 members each; the members are the same people in every guild. */
async function serverWith(guildCount: number): Promise<Server> {
	const discord = await FakeDiscord.start({ token: BENCH_TOKEN });
	const members = Array.from({ length: MEMBERS }, (_, i) => discord.createUser({ username: `member-${i}` }));
	const guilds = [];
	for (let g = 0; g < guildCount; g++) {
		const { id } = discord.createGuild({ name: `guild-${g}`, ownerId: members[0] });
		const channels = Array.from({ length: CHANNELS }, (_, c) => discord.createChannel(id, { name: `channel-${c}` }));
		for (const member of members.slice(1)) discord.addMember(id, member);
		guilds.push({ id, channel: channels[0] ?? "" });
	}
	return { discord, guilds, members };
}

/** 100,000 reaction events on rounds posted in 250 guilds, then until Dojo stops locking picks. */
async function reactionStorm(kind: SubjectKind, server: Server, bot: BotProcess): Promise<number> {
	const { discord, guilds, members } = server;
	const messages = [];
	for (const guild of guilds.slice(0, ROUND_MESSAGES)) {
		const result = await discord.sendCommand({
			guildId: guild.id,
			channelId: guild.channel,
			userId: members[1] ?? "",
			name: "question",
			options: [],
		});
		if (!result.message) throw new Error(`${kind}: /question posted nothing in ${guild.id}`);
		messages.push({ guildId: guild.id, message: result.message });
	}
	let events = 0;
	for (const { message } of messages) {
		for (const member of members) {
			for (const emoji of EVENTS_PER_MEMBER) {
				const input = { userId: member, channelId: message.channel_id, messageId: message.id, emoji };
				discord.addReaction(input);
				discord.removeReaction(input);
				events += 2;
			}
		}
		await yieldToEventLoop();
	}
	// Open questions take no letters, so the count of picks to expect is unknown: wait until it settles.
	let last = -1;
	for (;;) {
		const locked = bot.logs.filter((line) => line.msg === "pick locked").length;
		if (locked === last) break;
		last = locked;
		await sleep(SETTLE_MS);
	}
	return events;
}

async function measure(kind: SubjectKind, guildCount: number, redisUrl: string, storm: boolean) {
	const server = await serverWith(guildCount);
	const snapshots = storm && SNAPSHOT_DIR !== undefined;
	const bot = await startSubject(kind, {
		apiUrl: server.discord.apiUrl,
		redisUrl,
		...(snapshots
			? { nodeArgs: [`--heapsnapshot-signal=${SNAPSHOT_SIGNAL}`, `--diagnostic-dir=${SNAPSHOT_DIR}`] }
			: {}),
	});
	try {
		await sleep(SETTLE_MS);
		const afterReady = residentMiB(bot.pid);
		if (!storm) return { afterReady };
		const events = await reactionStorm(kind, server, bot);
		await sleep(SETTLE_MS);
		const afterStorm = residentMiB(bot.pid);
		if (snapshots && bot.pid !== undefined) {
			process.kill(bot.pid, SNAPSHOT_SIGNAL);
			// Writing the snapshot blocks the process; a little later it answers again.
			await sleep(20_000);
		}
		return { afterReady, afterStorm, events };
	} finally {
		await bot.stop();
		await server.discord.close();
	}
}

/** Resident memory after GUILD_CREATE of 1,000 and 10,000 guilds, and after 100,000 reaction events. */
export async function memoryRows(redisUrl: string): Promise<BenchRow[]> {
	const rows: BenchRow[] = [];
	for (const guildCount of [1_000, 10_000]) {
		const storm = guildCount === 1_000;
		const bare = await measure("bare", guildCount, redisUrl, storm);
		const dojo = await measure("dojo", guildCount, redisUrl, storm);
		rows.push({
			measure: `resident memory, ${guildCount.toLocaleString("en")} guilds (5 channels, 50 members each)`,
			dojo: round(dojo.afterReady),
			baseline: round(bare.afterReady),
			unit: "MiB",
			target: "≤ 1.3× bare client",
			met: dojo.afterReady <= bare.afterReady * 1.3,
		});
		if (storm && dojo.afterStorm !== undefined && bare.afterStorm !== undefined) {
			rows.push({
				measure: `resident memory, 1,000 guilds after ${(dojo.events ?? 0).toLocaleString("en")} reaction events`,
				dojo: round(dojo.afterStorm),
				baseline: round(bare.afterStorm),
				unit: "MiB",
				target: "≤ 1.3× bare client",
				met: dojo.afterStorm <= bare.afterStorm * 1.3,
			});
			const growth = dojo.afterStorm - dojo.afterReady;
			rows.push({
				measure: "resident memory growth over those reaction events",
				dojo: round(growth),
				baseline: round(bare.afterStorm - bare.afterReady),
				unit: "MiB",
				target: "< 50 MiB",
				met: growth < 50,
			});
		}
	}
	return rows;
}
