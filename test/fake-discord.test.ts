import {
	ButtonStyle,
	ChannelType,
	Client,
	ComponentType,
	DiscordAPIError,
	Events,
	GatewayIntentBits,
	type Interaction,
	InteractionResponseType,
	LabelBuilder,
	ModalBuilder,
	REST,
	Routes,
	TextInputBuilder,
	TextInputStyle,
	ThreadAutoArchiveDuration,
	type ThreadChannel,
} from "discord.js";
import { PermissionFlagsBits, RESTJSONErrorCodes } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { FakeDiscord } from "../fake-discord/index.js";

const TOKEN = "fake.discord.self-test-token";

let discord: FakeDiscord;
let client: Client;
let guildId: string;
let channelId: string;
let lockedId: string;
let noThreadsId: string;
let quietThreadsId: string;
let memberId: string;
const nextInteraction: Array<(interaction: Interaction) => void> = [];

/** Checks the server against the real discord.js, so the e2e suite tests the bot and not our guesses. */
beforeAll(async () => {
	discord = await FakeDiscord.start({ token: TOKEN });
	({ id: guildId } = discord.createGuild({ name: "Self test" }));
	channelId = discord.createChannel(guildId, { name: "general" });
	lockedId = discord.createChannel(guildId, {
		name: "read-only",
		overwrites: [{ id: discord.botUserId, type: 1, deny: PermissionFlagsBits.AddReactions }],
	});
	noThreadsId = discord.createChannel(guildId, {
		name: "no-threads",
		overwrites: [{ id: discord.botUserId, type: 1, deny: PermissionFlagsBits.CreatePublicThreads }],
	});
	quietThreadsId = discord.createChannel(guildId, {
		name: "quiet-threads",
		overwrites: [{ id: discord.botUserId, type: 1, deny: PermissionFlagsBits.SendMessagesInThreads }],
	});
	memberId = discord.createUser({ username: "member" });
	discord.addMember(guildId, memberId);
	client = new Client({
		intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
		rest: { api: discord.apiUrl },
	});
	client.on(Events.InteractionCreate, (interaction) => nextInteraction.shift()?.(interaction));
	const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
	await client.login(TOKEN);
	await ready;
	await client.rest.put(Routes.applicationGuildCommands(discord.applicationId, guildId), {
		body: [
			{ name: "ping", description: "Ping" },
			{ name: "daily", description: "Daily", options: [{ type: 1, name: "set", description: "Set" }] },
		],
	});
});

afterAll(async () => {
	await client?.destroy();
	await discord?.close();
});

function onNextInteraction(handle: (interaction: Interaction) => Promise<void>): Promise<unknown> {
	return new Promise((resolve) =>
		nextInteraction.push((interaction) => void handle(interaction).then(resolve, resolve)),
	);
}

const ping = () => discord.sendCommand({ guildId, channelId, userId: memberId, name: "ping" });

