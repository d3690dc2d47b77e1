import { REST, type RESTGetCurrentApplicationResult, Routes } from "discord.js";
import { COMMANDS } from "../../commands/index.js";
import { putCommands } from "../discord/command-sync.js";
import { createLogger } from "../logger.js";
import { failureLogger, logProcessEvents, readConfig } from "../startup.js";

/**
 * `npm run commands:deploy`: registers the slash commands now, over REST only (no gateway), in
 * DEV_GUILD_ID when it is set and globally otherwise. It logs like the bot, one JSON object per line.
 */
async function main(): Promise<number> {
	const config = readConfig();
	const secrets = [config.DISCORD_TOKEN];
	const logger = createLogger(config, secrets);
	logProcessEvents(logger, secrets);
	const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
	try {
		const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
		const scope = { applicationId: application.id, ...(config.DEV_GUILD_ID ? { guildId: config.DEV_GUILD_ID } : {}) };
		await putCommands(rest, COMMANDS, scope);
		logger.info(
			{
				scope: scope.guildId ? `guild ${scope.guildId} (available now)` : "global",
				commands: COMMANDS.map((command) => `/${command.data.name}`),
			},
			"slash commands registered",
		);
		return 0;
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		failureLogger(secrets).fatal({}, `Discord refused the registration: ${detail}`);
		return 1;
	}
}

process.exitCode = await main();
