import { REST, type RESTGetCurrentApplicationResult, Routes } from "discord.js";
import { COMMANDS } from "../../commands/index.js";
import type { Logger, Store } from "../core/ports.js";
import { syncCommands } from "../discord/command-sync.js";
import { readConfig, reason } from "../startup.js";
import { openStore } from "../store/open-store.js";

const PROGRAM = "commands:deploy";

/** The sync's log lines as plain lines for a terminal, with the fields that say where. */
const terminal: Logger = {
	debug: () => {},
	info: (fields, message) => console.log(line(fields, message)),
	warn: (fields, message) => console.error(line(fields, message)),
	error: (fields, message) => console.error(line(fields, message)),
	child: () => terminal,
};

function line(fields: object, message: string): string {
	const { err, ...rest } = fields as { err?: unknown };
	const details = Object.entries(rest).map(([name, value]) => `${name} ${String(value)}`);
	if (err !== undefined) details.push(reason(err));
	return `${PROGRAM}: ${message}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
}

/**
 * `npm run commands:deploy`: registers the slash commands now, over REST only (no gateway), in
 * DEV_GUILD_ID when it is set and globally otherwise, and takes them back from wherever this
 * deployment registered them before. That memory is in the bot's store, so the store must open.
 */
async function main(): Promise<number> {
	const config = readConfig(PROGRAM);
	let store: Store;
	try {
		store = await openStore(
			config.REDIS_URL ? { kind: "redis", url: config.REDIS_URL } : { kind: "embedded", dataDir: config.DATA_DIR },
		);
	} catch (error) {
		const variable = config.REDIS_URL ? "REDIS_URL" : "DATA_DIR";
		console.error(
			`${PROGRAM}: ${variable}: cannot open the store (${reason(error)}). It remembers where the commands were registered before: stop the bot first, or restart it instead, since it registers changed commands by itself`,
		);
		return 1;
	}
	const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
	try {
		const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
		const scope = { applicationId: application.id, ...(config.DEV_GUILD_ID ? { guildId: config.DEV_GUILD_ID } : {}) };
		await syncCommands({ rest, store, logger: terminal, now: Date.now }, COMMANDS, scope, { force: true });
		const where = scope.guildId ? `in guild ${scope.guildId} (available now)` : "globally";
		console.log(
			`${PROGRAM}: registered ${COMMANDS.length} commands ${where}: ${COMMANDS.map((c) => `/${c.data.name}`).join(" ")}`,
		);
		return 0;
	} catch (error) {
		console.error(`${PROGRAM}: Discord refused the registration: ${reason(error)}`);
		return 1;
	} finally {
		await store.close();
	}
}

process.exitCode = await main();
