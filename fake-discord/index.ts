import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
	APIApplicationCommand,
	APIAttachment,
	APIMessage,
	APIThreadChannel,
	APIUser,
	GatewayDispatchEvents,
} from "discord-api-types/v10";
import {
	ComponentType,
	GatewayDispatchEvents as Events,
	InteractionResponseType,
	InteractionType,
} from "discord-api-types/v10";
import { DiscordHttpError, unauthorized } from "./errors.js";
import { FaultPlan, type InjectedFault } from "./faults.js";
import { Gateway } from "./gateway.js";
import { readBody } from "./http-body.js";
import {
	type CommandInput,
	commandData,
	INITIAL_RESPONSE_MS,
	type InteractionRecord,
	type InteractionResult,
	interactionPayload,
	invokedName,
	modalSubmission,
	resultOf,
} from "./interactions.js";
import { archiveMessages, type MessageArchive, restoreMessages } from "./message-archive.js";
import { type VisibleMessage, visible } from "./messages.js";
import { RateLimits } from "./rate-limits.js";
import { addReaction, type ReactionInput, removeReaction } from "./reactions.js";
import { matchRoute, type RouteContext } from "./routes.js";
import { shardOf } from "./snowflake.js";
import { DEFAULT_EVERYONE_PERMISSIONS, World } from "./state.js";
import { addThreadMember, archiveIdleThreads, removeThreadMember } from "./threads.js";

export type { InteractionResult } from "./interactions.js";

export interface RecordedRequest {
	method: string;
	path: string;
	status: number;
	body: unknown;
	at: number;
}

export interface FakeDiscordOptions {
	token: string;
	applicationId?: string;
	botUsername?: string;
	/** Server time at start; it then runs with the real clock plus whatever advanceClock added. */
	now?: number;
	/** Enforce Discord's global limit and the reaction buckets (off by default, so bursts in tests stay fast). */
	rateLimits?: boolean;
	/** The shard count GET /gateway/bot recommends (Discord's is one per 1,000 guilds or so). */
	recommendedShards?: number;
}

/**
 * A Discord-compatible REST API and gateway on loopback for end-to-end tests: payloads and errors as
 * discord-api-types describes them, with Discord's auth, deadlines, token expiry, limits and permissions.
 */
export class FakeDiscord {
	readonly requests: RecordedRequest[] = [];
	/** Emits "change" after anything that may alter what a channel shows (a bot request, a member's reaction). */
	readonly changes = new EventEmitter();
	readonly #world: World;
	readonly #server: Server;
	readonly #gateway: Gateway;
	readonly #interactions = new Map<string, InteractionRecord>();
	readonly #faults = new FaultPlan();
	readonly #recommendedShards: number;
	readonly #rateLimits: RateLimits | undefined;
	#offsetMs = 0;
	#port = 0;

