import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from "discord-api-types/v10";
import { type WebSocket, WebSocketServer } from "ws";
import { shardOf } from "./snowflake.js";

const PRIVILEGED_INTENTS =
	GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
const REPLAY_LIMIT = 5_000;
const HEARTBEAT_INTERVAL = 41_250;

interface Session {
	id: string;
	socket: WebSocket | undefined;
	intents: number;
	shard: [number, number];
	seq: number;
	/** Sent events, so a RESUME can replay what a dropped connection missed. */
	sent: Array<{ s: number; frame: string }>;
}

export interface GatewayHooks {
	token: string;
	/** Called after IDENTIFY: READY's payload and the GUILD_CREATE payloads for this shard. */
	ready(session: { id: string; shard: [number, number]; resumeUrl: string }): {
		ready: object;
		guilds: object[];
	};
	url(): string;
}

/** The Discord gateway's JSON protocol: Hello, Identify, Ready, heartbeats, dispatches and Resume. */
export class Gateway {
	readonly #server = new WebSocketServer({ noServer: true });
	readonly #sessions = new Map<string, Session>();
	readonly #hooks: GatewayHooks;
	#nextSession = 0;
	identifies: Array<{ intents: number; shard: [number, number] }> = [];

	constructor(hooks: GatewayHooks) {
		this.#hooks = hooks;
		this.#server.on("connection", (socket) => this.#accept(socket));
	}

	upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		this.#server.handleUpgrade(request, socket, head, (ws) => this.#server.emit("connection", ws, request));
	}

	/** Live connections. */
	get connections(): number {
		return [...this.#sessions.values()].filter((session) => session.socket).length;
	}

	/** Sends an event to the session of the guild's shard, if its intents ask for it. */
	dispatch(event: GatewayDispatchEvents, data: object, options: { guildId?: string; intent?: number } = {}): void {
		for (const session of this.#sessions.values()) {
			const shard = options.guildId === undefined ? 0 : shardOf(options.guildId, session.shard[1]);
			if (shard !== session.shard[0]) continue;
			if (options.intent !== undefined && !(session.intents & options.intent)) continue;
			this.#send(session, event, data);
		}
	}

	disconnectAll(code: number): void {
		for (const session of this.#sessions.values()) session.socket?.close(code, "fake-discord: disconnect requested");
	}

	close(): void {
		for (const client of this.#server.clients) client.terminate();
		this.#server.close();
	}

	#send(session: Session, event: string, data: object): void {
		session.seq += 1;
		const frame = JSON.stringify({ op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d: data });
		session.sent.push({ s: session.seq, frame });
		if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
		session.socket?.send(frame);
	}

	#accept(socket: WebSocket): void {
		const send = (payload: object) => socket.send(JSON.stringify(payload));
		send({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL, _trace: ["fake-discord"] } });
		let session: Session | undefined;

		socket.on("message", (raw) => {
			let payload: { op: number; d: unknown };
			try {
				payload = JSON.parse(raw.toString());
			} catch {
				socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
				return;
			}
			if (payload.op === GatewayOpcodes.Heartbeat) {
				send({ op: GatewayOpcodes.HeartbeatAck });
			} else if (payload.op === GatewayOpcodes.Identify) {
				session = this.#identify(socket, payload.d as IdentifyData);
			} else if (payload.op === GatewayOpcodes.Resume) {
				session = this.#resume(socket, payload.d as ResumeData);
			}
		});
		socket.on("close", () => {
			if (session && session.socket === socket) session.socket = undefined;
		});
	}

	#identify(socket: WebSocket, data: IdentifyData): Session | undefined {
		if (data.token !== this.#hooks.token && data.token !== `Bot ${this.#hooks.token}`) {
			socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
			return undefined;
		}
		if (data.intents & PRIVILEGED_INTENTS) {
			socket.close(GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
			return undefined;
		}
		const shard: [number, number] = data.shard ?? [0, 1];
		const [shardId, shardCount] = shard;
		if (
			!Number.isInteger(shardCount) ||
			shardCount < 1 ||
			!Number.isInteger(shardId) ||
			shardId < 0 ||
			shardId >= shardCount
		) {
			socket.close(GatewayCloseCodes.InvalidShard, "Invalid shard.");
			return undefined;
		}
		this.identifies.push({ intents: data.intents, shard });
		const session: Session = {
			id: `fake-session-${++this.#nextSession}`,
			socket,
			intents: data.intents,
			shard,
			seq: 0,
			sent: [],
		};
		this.#sessions.set(session.id, session);
		const { ready, guilds } = this.#hooks.ready({ id: session.id, shard, resumeUrl: this.#hooks.url() });
		this.#send(session, GatewayDispatchEvents.Ready, ready);
		if (session.intents & GatewayIntentBits.Guilds) {
			for (const guild of guilds) this.#send(session, GatewayDispatchEvents.GuildCreate, guild);
		}
		return session;
	}

	#resume(socket: WebSocket, data: ResumeData): Session | undefined {
		const session = this.#sessions.get(data.session_id);
		if (!session || (data.token !== this.#hooks.token && data.token !== `Bot ${this.#hooks.token}`)) {
			socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
			return undefined;
		}
		session.socket = socket;
		for (const entry of session.sent) if (entry.s > data.seq) socket.send(entry.frame);
		this.#send(session, GatewayDispatchEvents.Resumed, {});
		return session;
	}
}

interface IdentifyData {
	token: string;
	intents: number;
	shard?: [number, number];
}

interface ResumeData {
	token: string;
	session_id: string;
	seq: number;
}
