import { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ShardingManager } from "discord.js";
import { z } from "zod";
import type { Config } from "./config.js";
import type { Logger } from "./core/ports.js";
import { createLogger } from "./logger.js";
import { logProcessEvents, readConfig, reason, StartupError, startOrExplain } from "./startup.js";

/** Discord allows one identify per 5 s per concurrency bucket; the manager waits this long between shards. */
const SPAWN_DELAY_MS = 5_500;
const SHARD_READY_TIMEOUT_MS = 60_000;
/** Each shard has 9.5 s to stop (see lifecycle.ts); the manager gives up on one just after that. */
const SHUTDOWN_DEADLINE_MS = 9_800;

const gatewayBotSchema = z.object({ shards: z.number().int().min(1) });

/**
 * discord.js's own 'auto' count asks discord.com whatever DISCORD_API_URL says, so the recommendation
 * is read here from the configured API.
 */
async function recommendedShardCount(config: Config): Promise<number> {
	let response: Response;
	try {
		response = await fetch(`${config.DISCORD_API_URL}/v10/gateway/bot`, {
			headers: { authorization: `Bot ${config.DISCORD_TOKEN}` },
		});
	} catch (error) {
		throw new StartupError(`DISCORD_API_URL: cannot reach Discord at ${config.DISCORD_API_URL} (${reason(error)})`);
	}
	if (response.status === 401) {
		throw new StartupError("DISCORD_TOKEN: Discord rejected the token (401); copy it again from the developer portal");
	}
	const body = gatewayBotSchema.safeParse(response.ok ? await response.json() : undefined);
	if (!body.success) {
		throw new StartupError(
			`DISCORD_API_URL: GET /gateway/bot answered ${response.status} without a shard count; set SHARD_COUNT`,
		);
	}
	return body.data.shards;
}

async function startSharded(config: Config, logger: Logger): Promise<void> {
	if (!config.REDIS_URL) {
		throw new StartupError(
			"REDIS_URL: a sharded bot runs one process per shard, and they share rounds, picks and scores through Redis; set REDIS_URL (the embedded store is one process's file)",
		);
	}
	if (config.SHARDS) {
		throw new StartupError(
			"SHARDS: npm run start:sharded starts every shard and tells each process its own; remove SHARDS from the environment",
		);
	}
	const totalShards = config.SHARD_COUNT ?? (await recommendedShardCount(config));
	const healthPortOf = (shardId: number) => (config.HEALTH_PORT ? config.HEALTH_PORT + shardId : undefined);
	const highestHealthPort = healthPortOf(Math.max(...(config.SHARD_IDS ?? [totalShards - 1])));
	if (highestHealthPort !== undefined && highestHealthPort > 65_535) {
		throw new StartupError(
			`HEALTH_PORT: each shard serves health on HEALTH_PORT + its shard id, and shard ${highestHealthPort - (config.HEALTH_PORT ?? 0)} would need port ${highestHealthPort}; choose a lower HEALTH_PORT`,
		);
	}
	let stopping = false;
	// Each child is told its one shard by the manager (discord.js's SHARDS); given this host's whole
	// list as well, every child would connect all of them.
	delete process.env.SHARD_IDS;
	const manager = new ShardingManager(fileURLToPath(new URL("./main.js", import.meta.url)), {
		token: config.DISCORD_TOKEN,
		totalShards,
		...(config.SHARD_IDS ? { shardList: config.SHARD_IDS } : {}),
		mode: "process",
		execArgv: ["--enable-source-maps"],
	});
	const running = new Set<ChildProcess>();
	manager.on("shardCreate", (shard) => {
		// One port per shard process: all of them on HEALTH_PORT would fail every start but the first.
		const healthPort = healthPortOf(shard.id);
		if (healthPort !== undefined) (shard.env as NodeJS.ProcessEnv).HEALTH_PORT = String(healthPort);
		logger.info({ shard: shard.id, totalShards, ...(healthPort ? { healthPort } : {}) }, "shard starting");
		shard.on("spawn", (child) => {
			if (!(child instanceof ChildProcess)) return;
			running.add(child);
			child.once("exit", () => running.delete(child));
			// The manager's spawn loop may start the next shard after a stop signal: stop it at once.
			if (stopping) shard.kill();
		});
		shard.on("death", () => {
			if (!stopping) logger.warn({ shard: shard.id }, "shard process exited; starting it again");
		});
	});

	const stop = async (signal: NodeJS.Signals) => {
		// A signal to the whole process group reaches this manager twice under npm (its own and npm's),
		// and reaches every shard too; each shard ignores the repeats and finishes its own shutdown.
		if (stopping) {
			logger.info({ signal }, "already stopping; signal ignored");
			return;
		}
		stopping = true;
		logger.info({ signal, running: running.size }, "stopping every shard");
		setTimeout(() => {
			logger.error({ running: running.size }, "shards still running after 9.5 s; killing them");
			for (const child of running) child.kill("SIGKILL");
			process.exit(1);
		}, SHUTDOWN_DEADLINE_MS).unref();
		// kill() detaches the respawn listener first, so the manager does not start them again.
		for (const shard of manager.shards.values()) if (shard.process) shard.kill();
		while (running.size > 0) {
			await Promise.all([...running].map((child) => new Promise((resolve) => child.once("exit", resolve))));
		}
		logger.info({}, "every shard stopped");
		process.exit(0);
	};
	process.on("SIGINT", () => void stop("SIGINT"));
	process.on("SIGTERM", () => void stop("SIGTERM"));

	logger.info(
		{
			totalShards,
			source: config.SHARD_COUNT ? "SHARD_COUNT" : "GET /gateway/bot",
			shards: config.SHARD_IDS ?? "all",
		},
		"starting shards",
	);
	try {
		await manager.spawn({ amount: totalShards, delay: SPAWN_DELAY_MS, timeout: SHARD_READY_TIMEOUT_MS });
	} catch (error) {
		if (stopping) return;
		throw new StartupError(`a shard did not become ready (${reason(error)}); see the shard's log lines above`);
	}
	logger.info({ totalShards, shards: config.SHARD_IDS ?? "all" }, "all shards ready");
}

const config = readConfig();
const logger = createLogger(config, [config.DISCORD_TOKEN]);
logProcessEvents(logger, [config.DISCORD_TOKEN]);
await startOrExplain(() => startSharded(config, logger), [config.DISCORD_TOKEN]);
