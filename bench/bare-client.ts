import { Client, Events, GatewayIntentBits, MessageFlags, Partials, Routes } from "discord.js";

/**
 * The baseline: a bare discord.js client with the bot's intents and partials that registers one
 * command and answers every interaction with the same embed, then adds the reactions a round of three
 * choices gets (🇦 🇧 🇨 and 💡, one after another), as Dojo does. Whatever Dojo costs beyond this is ours.
 */
const client = new Client({
	intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
	partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User, Partials.GuildMember],
	rest: { api: process.env.DISCORD_API_URL ?? "https://discord.com/api" },
});
const EMBED = { title: "A constant question", description: "🇦 one\n🇧 two\n🇨 three", color: 0x5865f2 };
const REACTIONS = ["🇦", "🇧", "🇨", "💡"];

client.on(Events.InteractionCreate, async (interaction) => {
	if (!interaction.isChatInputCommand()) return;
	const started = Date.now();
	const round = interaction.commandName === "question";
	const response = await interaction.reply({
		embeds: [EMBED],
		flags: round ? undefined : MessageFlags.Ephemeral,
		withResponse: true,
	});
	const durationMs = Date.now() - started;
	const message = response.resource?.message;
	if (round && message) {
		for (const emoji of REACTIONS) {
			await client.rest.put(Routes.channelMessageOwnReaction(message.channelId, message.id, encodeURIComponent(emoji)));
		}
	}
	console.log(JSON.stringify({ level: 30, msg: "command handled", durationMs }));
});
client.once(Events.ClientReady, async (ready) => {
	const commands = [{ name: "question", description: "Post a question" }];
	const guildId = process.env.DEV_GUILD_ID;
	await (guildId ? ready.application.commands.set(commands, guildId) : ready.application.commands.set(commands));
	console.log(JSON.stringify({ level: 30, msg: "slash commands registered", guilds: ready.guilds.cache.size }));
});
process.once("SIGTERM", () => void client.destroy().then(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
