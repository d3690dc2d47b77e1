import { REST, type RESTGetCurrentApplicationResult, Routes } from "discord.js";
import { COMMANDS } from "../../commands/index.js";
import { ConfigError, loadConfig } from "../config.js";
import { putCommands } from "../discord/command-sync.js";

/**
 * `npm run commands:deploy`: registers the slash commands now, over REST only (no gateway), in
 * DEV_GUILD_ID when it is set and globally otherwise.
 */
async function main(): Promise<number> {
	let config: ReturnType<typeof loadConfig>;
	try {
		config = loadConfig(process.env);
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		for (const problem of error.problems) console.error(`commands:deploy: configuration error: ${problem}`);
		return 1;
	}
	const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
	try {
		const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
		const scope = { applicationId: application.id, ...(config.DEV_GUILD_ID ? { guildId: config.DEV_GUILD_ID } : {}) };
		await putCommands(rest, COMMANDS, scope);
		const where = scope.guildId ? `in guild ${scope.guildId} (available now)` : "globally";
		console.log(
			`commands:deploy: registered ${COMMANDS.length} commands ${where}: ${COMMANDS.map((c) => `/${c.data.name}`).join(" ")}`,
		);
		return 0;
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		console.error(`commands:deploy: Discord refused the registration: ${detail}`);
		return 1;
	}
}

process.exitCode = await main();