describe("fake Discord against discord.js", () => {
	it("GIVEN a login THEN READY and GUILD_CREATE give discord.js the guild, its channels and permissions", () => {
		const guild = client.guilds.cache.get(guildId);
		expect(guild?.channels.cache.map((channel) => channel.id).sort()).toEqual(
			[channelId, lockedId, noThreadsId, quietThreadsId].sort(),
		);
		const locked = guild?.channels.cache.get(lockedId);
		expect(locked && "permissionsFor" in locked && locked.permissionsFor(discord.botUserId)?.has("AddReactions")).toBe(
			false,
		);
	});

	it("GIVEN a reply withResponse THEN the message comes back and is in the channel", async () => {
		const handled = onNextInteraction(async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			const response = await interaction.reply({ content: "pong", withResponse: true });
			expect(response.resource?.message?.content).toBe("pong");
		});
		const result = await ping();
		await handled;
		expect(result).toMatchObject({ responded: true, type: 4, ephemeral: false });
		expect(discord.channelMessages(channelId).at(-1)?.content).toBe("pong");
	});

	it("GIVEN a reply to a subcommand THEN the message names the member and the command as Discord's client shows it", async () => {
		const handled = onNextInteraction(async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			const response = await interaction.reply({ content: "set", withResponse: true });
			expect(response.resource?.message?.interaction).toMatchObject({ commandName: "daily set" });
			expect(response.resource?.message?.interaction?.user.id).toBe(memberId);
		});
		await discord.sendCommand({
			guildId,
			channelId,
			userId: memberId,
			name: "daily",
			options: [{ name: "set", type: 1, options: [] }],
		});
		await handled;
		expect(discord.channelMessages(channelId).at(-1)?.interaction).toMatchObject({ name: "daily set" });
	});

	it("GIVEN a reply after 3 s THEN Discord's 10062 Unknown interaction", async () => {
		const failure = onNextInteraction(async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			discord.advanceClock(3_500);
			await expect(interaction.reply("late")).rejects.toMatchObject({ code: RESTJSONErrorCodes.UnknownInteraction });
		});
		const result = await ping();
		await failure;
		expect(result.responded).toBe(false);
	});

	it("GIVEN an edit through the interaction token after 15 minutes THEN 401 Invalid Webhook Token", async () => {
		let edit: (() => Promise<unknown>) | undefined;
		const handled = onNextInteraction(async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.reply("first");
			edit = () => interaction.editReply("second");
		});
		await ping();
		await handled;
		discord.advanceClock(15 * 60_000 + 1_000);
		await expect(edit?.()).rejects.toMatchObject({ status: 401, code: RESTJSONErrorCodes.InvalidWebhookToken });
	});

	it("GIVEN an embed over Discord's limits THEN 50035 names the field", async () => {
		const channel = await client.channels.fetch(channelId);
		if (!channel?.isSendable()) throw new Error("channel");
		const error = await channel.send({ embeds: [{ description: "x".repeat(4097) }] }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DiscordAPIError);
		expect(error).toMatchObject({ code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, status: 400 });
		expect((error as DiscordAPIError).rawError).toMatchObject({
			errors: { embeds: { 0: { description: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } } },
		});
		const empty = await channel.send({ content: "" }).catch((e: unknown) => e);
		expect(empty).toMatchObject({ code: RESTJSONErrorCodes.CannotSendAnEmptyMessage });
	});

	it("GIVEN a reaction where the bot lacks Add Reactions THEN 50013, and where it may THEN the event comes back", async () => {
		const locked = await client.channels.fetch(lockedId);
		if (!locked?.isSendable()) throw new Error("channel");
		const message = await locked.send("no reactions here");
		await expect(message.react("🇦")).rejects.toMatchObject({ code: RESTJSONErrorCodes.MissingPermissions });
		const general = await client.channels.fetch(channelId);
		if (!general?.isSendable()) throw new Error("channel");
		const open = await general.send("react");
		const seen = new Promise((resolve) =>
			client.once(Events.MessageReactionAdd, (reaction) => resolve(reaction.emoji.name)),
		);
		await open.react("💡");
		expect(await seen).toBe("💡");
		await expect(open.react("not-an-emoji")).rejects.toMatchObject({ code: RESTJSONErrorCodes.UnknownEmoji });
	});

	it("GIVEN a wrong token THEN REST answers 401 and the gateway closes with 4004", async () => {
		const rest = new REST({ api: discord.apiUrl }).setToken("wrong");
		await expect(rest.get(Routes.user("@me"))).rejects.toMatchObject({ status: 401 });
		const socket = new WebSocket(discord.gatewayUrl);
		const code = await new Promise<number>((resolve) => {
			socket.on("message", () =>
				socket.send(JSON.stringify({ op: 2, d: { token: "wrong", intents: 1, properties: {} } })),
			);
			socket.on("close", resolve);
		});
		expect(code).toBe(4004);
	});

	it("GIVEN guild commands THEN a bulk overwrite replaces them, an empty one removes them, and a guild without the bot is 50001", async () => {
		const { id: other } = discord.createGuild({ name: "Other server" });
		const route = Routes.applicationGuildCommands(discord.applicationId, other);
		const firstGuildsCommands = discord.registeredCommands(guildId).map((command) => command.name);
		const first = (await client.rest.put(route, {
			body: [
				{ name: "ping", description: "Ping" },
				{ name: "pong", description: "Pong" },
			],
		})) as Array<{ id: string; name: string; guild_id: string }>;
		expect(first.map((command) => [command.name, command.guild_id])).toEqual([
			["ping", other],
			["pong", other],
		]);
		const second = (await client.rest.put(route, { body: [{ name: "ping", description: "Ping again" }] })) as Array<{
			id: string;
		}>;
		expect(second.map((command) => command.id)).toEqual([first[0]?.id]);
		expect(discord.registeredCommands(other).map((command) => command.name)).toEqual(["ping"]);
		await expect(
			client.rest.put(route, {
				body: [
					{ name: "ping", description: "One" },
					{ name: "ping", description: "Two" },
				],
			}),
		).rejects.toMatchObject({ code: RESTJSONErrorCodes.InvalidFormBodyOrContentType });

		expect(await client.rest.put(route, { body: [] })).toEqual([]);
		expect(discord.registeredCommands(other)).toEqual([]);
		// Another server's overwrites never touch this one's commands.
		expect(discord.registeredCommands(guildId).map((command) => command.name)).toEqual(firstGuildsCommands);

		const left = new Promise((resolve) => client.once(Events.GuildDelete, (guild) => resolve(guild.id)));
		discord.removeBot(other);
		expect(await left).toBe(other);
		const missingAccess = { status: 403, code: RESTJSONErrorCodes.MissingAccess };
		await expect(client.rest.put(route, { body: [] })).rejects.toMatchObject(missingAccess);
		await expect(client.rest.get(route)).rejects.toMatchObject(missingAccess);
		const nowhere = Routes.applicationGuildCommands(discord.applicationId, "123456789012345678");
		await expect(client.rest.put(nowhere, { body: [] })).rejects.toMatchObject(missingAccess);
		await expect(client.rest.put(nowhere, { body: [] })).rejects.toBeInstanceOf(DiscordAPIError);
	});

	it("GIVEN users.send THEN a DM channel opens once and takes the messages; closed DMs answer 50007", async () => {
		await client.users.send(memberId, "first");
		await client.users.send(memberId, "second");
		expect(discord.directMessages(memberId).map((message) => message.content)).toEqual(["first", "second"]);
		const opened = discord.requests.filter(
			(request) => request.method === "POST" && request.path.endsWith("/users/@me/channels"),
		);
		expect(opened).toHaveLength(1);
		discord.setDirectMessagesOpen(memberId, false);
		const refused = await client.users.send(memberId, "third").catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(DiscordAPIError);
		expect(refused).toMatchObject({ status: 403, code: RESTJSONErrorCodes.CannotSendMessagesToThisUser });
		discord.setDirectMessagesOpen(memberId, true);
		await expect(client.rest.post(Routes.userChannels(), { body: { recipient_id: "1" } })).rejects.toMatchObject({
			code: RESTJSONErrorCodes.UnknownUser,
		});
	});
});

