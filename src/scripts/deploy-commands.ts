import { REST, type RESTGetCurrentApplicationResult, Routes } from "discord.js";
import { COMMANDS } from "../../commands/index.js";
import type { Store } from "../core/ports.js";
import { syncCommands } from "../discord/command-sync.js";
import { createLogger } from "../logger.js";
import { failureLogger, logProcessEvents, readConfig, reason } from "../startup.js";
import { openStore } from "../store/open-store.js";

/**
 * `npm run commands:deploy`: registers the slash commands now, over REST only (no gateway), in
 * DEV_GUILD_ID when it is set and globally otherwise, and takes them back from wherever this
 * deployment registered them before. That memory is in the bot's store, so the store must open.
 * It logs like the bot, one JSON object per line.
 */
async function main(): Promise<number> {
	const config = readConfig();
	const secrets = [config.DISCORD_TOKEN];
	const logger = createLogger(config, secrets);
	logProcessEvents(logger, secrets);
	let store: Store;
	try {
		store = await openStore(
			config.REDIS_URL ? { kind: "redis", url: config.REDIS_URL } : { kind: "embedded", dataDir: config.DATA_DIR },
		);
	} catch (error) {
		const variable = config.REDIS_URL ? "REDIS_URL" : "DATA_DIR";
		failureLogger(secrets).fatal(
			{},
			`${variable}: cannot open the store (${reason(error)}). It remembers where the commands were registered before: stop the bot first, or restart it instead, since it registers changed commands by itself`,
		);
		return 1;
	}
	const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
	try {
		const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
		const scope = { applicationId: application.id, ...(config.DEV_GUILD_ID ? { guildId: config.DEV_GUILD_ID } : {}) };
		// The sync logs each scope it registers in or takes back from; this line names what was registered.
		await syncCommands({ rest, store, logger, now: Date.now }, COMMANDS, scope, { force: true });
		logger.info(
			{
				scope: scope.guildId ? `guild ${scope.guildId} (available now)` : "global",
				commands: COMMANDS.map((command) => `/${command.data.name}`),
			},
			"slash commands deployed",
		);
		return 0;
	} catch (error) {
		failureLogger(secrets).fatal({}, `Discord refused the registration: ${reason(error)}`);
		return 1;
	} finally {
		await store.close();
	}
}

process.exitCode = await main();
