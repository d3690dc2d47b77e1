import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIMessage } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fake-discord/index.js";
import { type BotProcess, type LogLine, npmProject, ROOT, startNpm } from "../../harness/bot-process.js";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../../harness/redis-server.js";
import { askQuestion, LETTERS, react, runCommand, stringOption } from "../../harness/rounds.js";
import { addMembers, createWorld, E2E_BANKS, TOKEN, type World, worldsOnEveryShard } from "../../harness/world.js";
import { openStore, type StoreTarget } from "../../src/store/open-store.js";

/** Members picking at once in each round; the signal goes out halfway through. */
const BURST = 40;
/** e2e-methods has three choices. */
const letterFor = (index: number) => LETTERS[index % 3] ?? "🇦";
const SHUTDOWN_LIMIT_MS = 10_000;

const lockedIn = (bot: BotProcess, message: APIMessage) =>
	bot.logs.filter((line) => line.msg === "pick locked" && line.messageId === message.id).map((line) => line.userId);

async function storedPicks(target: StoreTarget, messageId: string): Promise<Record<string, number>> {
	const store = await openStore(target);
	try {
		const picks = await store.hashGetAll(`picks:${messageId}`);
		return Object.fromEntries(Object.entries(picks).map(([member, raw]) => [member, JSON.parse(raw).choice]));
	} finally {
		await store.close();
	}
}

function signalGroup(bot: BotProcess, signal: NodeJS.Signals): void {
	if (bot.pid === undefined) throw new Error("npm has no pid");
	process.kill(-bot.pid, signal);
}

/**
 * Posts a round, has BURST members pick in it, and signals npm's whole process group halfway through;
 * `more` runs once the first signal is out. Resolves with npm's exit code, how long it took after the
 * first signal, and the members whose picks the bot logged as locked.
 */
async function signalDuringBurst(
	bot: BotProcess,
	rounds: Array<{ world: World; message: APIMessage; members: string[] }>,
	more: () => Promise<void> = async () => {},
) {
	let signalledAt = 0;
	for (let index = 0; index < BURST; index++) {
		if (index === BURST / 2) {
			signalledAt = Date.now();
			signalGroup(bot, "SIGTERM");
		}
		for (const { world, message, members } of rounds) react(world, message, members[index] ?? "", letterFor(index));
	}
	await more();
	const code = await bot.exited;
	return { code, tookMs: Date.now() - signalledAt };
}

async function expectEveryLockedPickStored(
	bot: BotProcess,
	target: StoreTarget,
	round: { message: APIMessage; members: string[] },
) {
	const locked = lockedIn(bot, round.message);
	const stored = await storedPicks(target, round.message.id);
	expect(locked.length).toBeGreaterThan(0);
	expect(Object.keys(stored).sort()).toEqual([...locked].sort());
	for (const member of locked) expect(stored[String(member)]).toBe(round.members.indexOf(String(member)) % 3);
}

const ignored = (bot: BotProcess) => bot.logs.filter((line) => line.msg === "already shutting down; signal ignored");

describe("e2e: npm start's process group signalled during a burst of picks", () => {
	let world: World;
	let project: string;

	beforeAll(async () => {
		world = await createWorld();
		project = npmProject();
	});
	afterAll(async () => {
		await world?.discord.close();
	});

	async function startDojo(dataDir: string): Promise<BotProcess> {
		const bot = startNpm(
			"start",
			{
				DISCORD_TOKEN: TOKEN,
				DISCORD_API_URL: world.discord.apiUrl,
				BANKS_DIR: join(ROOT, E2E_BANKS),
				DATA_DIR: dataDir,
				DEV_GUILD_ID: world.guildId,
			},
			project,
		);
		try {
			await bot.waitForLog((line) => line.msg.startsWith("slash commands "), 30_000);
		} catch (error) {
			await bot.stop("SIGKILL");
			throw error;
		}
		return bot;
	}

	async function newRound(prefix: string) {
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
		return { world, message, members: addMembers(world, BURST, prefix) };
	}

	for (const attempt of [1, 2, 3]) {
		it(`GIVEN SIGTERM to the group (npm forwards a second one), try ${attempt} of 3, THEN the bot ignores the repeat, stores every locked pick and exits 0 within 10 s`, async () => {
			const dataDir = mkdtempSync(join(tmpdir(), "dojo-signals-"));
			const bot = await startDojo(dataDir);
			try {
				const round = await newRound(`group-${attempt}`);
				const { code, tookMs } = await signalDuringBurst(bot, [round]);
				expect(code).toBe(0);
				expect(tookMs).toBeLessThan(SHUTDOWN_LIMIT_MS);
				expect(bot.logs.filter((line) => line.msg === "stopped")).toHaveLength(1);
				expect(bot.unstructured()).toEqual([]);
				// npm's forwarded SIGTERM is logged as ignored when it comes after the first was handled;
				// when both arrive at once the kernel delivers them as one.
				expect(ignored(bot).every((line) => line.signal === "SIGTERM")).toBe(true);
				await expectEveryLockedPickStored(bot, { kind: "embedded", dataDir }, round);
			} finally {
				await bot.stop("SIGKILL");
			}
		}, 60_000);
	}

	it("GIVEN two more group signals (SIGTERM, then SIGINT as a second Ctrl-C) while it shuts down THEN both are logged and ignored and the bot exits 0", async () => {
		const dataDir = mkdtempSync(join(tmpdir(), "dojo-signals-"));
		const bot = await startDojo(dataDir);
		try {
			const round = await newRound("again");
			// Hold the shutdown open: a /question still adding its letters, its first one answered with a
			// 3 s 429, is work in flight that the shutdown drains, so both further signals land during it.
			const faultsBefore = world.discord.faultsServed;
			world.discord.injectFault({
				method: "PUT",
				path: new RegExp(`^/api/v10/channels/${world.practice}/messages/\\d+/reactions/`),
				status: 429,
				retryAfterSeconds: 3,
				times: 1,
			});
			const heldOpen = runCommand(world, { userId: world.bob, name: "question" });
			await world.discord.waitFor(() => world.discord.faultsServed > faultsBefore);
			const { code, tookMs } = await signalDuringBurst(bot, [round], async () => {
				await bot.waitForLog("shutting down");
				signalGroup(bot, "SIGTERM");
				signalGroup(bot, "SIGINT");
			});
			await heldOpen;
			expect(code).toBe(0);
			const signals = ignored(bot).map((line) => line.signal);
			// Standard signals are not queued: two of one kind pending at once are delivered as one, so npm's
			// forwarded SIGTERM and ours may merge, and the SIGINT always stands alone.
			expect(signals).toContain("SIGINT");
			expect(signals.every((signal) => signal === "SIGTERM" || signal === "SIGINT")).toBe(true);
			expect(tookMs).toBeLessThan(SHUTDOWN_LIMIT_MS);
			expect(bot.logs.filter((line) => line.msg === "stopped")).toHaveLength(1);
			await expectEveryLockedPickStored(bot, { kind: "embedded", dataDir }, round);
		} finally {
			await bot.stop("SIGKILL");
		}
	}, 60_000);
});