	private constructor(options: FakeDiscordOptions) {
		this.#recommendedShards = options.recommendedShards ?? 1;
		this.#rateLimits = options.rateLimits ? new RateLimits() : undefined;
		const startedReal = Date.now();
		const startedAt = options.now ?? startedReal;
		const now = () => startedAt + (Date.now() - startedReal) + this.#offsetMs;
		this.#world = new World({
			token: options.token,
			botUsername: options.botUsername ?? "Interview Dojo",
			now,
			...(options.applicationId ? { applicationId: options.applicationId } : {}),
		});
		this.#gateway = new Gateway({
			token: options.token,
			url: () => this.gatewayUrl,
			ready: (session) => this.#readyPayloads(session),
		});
		this.#server = createServer((request, response) => void this.#handle(request, response));
		this.#server.on("upgrade", (request, socket, head) => {
			if (request.url?.startsWith("/gateway")) this.#gateway.upgrade(request, socket, head);
			else socket.destroy();
		});
	}

	static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
		const fake = new FakeDiscord(options);
		await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
		fake.#port = (fake.#server.address() as AddressInfo).port;
		return fake;
	}

	get apiUrl(): string {
		return `http://127.0.0.1:${this.#port}/api`;
	}

	get gatewayUrl(): string {
		return `ws://127.0.0.1:${this.#port}/gateway`;
	}

	get applicationId(): string {
		return this.#world.applicationId;
	}

	get botUserId(): string {
		return this.#world.botUser.id;
	}

	/** Open gateway connections. */
	get connections(): number {
		return this.#gateway.connections;
	}

	/** Every IDENTIFY received, with its intents and shard. */
	get identifies(): ReadonlyArray<{ intents: number; shard: [number, number] }> {
		return this.#gateway.identifies;
	}

	async close(): Promise<void> {
		this.#gateway.close();
		this.#server.closeAllConnections();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}

	now(): number {
		return this.#world.now();
	}

	advanceClock(ms: number): void {
		this.#offsetMs += ms;
		archiveIdleThreads(this.#routeContext());
	}

	/** Answers the next `times` matching requests with a 429 or a 5xx, as Discord does under load. */
	injectFault(fault: InjectedFault): void {
		this.#faults.add(fault);
	}

	/** 429s sent because a rate limit was exceeded (only with `rateLimits`). */
	get rateLimitRefusals(): { global: number; route: number } {
		return { ...(this.#rateLimits?.refused ?? { global: 0, route: 0 }) };
	}

	/** How many requests were answered with an injected fault so far. */
	get faultsServed(): number {
		return this.#faults.served;
	}

	disconnectAll(code = 4000): void {
		this.#gateway.disconnectAll(code);
	}

	createGuild(input: { name: string; ownerId?: string; id?: string }): { id: string; everyoneRoleId: string } {
		const world = this.#world;
		const id = input.id ?? world.nextId();
		const ownerId = input.ownerId ?? this.createUser({ username: `${input.name} owner` });
		world.guilds.set(id, {
			id,
			name: input.name,
			ownerId,
			roles: new Map([[id, { id, name: "@everyone", permissions: DEFAULT_EVERYONE_PERMISSIONS, position: 0 }]]),
			channels: new Map(),
			members: new Map(),
			commands: [],
		});
		this.addMember(id, ownerId);
		this.addMember(id, world.botUser.id);
		this.#gateway.dispatch(Events.GuildCreate, this.#guildPayload(id), { guildId: id, intent: 1 });
		return { id, everyoneRoleId: id };
	}

	createRole(guildId: string, input: { name: string; permissions: bigint; id?: string }): string {
		const guild = this.#world.guild(guildId);
		const id = input.id ?? this.#world.nextId();
		const role = { id, name: input.name, permissions: input.permissions, position: guild.roles.size };
		guild.roles.set(id, role);
		this.#gateway.dispatch(
			Events.GuildRoleCreate,
			{ guild_id: guildId, role: this.#world.roleObject(role) },
			{ guildId, intent: 1 },
		);
		return id;
	}

	createChannel(
		guildId: string,
		input: {
			name: string;
			overwrites?: Array<{ id: string; type: 0 | 1; allow?: bigint; deny?: bigint }>;
			id?: string;
		},
	): string {
		const guild = this.#world.guild(guildId);
		const id = input.id ?? this.#world.nextId();
		const overwrites = (input.overwrites ?? []).map((o) => ({
			id: o.id,
			type: o.type,
			allow: o.allow ?? 0n,
			deny: o.deny ?? 0n,
		}));
		const channel = { id, guildId, name: input.name, position: guild.channels.size, overwrites };
		guild.channels.set(id, channel);
		this.#gateway.dispatch(Events.ChannelCreate, this.#world.channelObject(channel), { guildId, intent: 1 });
		return id;
	}

	/** Replaces a channel's permission overwrites, as a server admin editing the channel would. */
	setOverwrites(
		channelId: string,
		overwrites: Array<{ id: string; type: 0 | 1; allow?: bigint; deny?: bigint }>,
	): void {
		const channel = this.#world.channel(channelId);
		channel.overwrites = overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow ?? 0n, deny: o.deny ?? 0n }));
		this.#gateway.dispatch(Events.ChannelUpdate, this.#world.channelObject(channel), {
			guildId: channel.guildId,
			intent: 1,
		});
	}

	/** Ids may be given, so that a world rebuilt on a restart matches what the bot stored about it. */
	createUser(input: { username: string; bot?: boolean; id?: string }): string {
		const id = input.id ?? this.#world.nextId();
		this.#world.users.set(id, {
			id,
			username: input.username,
			discriminator: "0",
			global_name: input.username,
			avatar: null,
			public_flags: 0 as APIUser["public_flags"],
			...(input.bot ? { bot: true } : {}),
		});
		return id;
	}

	addMember(guildId: string, userId: string, roleIds: string[] = []): void {
		const joinedAt = new Date(this.#world.now()).toISOString();
		this.#world.guild(guildId).members.set(userId, { userId, roleIds, joinedAt });
	}

	/** The bot is removed from the guild, as a server admin kicking it would: GUILD_DELETE, and no access after. */
	removeBot(guildId: string): void {
		this.#world.guild(guildId).members.delete(this.botUserId);
		this.#gateway.dispatch(Events.GuildDelete, { id: guildId }, { guildId, intent: 1 });
	}

	setBotRoles(guildId: string, roleIds: string[]): void {
		const member = this.#world.guild(guildId).members.get(this.botUserId);
		if (member) member.roleIds = roleIds;
		this.#gateway.dispatch(
			Events.GuildMemberUpdate,
			{ guild_id: guildId, ...this.#world.memberObject(guildId, this.botUserId) },
			{ guildId, intent: 1 },
		);
	}

	/** The guild's roles, @everyone first, as a role picker lists them. */
	guildRoles(guildId: string): Array<{ id: string; name: string }> {
		return [...this.#world.guild(guildId).roles.values()]
			.sort((a, b) => a.position - b.position)
			.map(({ id, name }) => ({ id, name }));
	}

	registeredCommands(guildId?: string): APIApplicationCommand[] {
		return structuredClone(guildId ? this.#world.guild(guildId).commands : this.#world.globalCommands);
	}

	getMessage(channelId: string, messageId: string): VisibleMessage | undefined {
		const record = this.#world.messages.get(messageId);
		return record && record.message.channel_id === channelId ? visible(record) : undefined;
	}

	/** Who reacted with what on a message, as Discord's reaction list shows it. */
	reactionUsers(channelId: string, messageId: string): Record<string, string[]> {
		const record = this.#world.message(channelId, messageId);
		return Object.fromEntries([...record.reactors].map(([emoji, users]) => [emoji, [...users]]));
	}

	/** A thread as the API shows it, after archiving any thread idle past its auto-archive duration. */
	thread(threadId: string): APIThreadChannel | undefined {
		archiveIdleThreads(this.#routeContext());
		const channel = [...this.#world.guilds.values()]
			.find((guild) => guild.channels.has(threadId))
			?.channels.get(threadId);
		return channel?.thread ? (this.#world.channelObject(channel) as APIThreadChannel) : undefined;
	}

	/** The threads started in a channel, oldest first. */
	threadsIn(channelId: string): APIThreadChannel[] {
		archiveIdleThreads(this.#routeContext());
		const parent = this.#world.channel(channelId);
		return [...this.#world.guild(parent.guildId).channels.values()]
			.filter((channel) => channel.thread?.parentId === channelId)
			.map((channel) => this.#world.channelObject(channel) as APIThreadChannel);
	}

	/** Who is in a thread, in the order they joined; nobody while there is no such thread. */
	threadMembers(threadId: string): string[] {
		const thread = [...this.#world.guilds.values()]
			.find((guild) => guild.channels.has(threadId))
			?.channels.get(threadId)?.thread;
		return [...(thread?.members.keys() ?? [])];
	}

	/** A member joins a thread from Discord's UI (as Join Thread, PUT thread-members/@me, does). */
	joinThread(threadId: string, userId: string): void {
		addThreadMember(this.#routeContext(), { threadId, userId, actorId: userId });
		this.changes.emit("change");
	}

	/** A member leaves a thread from Discord's UI (as Leave Thread, DELETE thread-members/@me, does). */
	leaveThread(threadId: string, userId: string): void {
		removeThreadMember(this.#routeContext(), { threadId, userId, actorId: userId });
		this.changes.emit("change");
	}

	channelMessages(channelId: string): VisibleMessage[] {
		return (this.#world.channelOrder.get(channelId) ?? []).flatMap((id) => {
			const record = this.#world.messages.get(id);
			return record ? [visible(record)] : [];
		});
	}

	/** Every message, reaction and uploaded file as JSON, for a server restarted in the same place. */
	archiveMessages(): MessageArchive {
		return archiveMessages(this.#world);
	}

	/** Restores an archive from archiveMessages; throws, naming the problem, when it does not parse. */
	restoreMessages(archive: unknown): void {
		restoreMessages(this.#world, archive);
	}

	/** A user stops (false) or starts again (true) taking direct messages from the bot. */
	setDirectMessagesOpen(userId: string, open: boolean): void {
		if (open) this.#world.closedDms.delete(userId);
		else this.#world.closedDms.add(userId);
	}

	/** What the bot sent a user by direct message, in order. */
	directMessages(userId: string): APIMessage[] {
		const channelId = this.#world.dmChannelOf.get(userId);
		return channelId ? this.channelMessages(channelId) : [];
	}

	/** Ephemeral replies in a channel, in order; each is visible only to the member its interaction came from. */
	privateMessages(channelId: string): APIMessage[] {
		return (this.#world.privateOrder.get(channelId) ?? []).flatMap((id) => {
			const record = this.#world.messages.get(id);
			return record ? [visible(record)] : [];
		});
	}

	/** Every interaction token handed to the bot, so tests can check none of them reaches a log. */
	issuedTokens(): string[] {
		return [...this.#interactions.values()].map((interaction) => interaction.token);
	}

	/** The bytes of an attachment the bot uploaded. */
	attachment(messageId: string, attachmentId: string): Uint8Array | undefined {
		return this.#world.messages.get(messageId)?.files.get(attachmentId);
	}

	/**
	 * A file a member attaches to a slash command option, as Discord uploads it before the command is sent;
	 * pass the returned id as the option's value. Its bytes are served at the attachment's `url`.
	 */
	attachFile(filename: string, bytes: Uint8Array | string, contentType = "application/octet-stream"): APIAttachment {
		const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
		return this.#world.attachmentObject(
			this.#world.nextId(),
			filename,
			data,
			contentType,
			this.#routeContext().baseUrl,
		);
	}

	addReaction(input: Omit<ReactionInput, "viaApi">): void {
		addReaction(this.#routeContext(), input);
		this.changes.emit("change");
	}

	removeReaction(input: Omit<ReactionInput, "viaApi">): void {
		removeReaction(this.#routeContext(), input);
		this.changes.emit("change");
	}

	sendCommand(input: CommandInput): Promise<InteractionResult> {
		// Discord's client offers no commands in an archived thread.
		if (this.thread(input.channelId)?.thread_metadata?.archived) {
			throw new Error(`fake-discord: members cannot use commands in the archived thread ${input.channelId}`);
		}
		const command = this.#findCommand(input.guildId, input.name);
		return this.#interact(input, InteractionType.ApplicationCommand, commandData(this.#world, command, input));
	}

	sendAutocomplete(input: CommandInput): Promise<InteractionResult> {
		const command = this.#findCommand(input.guildId, input.name);
		return this.#interact(
			input,
			InteractionType.ApplicationCommandAutocomplete,
			commandData(this.#world, command, input),
		);
	}

	/** A member clicks a button on a message the bot sent (an ephemeral one too). */
	clickButton(input: {
		guildId: string;
		userId: string;
		message: APIMessage;
		customId: string;
	}): Promise<InteractionResult> {
		const target = this.#world.messages.get(input.message.id);
		if (!target) throw new Error(`fake-discord: no message ${input.message.id}`);
		const data = { custom_id: input.customId, component_type: ComponentType.Button };
		return this.#interact(
			{ guildId: input.guildId, channelId: target.message.channel_id, userId: input.userId, name: "" },
			InteractionType.MessageComponent,
			data,
			target,
		);
	}

	/**
	 * A member fills in and submits the modal the bot answered one of their interactions with (a button
	 * click, a command). From a button, the submit carries that message, as on Discord.
	 */
	submitModal(input: {
		interactionId: string;
		userId: string;
		values: Readonly<Record<string, string>>;
	}): Promise<InteractionResult> {
		const opener = this.#interactions.get(input.interactionId);
		if (opener?.callback?.type !== InteractionResponseType.Modal) {
			throw new Error(`fake-discord: interaction ${input.interactionId} was not answered with a modal`);
		}
		if (opener.userId !== input.userId)
			throw new Error("fake-discord: only the member it was shown to can submit a modal");
		if (opener.modalSubmitted)
			throw new Error("fake-discord: that modal was submitted already; a modal closes on submit");
		const data = modalSubmission(opener.callback.data, input.values);
		opener.modalSubmitted = true;
		const target = opener.type === InteractionType.MessageComponent ? opener.original : undefined;
		return this.#interact(
			{ guildId: opener.guildId, channelId: opener.channelId, userId: input.userId, name: "" },
			InteractionType.ModalSubmit,
			data,
			target,
		);
	}

	async waitFor<T>(probe: () => T | undefined | false | null, timeoutMs = 5_000): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = probe();
			if (value) return value;
			if (Date.now() > deadline) throw new Error(`fake-discord: condition not met within ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 15));
		}
	}

	#findCommand(guildId: string, name: string): APIApplicationCommand {
		const command =
			this.#world.guild(guildId).commands.find((entry) => entry.name === name) ??
			this.#world.globalCommands.find((entry) => entry.name === name);
		if (!command) throw new Error(`fake-discord: the bot has not registered /${name}`);
		return command;
	}

	#interact(
		input: CommandInput,
		type: InteractionType,
		data: unknown,
		target?: InteractionRecord["original"],
	): Promise<InteractionResult> {
		const record: InteractionRecord = {
			id: this.#world.nextId(),
			token: `aW50ZXJhY3Rpb24.${randomBytes(24).toString("base64url")}`,
			type,
			guildId: input.guildId,
			channelId: input.channelId,
			userId: input.userId,
			...(type === InteractionType.ApplicationCommand ? { commandName: invokedName(input) } : {}),
			createdAt: this.#world.now(),
			dispatchedAtReal: Date.now(),
			followUps: [],
			...(target ? { original: target } : {}),
		};
		this.#interactions.set(record.id, record);
		const payload = interactionPayload(this.#world, record, data, target?.message);
		return new Promise((resolve) => {
			const timer = setTimeout(() => resolve(resultOf(record)), INITIAL_RESPONSE_MS);
			record.settle = () => {
				clearTimeout(timer);
				resolve(resultOf(record));
			};
			this.#gateway.dispatch(Events.InteractionCreate, payload, { guildId: input.guildId });
		});
	}

	/** Discord's CDN: no auth header, the file's own content type, 404 for an id it never issued. */
	#serveAttachment(path: string, response: ServerResponse): void {
		const [, , id] = path.split("/");
		const file = id === undefined ? undefined : this.#world.attachmentFiles.get(id);
		const status = file ? 200 : 404;
		this.requests.push({ method: "GET", path, status, body: undefined, at: this.#world.now() });
		if (!file) {
			response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
			return;
		}
		response
			.writeHead(200, {
				"content-type": file.object.content_type ?? "application/octet-stream",
				"content-length": String(file.bytes.byteLength),
			})
			.end(file.bytes);
	}

	#routeContext(): RouteContext {
		return {
			world: this.#world,
			interactions: this.#interactions,
			dispatch: (event: GatewayDispatchEvents, data: object, options) => this.#gateway.dispatch(event, data, options),
			gatewayUrl: this.gatewayUrl,
			baseUrl: `http://127.0.0.1:${this.#port}`,
			recommendedShards: this.#recommendedShards,
		};
	}

	#guildPayload(guildId: string): object {
		const world = this.#world;
		const guild = world.guild(guildId);
		return {
			id: guild.id,
			name: guild.name,
			icon: null,
			splash: null,
			discovery_splash: null,
			owner_id: guild.ownerId,
			afk_channel_id: null,
			afk_timeout: 300,
			verification_level: 0,
			default_message_notifications: 0,
			explicit_content_filter: 0,
			roles: [...guild.roles.values()].map((role) => world.roleObject(role)),
			emojis: [],
			features: [],
			mfa_level: 0,
			application_id: null,
			system_channel_id: null,
			system_channel_flags: 0,
			rules_channel_id: null,
			vanity_url_code: null,
			description: null,
			banner: null,
			premium_tier: 0,
			preferred_locale: "en-US",
			public_updates_channel_id: null,
			nsfw_level: 0,
			premium_progress_bar_enabled: false,
			safety_alerts_channel_id: null,
			stickers: [],
			joined_at: guild.members.get(world.botUser.id)?.joinedAt,
			large: false,
			unavailable: false,
			member_count: guild.members.size,
			voice_states: [],
			// Without the privileged members intent Discord sends only the bot's own member here.
			members: [world.memberObject(guildId, world.botUser.id)],
			channels: [...guild.channels.values()]
				.filter((channel) => !channel.thread)
				.map((channel) => world.channelObject(channel)),
			// Only active threads are synced on connect; archived ones are fetched on demand.
			threads: [...guild.channels.values()]
				.filter((channel) => channel.thread && !channel.thread.archived)
				.map((channel) => world.channelObject(channel)),
			presences: [],
			stage_instances: [],
			guild_scheduled_events: [],
			soundboard_sounds: [],
		};
	}

	#readyPayloads(session: { id: string; shard: [number, number]; resumeUrl: string }) {
		const guildIds = [...this.#world.guilds.values()]
			.filter((guild) => guild.members.has(this.botUserId) && shardOf(guild.id, session.shard[1]) === session.shard[0])
			.map((guild) => guild.id);
		return {
			ready: {
				v: 10,
				user: this.#world.botUser,
				guilds: guildIds.map((id) => ({ id, unavailable: true })),
				session_id: session.id,
				resume_gateway_url: session.resumeUrl,
				shard: session.shard,
				application: { id: this.#world.applicationId, flags: 0 },
				user_settings: {},
				relationships: [],
				private_channels: [],
				presences: [],
				guild_join_requests: [],
				geo_ordered_rtc_regions: [],
				_trace: ["fake-discord"],
			},
			guilds: guildIds.map((id) => this.#guildPayload(id)),
		};
	}

	async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? "/", "http://127.0.0.1");
		// discord.js sends "@me" percent-encoded; Discord accepts both spellings.
		url.pathname = url.pathname.replaceAll("%40", "@");
		const method = request.method ?? "GET";
		let status = 500;
		let json: unknown;
		let body: unknown;
		let faultHeaders: Record<string, string> = {};
		if (method === "GET" && url.pathname.startsWith("/attachments/")) {
			this.#serveAttachment(url.pathname, response);
			return;
		}
		try {
			archiveIdleThreads(this.#routeContext());
			const parsed = await readBody(request);
			body = parsed.json;
			const verdict = this.#rateLimits?.check(url.pathname, Date.now());
			if (verdict) faultHeaders = verdict.headers;
			if (verdict?.refusal) throw new InjectedFailure(429, verdict.refusal);
			const fault = this.#faults.take(method, url.pathname);
			if (fault) {
				faultHeaders = fault.headers;
				throw new InjectedFailure(fault.status, fault.json);
			}
			const { route, params } = matchRoute(method, url.pathname);
			if (route.auth && request.headers.authorization !== `Bot ${this.#world.token}`) throw unauthorized();
			const context = this.#routeContext();
			const result = route.handler(
				context,
				{ method, path: url.pathname, query: url.searchParams, body: parsed },
				params,
			);
			status = result.status;
			json = result.json;
		} catch (error) {
			if (error instanceof InjectedFailure) {
				status = error.status;
				json = error.json;
			} else if (error instanceof DiscordHttpError) {
				status = error.status;
				json = error.body();
			} else {
				status = 500;
				json = { message: `fake-discord: ${error instanceof Error ? error.message : String(error)}`, code: 0 };
			}
		}
		this.requests.push({ method, path: url.pathname, status, body, at: this.#world.now() });
		if (method !== "GET") this.changes.emit("change");
		const hasBody = status !== 204 && json !== undefined;
		response.writeHead(status, {
			...(hasBody ? { "content-type": "application/json" } : {}),
			"x-ratelimit-limit": "50",
			"x-ratelimit-remaining": "49",
			"x-ratelimit-reset": String((this.#world.now() + 1000) / 1000),
			"x-ratelimit-reset-after": "1",
			"x-ratelimit-bucket": "fake-discord",
			...faultHeaders,
		});
		response.end(hasBody ? JSON.stringify(json) : undefined);
	}
}

class InjectedFailure extends Error {
	readonly status: number;
	readonly json: object;

	constructor(status: number, json: object) {
		super(`injected ${status}`);
		this.status = status;
		this.json = json;
	}
}
