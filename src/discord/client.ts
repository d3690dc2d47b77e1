import { Client, GatewayIntentBits, Partials } from "discord.js";

/**
 * Guilds and reactions only: no privileged intent, so the bot needs no review to grow. The partials
 * let reactions on messages posted before a restart reach the bot at all.
 */
export function createDiscordClient(apiUrl: string): Client {
	return new Client({
		intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
		partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User, Partials.GuildMember],
		rest: { api: apiUrl },
		allowedMentions: { parse: [] },
	});
}