async function sendable(id: string) {
	const channel = await client.channels.fetch(id);
	if (!channel?.isSendable() || channel.type !== ChannelType.GuildText) throw new Error(`channel ${id}`);
	return channel;
}

describe("fake Discord threads against discord.js", () => {
	let thread: ThreadChannel;

	it("GIVEN a message THEN startThread opens a public thread with the message's id, THREAD_CREATE reaches discord.js, and a second thread on it is 160004", async () => {
		const message = await (await sendable(channelId)).send("Let's discuss");
		const created = new Promise<[ThreadChannel, boolean]>((resolve) =>
			client.once(Events.ThreadCreate, (...args) => resolve(args)),
		);
		thread = await message.startThread({ name: "Discussion", autoArchiveDuration: ThreadAutoArchiveDuration.OneHour });
		const [seen, newlyCreated] = await created;
		expect(seen.id).toBe(message.id);
		expect(newlyCreated).toBe(true);
		expect(thread).toMatchObject({
			id: message.id,
			type: ChannelType.PublicThread,
			parentId: channelId,
			ownerId: discord.botUserId,
			autoArchiveDuration: ThreadAutoArchiveDuration.OneHour,
			archived: false,
		});
		expect(discord.getMessage(channelId, message.id)?.thread?.id).toBe(message.id);
		await thread.send("inside the thread");
		expect(discord.channelMessages(thread.id).map((entry) => entry.content)).toEqual(["inside the thread"]);
		expect(discord.channelMessages(channelId).map((entry) => entry.content)).not.toContain("inside the thread");
		await expect(
			client.rest.post(Routes.threads(channelId, message.id), { body: { name: "Again" } }),
		).rejects.toMatchObject({
			status: 400,
			code: RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage,
		});
		await expect(thread.send("").catch((error: unknown) => error)).resolves.toMatchObject({
			code: RESTJSONErrorCodes.CannotSendAnEmptyMessage,
		});
	});

	it("GIVEN the parent's overwrites THEN a thread needs Create Public Threads to open and Send Messages in Threads to post in, whatever Send Messages says", async () => {
		const blocked = await (await sendable(noThreadsId)).send("no threads here");
		await expect(blocked.startThread({ name: "Nope" })).rejects.toMatchObject({
			status: 403,
			code: RESTJSONErrorCodes.MissingPermissions,
		});
		const quiet = await (await sendable(quietThreadsId)).send("a quiet thread");
		const quietThread = await quiet.startThread({ name: "Quiet" });
		expect(quietThread.permissionsFor(discord.botUserId)?.has(PermissionFlagsBits.SendMessages)).toBe(true);
		expect(quietThread.permissionsFor(discord.botUserId)?.has(PermissionFlagsBits.SendMessagesInThreads)).toBe(false);
		await expect(quietThread.send("hello")).rejects.toMatchObject({ code: RESTJSONErrorCodes.MissingPermissions });
		await expect(quietThread.members.add(memberId)).rejects.toMatchObject({
			code: RESTJSONErrorCodes.MissingPermissions,
		});
	});

	it("GIVEN a member added who then leaves THEN fetching them is 10007, as Discord answers for someone not in the thread", async () => {
		await thread.members.add(memberId);
		expect(discord.threadMembers(thread.id)).toEqual([discord.botUserId, memberId]);
		expect((await thread.members.fetch({ member: memberId, force: true })).id).toBe(memberId);
		discord.leaveThread(thread.id, memberId);
		await expect(thread.members.fetch({ member: memberId, force: true })).rejects.toMatchObject({
			status: 404,
			code: RESTJSONErrorCodes.UnknownMember,
		});
	});

	it("GIVEN the thread archived THEN discord.js gets THREAD_UPDATE, edits and reactions are 50083, and a new message unarchives it", async () => {
		const posted = await thread.send("before archiving");
		const updated = new Promise<ThreadChannel>((resolve) =>
			client.once(Events.ThreadUpdate, (_old, next) => resolve(next as ThreadChannel)),
		);
		await thread.setArchived(true);
		expect((await updated).archived).toBe(true);
		expect(discord.thread(thread.id)?.thread_metadata?.archived).toBe(true);
		await expect(posted.edit("edited")).rejects.toMatchObject({
			code: RESTJSONErrorCodes.InvalidActionOnArchivedThread,
		});
		await expect(posted.react("💡")).rejects.toMatchObject({ code: RESTJSONErrorCodes.InvalidActionOnArchivedThread });
		expect(() => discord.sendCommand({ guildId, channelId: thread.id, userId: memberId, name: "ping" })).toThrow(
			/archived thread/,
		);
		await thread.send("back again");
		expect(discord.thread(thread.id)?.thread_metadata?.archived).toBe(false);
	});

	it("GIVEN no message for its auto-archive duration THEN Discord archives the thread and tells discord.js", async () => {
		const updated = new Promise<ThreadChannel>((resolve) =>
			client.once(Events.ThreadUpdate, (_old, next) => resolve(next as ThreadChannel)),
		);
		discord.advanceClock(59 * 60_000);
		expect(discord.thread(thread.id)?.thread_metadata?.archived).toBe(false);
		discord.advanceClock(2 * 60_000);
		expect((await updated).archived).toBe(true);
		expect(discord.threadsIn(channelId).find((entry) => entry.id === thread.id)?.thread_metadata?.archived).toBe(true);
	});

	it("GIVEN the message archive THEN a server restarted from it has the threads, their members and their messages", async () => {
		const restarted = await FakeDiscord.start({ token: TOKEN, applicationId: discord.applicationId });
		try {
			restarted.createGuild({ name: "Self test", id: guildId });
			restarted.restoreMessages(JSON.parse(JSON.stringify(discord.archiveMessages())));
			expect(restarted.thread(thread.id)).toEqual(discord.thread(thread.id));
			expect(restarted.threadMembers(thread.id)).toEqual(discord.threadMembers(thread.id));
			expect(restarted.channelMessages(thread.id)).toEqual(discord.channelMessages(thread.id));
		} finally {
			await restarted.close();
		}
	});
});

