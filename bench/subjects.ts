import { type BotProcess, startBot } from "../harness/bot-process.js";

export const BENCH_TOKEN = "bench.bot-token.that-must-never-be-logged";

export type SubjectKind = "dojo" | "bare";

export interface SubjectOptions {
	apiUrl: string;
	/** Register commands in this guild only; global otherwise. */
	guildId?: string;
	redisUrl?: string;
	dataDir?: string;
	env?: Record<string, string>;
	/** Extra Node flags for this run only (the bench's heap snapshots), never the bot's own. */
	nodeArgs?: string[];
}

/**
 * Starts Dojo as `npm start` runs it (compiled, Flask bank, info logs) or the bare discord.js client,
 * and resolves once its commands are registered, i.e. once it is ready for traffic.
 */
export async function startSubject(kind: SubjectKind, options: SubjectOptions): Promise<BotProcess> {
	const env: Record<string, string> = {
		DISCORD_TOKEN: BENCH_TOKEN,
		DISCORD_API_URL: options.apiUrl,
		LOG_LEVEL: "info",
		...(options.guildId ? { DEV_GUILD_ID: options.guildId } : {}),
		...options.env,
	};
	const bot =
		kind === "dojo"
			? startBot(
					{
						...env,
						BANKS_DIR: "data/banks",
						...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
						...(options.dataDir ? { DATA_DIR: options.dataDir } : {}),
					},
					undefined,
					["--enable-source-maps", ...(options.nodeArgs ?? [])],
				)
			: startBot(env, "bench/bare-client.ts", ["--import", "tsx", ...(options.nodeArgs ?? [])]);
	try {
		await bot.waitForLog((line) => line.msg.startsWith("slash commands"), 300_000);
	} catch (error) {
		await bot.stop();
		throw error;
	}
	return bot;
}