describe.skipIf(skipWithoutRedis())("e2e: npm run start:sharded's process group signalled during a burst", () => {
	const SHARDS = 2;
	let discord: FakeDiscord;
	let redis: PrivateRedis;
	let worlds: World[];
	let project: string;

	beforeAll(async () => {
		[discord, redis] = await Promise.all([FakeDiscord.start({ token: TOKEN }), startPrivateRedis()]);
		worlds = await worldsOnEveryShard(discord, SHARDS);
		project = npmProject();
	});
	afterAll(async () => {
		await discord?.close();
		await redis?.stop();
	});

	const startSharded = async () => {
		const bot = startNpm(
			"start:sharded",
			{
				DISCORD_TOKEN: TOKEN,
				DISCORD_API_URL: discord.apiUrl,
				BANKS_DIR: join(ROOT, E2E_BANKS),
				REDIS_URL: redis.url,
				SHARD_COUNT: String(SHARDS),
			},
			project,
		);
		try {
			await bot.waitForLog("all shards ready", 60_000);
			await discord.waitFor(() => discord.registeredCommands().length > 0, 10_000);
		} catch (error) {
			await bot.stop("SIGKILL");
			throw error;
		}
		return bot;
	};

	it("GIVEN SIGTERM to the group (manager and shards each get it, and again from npm and the manager) THEN every shard stops cleanly, every locked pick is stored and npm exits 0 within 10 s", async () => {
		const bot = await startSharded();
		try {
			const rounds = [];
			for (const [shard, world] of worlds.entries()) {
				const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
				rounds.push({ world, message, members: addMembers(world, BURST, `sharded-${shard}`) });
			}
			const { code, tookMs } = await signalDuringBurst(bot, rounds);
			expect(code).toBe(0);
			expect(tookMs).toBeLessThan(SHUTDOWN_LIMIT_MS);
			const stopped = bot.logs.filter((line) => line.msg === "stopped").map((line: LogLine) => line.shards);
			expect(stopped.sort()).toEqual([[0], [1]]);
			expect(bot.logs.filter((line) => line.msg === "every shard stopped")).toHaveLength(1);
			expect(bot.unstructured()).toEqual([]);
			expect(discord.connections).toBe(0);
			for (const round of rounds) await expectEveryLockedPickStored(bot, { kind: "redis", url: redis.url }, round);
		} finally {
			await bot.stop("SIGKILL");
		}
	}, 120_000);

	it("GIVEN the manager is killed outright (SIGKILL) THEN its shards notice and stop cleanly instead of running on unmanaged", async () => {
		const bot = await startSharded();
		try {
			// npm's one child is the manager (its script execs node); the shards are the manager's children.
			const [manager] = execFileSync("pgrep", ["-P", String(bot.pid)])
				.toString()
				.trim()
				.split("\n")
				.map(Number);
			process.kill(Number(manager), "SIGKILL");
			// Each shard notices at once (its channel to the manager closes) and then has its own 10 s to stop;
			// on a loaded machine the two shards' shutdowns share two cores.
			await discord.waitFor(
				() => bot.logs.filter((line) => line.msg === "stopped" && line.shards !== undefined).length === SHARDS,
				2 * SHUTDOWN_LIMIT_MS,
			);
			await discord.waitFor(() => discord.connections === 0, SHUTDOWN_LIMIT_MS);
			expect(await bot.exited).not.toBe(0);
		} finally {
			await bot.stop("SIGKILL");
		}
	}, 120_000);
});