describe("fake Discord modals against discord.js", () => {
	it("GIVEN a button answered with a modal THEN the member's submit reaches discord.js with the values and the button's message, and may update that message", async () => {
		const posted = onNextInteraction(async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.reply({
				content: "Leave a note",
				components: [
					{
						type: ComponentType.ActionRow,
						components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: "note", label: "Note" }],
					},
				],
			});
		});
		const command = await ping();
		await posted;
		const message = command.message;
		if (!message) throw new Error("no message");

		const opened = onNextInteraction(async (interaction) => {
			if (!interaction.isButton()) return;
			const input = new TextInputBuilder().setCustomId("text").setStyle(TextInputStyle.Paragraph).setMaxLength(20);
			await interaction.showModal(
				new ModalBuilder()
					.setCustomId("note-modal")
					.setTitle("Your note")
					.addLabelComponents(new LabelBuilder().setLabel("Note").setTextInputComponent(input)),
			);
		});
		const click = await discord.clickButton({ guildId, userId: memberId, message, customId: "note" });
		await opened;
		expect(click).toMatchObject({ responded: true, type: InteractionResponseType.Modal });
		expect(() =>
			discord.submitModal({ interactionId: click.interactionId, userId: memberId, values: { text: "x".repeat(21) } }),
		).toThrow(/takes 0 to 20 characters/);

		let received: { value: string; fromMessage: boolean; messageId?: string } | undefined;
		const submitted = onNextInteraction(async (interaction) => {
			if (!interaction.isModalSubmit()) return;
			received = {
				value: interaction.fields.getTextInputValue("text"),
				fromMessage: interaction.isFromMessage(),
				...(interaction.message ? { messageId: interaction.message.id } : {}),
			};
			// Discord allows no modal in answer to a modal submit.
			await expect(
				client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
					body: { type: InteractionResponseType.Modal, data: { custom_id: "again", title: "Again", components: [] } },
				}),
			).rejects.toMatchObject({ status: 400 });
			if (interaction.isFromMessage()) await interaction.update({ content: "Noted", components: [] });
		});
		const submit = await discord.submitModal({
			interactionId: click.interactionId,
			userId: memberId,
			values: { text: "well argued" },
		});
		await submitted;
		expect(received).toEqual({ value: "well argued", fromMessage: true, messageId: message.id });
		expect(submit).toMatchObject({ responded: true, type: InteractionResponseType.UpdateMessage });
		expect(discord.getMessage(channelId, message.id)?.content).toBe("Noted");
		expect(() =>
			discord.submitModal({ interactionId: click.interactionId, userId: memberId, values: { text: "again" } }),
		).toThrow(/submitted already/);
	});

	it("GIVEN a modal over Discord's limits THEN 50035 names the field", async () => {
		const refused = onNextInteraction(async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			const error = await client.rest
				.post(Routes.interactionCallback(interaction.id, interaction.token), {
					body: {
						type: InteractionResponseType.Modal,
						data: {
							custom_id: "long",
							title: "t".repeat(46),
							components: [
								{
									type: ComponentType.Label,
									label: "Note",
									component: { type: ComponentType.TextInput, custom_id: "text", style: 1, max_length: 4001 },
								},
							],
						},
					},
				})
				.catch((caught: unknown) => caught);
			expect(error).toMatchObject({ code: RESTJSONErrorCodes.InvalidFormBodyOrContentType });
			expect((error as DiscordAPIError).rawError).toMatchObject({
				errors: {
					data: {
						title: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH" }] },
						components: { 0: { component: { max_length: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH" }] } } } },
					},
				},
			});
			await interaction.reply("refused");
		});
		await ping();
		await refused;
	});
});

