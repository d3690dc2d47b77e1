import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord-api-types/v10";
import { FakeDiscord } from "../fake-discord/index.js";
import { shardOf } from "../fake-discord/snowflake.js";
import { type BotProcess, startBot } from "./bot-process.js";

export const TOKEN = "e2e.bot-token.that-must-never-be-logged";
export const E2E_BANKS = "test/e2e/banks";

/** A server laid out like a real study group's: members, a moderator, a practice channel and a locked one. */
export interface World {
	discord: FakeDiscord;
	guildId: string;
	practice: string;
	locked: string;
	/** A channel where the bot may manage messages, so it hides picks. */
	hidden: string;
	alice: string;
	bob: string;
	carol: string;
	moderator: string;
	/** Has Manage Server: may use /dojo. */
	admin: string;
}

/** A study group's server; on a Discord server of its own unless one is given (several guilds, one Discord). */
export async function createWorld(existing?: FakeDiscord): Promise<World> {
	const discord = existing ?? (await FakeDiscord.start({ token: TOKEN }));
	const { id: guildId } = discord.createGuild({ name: "Study group" });
	const moderatorRole = discord.createRole(guildId, {
		name: "Moderator",
		permissions: PermissionFlagsBits.ManageMessages,
	});
	const adminRole = discord.createRole(guildId, { name: "Admin", permissions: PermissionFlagsBits.ManageGuild });
	const practice = discord.createChannel(guildId, { name: "practice" });
	const hidden = discord.createChannel(guildId, {
		name: "quiz",
		overwrites: [{ id: discord.botUserId, type: 1, allow: PermissionFlagsBits.ManageMessages }],
	});
	const locked = discord.createChannel(guildId, {
		name: "announcements",
		overwrites: [{ id: discord.botUserId, type: 1, deny: PermissionFlagsBits.AddReactions }],
	});
	const member = (username: string, roles: string[] = []) => {
		const id = discord.createUser({ username });
		discord.addMember(guildId, id, roles);
		return id;
	};
	return {
		discord,
		guildId,
		practice,
		locked,
		hidden,
		alice: member("alice"),
		bob: member("bob"),
		carol: member("carol"),
		moderator: member("mod", [moderatorRole]),
		admin: member("admin", [adminRole]),
	};
}

/** One world per shard, in shard order: guilds are created until every shard owns one (a guild's shard comes from the timestamp in its id). */
export async function worldsOnEveryShard(discord: FakeDiscord, shards: number): Promise<World[]> {
	const byShard = new Map<number, World>();
	for (let attempt = 0; byShard.size < shards && attempt < 50; attempt++) {
		const world = await createWorld(discord);
		const shard = shardOf(world.guildId, shards);
		if (!byShard.has(shard)) byShard.set(shard, world);
		await new Promise((resolve) => setTimeout(resolve, 3));
	}
	if (byShard.size < shards) throw new Error("could not place a guild on every shard");
	return [...byShard.entries()].sort(([a], [b]) => a - b).map(([, world]) => world);
}

/** Plain members beyond the world's named ones, for bursts. */
export function addMembers(world: World, count: number, prefix = "member"): string[] {
	return Array.from({ length: count }, (_, index) => {
		const id = world.discord.createUser({ username: `${prefix}-${index}` });
		world.discord.addMember(world.guildId, id);
		return id;
	});
}

export interface DojoRun {
	bot: BotProcess;
	dataDir: string;
}

/** Starts the real bot against the world and waits until its commands are in place. */
export async function startDojo(
	world: World,
	options: {
		dataDir?: string;
		redisUrl?: string;
		global?: boolean;
		env?: Record<string, string>;
		nodeArgs?: string[];
	} = {},
): Promise<DojoRun> {
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "dojo-e2e-"));
	const bot = startBot(
		{
			DISCORD_TOKEN: TOKEN,
			DISCORD_API_URL: world.discord.apiUrl,
			DATA_DIR: dataDir,
			BANKS_DIR: E2E_BANKS,
			...(options.global ? {} : { DEV_GUILD_ID: world.guildId }),
			...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
			...options.env,
		},
		undefined,
		options.nodeArgs,
	);
	try {
		await bot.waitForLog((line) => line.msg.startsWith("slash commands "));
	} catch (error) {
		// A bot that never got ready must not outlive the test that started it.
		await bot.stop();
		throw error;
	}
	return { bot, dataDir };
}