describe("fake-discord with Discord's rate limits on", () => {
	let limited: FakeDiscord;
	let limitedChannel: string;
	beforeAll(async () => {
		limited = await FakeDiscord.start({ token: TOKEN, rateLimits: true });
		const { id } = limited.createGuild({ name: "Limited" });
		limitedChannel = limited.createChannel(id, { name: "general" });
	});
	afterAll(() => limited.close());

	it("GIVEN a burst over 50 requests in a second THEN the excess gets a global 429 shaped as Discord's", async () => {
		const responses = await Promise.all(
			Array.from({ length: 60 }, () =>
				fetch(`${limited.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${TOKEN}` } }),
			),
		);
		const refused = responses.filter((response) => response.status === 429);
		expect(responses.length - refused.length).toBe(50);
		const [first] = refused;
		expect(first?.headers.get("x-ratelimit-global")).toBe("true");
		const body = (await first?.json()) as { global: boolean; retry_after: number; message: string };
		expect(body.global).toBe(true);
		expect(body.retry_after).toBeGreaterThan(0);
		expect(body.retry_after).toBeLessThanOrEqual(1);
	});

	it("GIVEN discord.js adding reactions in one channel THEN they land a quarter second apart and all succeed", async () => {
		const rest = new REST({ api: limited.apiUrl }).setToken(TOKEN);
		const message = (await rest.post(Routes.channelMessages(limitedChannel), { body: { content: "react" } })) as {
			id: string;
		};
		const emojis = ["🇦", "🇧", "🇨", "🇩", "💡"];
		for (const emoji of emojis) {
			await rest.put(Routes.channelMessageOwnReaction(limitedChannel, message.id, encodeURIComponent(emoji)));
		}
		const puts = limited.requests.filter((request) => request.method === "PUT" && request.status === 204);
		expect(puts).toHaveLength(emojis.length);
		for (let i = 1; i < puts.length; i++) {
			expect((puts[i]?.at ?? 0) - (puts[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(240);
		}
		// discord.js learns a bucket from its first response; the request right behind it may still be
		// refused once, as on Discord, and is retried after retry_after.
		expect(limited.rateLimitRefusals.route).toBeLessThanOrEqual(1);
	});
});
