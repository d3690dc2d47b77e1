import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { WebSocketServer } from "ws";
import { z } from "zod";
import { FakeDiscord, type InteractionResult } from "../fake-discord/index.js";
import { installShutdown, stopChild } from "./shutdown.js";
import { buildWorld, type PlaygroundWorld } from "./world.js";

const TOKEN = "playground.token.local-only";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ROOT = resolve(import.meta.dirname, "..");
/** The bot's own shutdown gives up after 9.5 s; it gets a little longer before it is killed. */
const BOT_GRACE_MS = 10_000;
/** Registering the commands takes a second or two; a loaded machine compiling other things is slower. */
const BOT_READY_MS = 120_000;
/** Discord takes files of up to 10 MB from a member without Nitro; the bot refuses bank files far smaller. */
const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
const USAGE =
	"usage: npm run playground -- [--host 127.0.0.1] [--port 5175] [--data var/playground] [--banks folder] [--reset]";

const log = (line: string) => console.log(`playground: ${line}`);
const shutdown = installShutdown(log);
const message = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0] : String(error));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function readArgs() {
	try {
		const { values } = parseArgs({
			options: {
				host: { type: "string", default: "127.0.0.1" },
				port: { type: "string", default: "5175" },
				data: { type: "string", default: join(ROOT, "var", "playground") },
				banks: { type: "string" },
				reset: { type: "boolean", default: false },
			},
		});
		const port = z.coerce.number().int().min(0).max(65_535).safeParse(values.port);
		if (!port.success) throw new Error(`--port must be a port number, not "${values.port}"`);
		return { ...values, port: port.data };
	} catch (error) {
		console.error(`playground: ${message(error)}\n${USAGE}`);
		process.exit(2);
	}
}

const args = readArgs();

const optionSchema: z.ZodType<{ name: string; type: number; value?: unknown; focused?: boolean; options?: unknown[] }> =
	z.lazy(() =>
		z.object({
			name: z.string(),
			type: z.number().int(),
			value: z.unknown().optional(),
			focused: z.boolean().optional(),
			options: z.array(optionSchema).optional(),
		}),
	);
const commandSchema = z.object({
	userId: z.string(),
	channelId: z.string(),
	name: z.string(),
	options: z.array(optionSchema).default([]),
});
const reactionSchema = z.object({
	userId: z.string(),
	channelId: z.string(),
	messageId: z.string(),
	emoji: z.string(),
	add: z.boolean(),
});
const buttonSchema = z.object({
	userId: z.string(),
	channelId: z.string(),
	messageId: z.string(),
	customId: z.string(),
});
const modalSchema = z.object({
	userId: z.string(),
	interactionId: z.string(),
	values: z.record(z.string(), z.string()),
});

async function bundlePage(): Promise<string> {
	const result = await build({
		entryPoints: [join(ROOT, "playground", "page", "app.ts")],
		bundle: true,
		format: "esm",
		target: "es2022",
		write: false,
		minify: true,
	});
	return result.outputFiles[0]?.text ?? "";
}

/** Compiles the bot as `npm run build` does, so the playground runs what `npm start` would. */
async function compileBot(): Promise<void> {
	const tsc = spawn(
		process.execPath,
		[createRequire(import.meta.url).resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"],
		{ cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] },
	);
	shutdown.defer("stop the compiler", () => stopChild(tsc, 2_000, () => {}));
	const [code] = (await once(tsc, "exit")) as [number | null];
	if (code !== 0) throw new Error(`the bot did not compile (tsc exited ${code}); the errors are above`);
}

function startBot(apiUrl: string, world: PlaygroundWorld, folder: string): ChildProcess {
	// Straight into the file, not through a pipe: a bot whose pipe reader has gone hangs on its last log line.
	const botLog = openSync(join(folder, "bot.log"), "a");
	try {
		return spawn(process.execPath, ["--enable-source-maps", join(ROOT, "dist", "src", "main.js")], {
			cwd: ROOT,
			env: {
				PATH: process.env.PATH ?? "",
				DISCORD_TOKEN: TOKEN,
				DISCORD_API_URL: apiUrl,
				DEV_GUILD_ID: world.guild,
				DATA_DIR: join(folder, "store"),
				DAILY_CRON: "* * * * *",
				...(args.banks ? { BANKS_DIR: resolve(args.banks) } : {}),
				...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
			},
			stdio: ["ignore", botLog, botLog],
		});
	} finally {
		closeSync(botLog);
	}
}

function listen(http: Server, port: number, host: string): Promise<number> {
	return new Promise((done, fail) => {
		http.once("error", (error: NodeJS.ErrnoException) =>
			fail(
				new Error(
					error.code === "EADDRINUSE"
						? `port ${port} on ${host} is taken (another playground?); pick another with --port`
						: `cannot listen on ${host}:${port} (${error.message})`,
				),
			),
		);
		http.listen(port, host, () => done((http.address() as AddressInfo).port));
	});
}

async function closePage(http: Server, live: WebSocketServer): Promise<void> {
	for (const client of live.clients) client.terminate();
	live.close();
	http.closeAllConnections();
	await new Promise<void>((done) => http.close(() => done()));
}

/**
 * What the page needs of an interaction's answer: the reply itself shows up in the channel's messages,
 * but a modal (type 9) is for the page to open, and its submit names the interaction it answered.
 */
function replyOf(result: InteractionResult) {
	return {
		responded: result.responded,
		ephemeral: result.ephemeral,
		type: result.type,
		interactionId: result.interactionId,
		data: result.data,
	};
}

async function readJson(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return JSON.parse(Buffer.concat(chunks).toString() || "null");
}

class TooLarge extends Error {}

/** A file's bytes as the page sends them, refused past Discord's upload limit before it is all read. */
async function readBytes(request: IncomingMessage, limit: number): Promise<Buffer> {
	if (Number(request.headers["content-length"] ?? 0) > limit) throw new TooLarge();
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).byteLength;
		if (size > limit) throw new TooLarge();
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

const uploadNameSchema = z
	.string()
	.trim()
	.min(1, "name the file: POST /api/attachment?filename=bank.yaml")
	.max(200)
	.transform((name) => name.replace(/^.*[\\/]/, ""));

function send(response: ServerResponse, status: number, body: unknown, type = "application/json"): void {
	response.writeHead(status, {
		"content-type": type,
		"cache-control": "no-store",
		// The page renders everything the bot sends as text; this keeps any slip from running code.
		"content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
	});
	response.end(typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body));
}

interface Page {
	html: Buffer;
	style: Buffer;
	script: string;
}

type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

function routes(discord: FakeDiscord, world: PlaygroundWorld, page: Page): Route {
	return async (request, response) => {
		const url = new URL(request.url ?? "/", "http://playground");
		if (request.method === "GET" && url.pathname === "/")
			return send(response, 200, page.html, "text/html; charset=utf-8");
		if (request.method === "GET" && url.pathname === "/app.js")
			return send(response, 200, page.script, "text/javascript");
		if (request.method === "GET" && url.pathname === "/style.css") return send(response, 200, page.style, "text/css");
		if (request.method === "GET" && url.pathname === "/api/state") {
			// Private replies come too; the page shows each only to the member whose interaction it answers.
			const messagesIn = (id: string) =>
				[...discord.channelMessages(id), ...discord.privateMessages(id)].map((message) => ({
					...message,
					reactors: discord.reactionUsers(id, message.id),
				}));
			const channels = Object.entries(world.channels).map(([name, id]) => ({
				id,
				name,
				messages: messagesIn(id),
				threads: discord.threadsIn(id).map((thread) => ({
					id: thread.id,
					name: thread.name,
					archived: thread.thread_metadata?.archived ?? false,
					messages: messagesIn(thread.id),
				})),
			}));
			return send(response, 200, {
				guildId: world.guild,
				botId: discord.botUserId,
				members: world.members,
				roles: discord.guildRoles(world.guild),
				channels,
				// What the bot sent each member by DM (a rejected suggestion, say); the page shows a member only theirs.
				directMessages: Object.fromEntries(
					world.members.map((member) => [
						member.id,
						discord.directMessages(member.id).map((message) => ({ ...message, reactors: {} })),
					]),
				),
				commands: discord.registeredCommands(world.guild),
			});
		}
		const attachment = /^\/attachments\/(\d+)\/(\d+)$/.exec(url.pathname);
		if (request.method === "GET" && attachment) {
			const bytes = discord.attachment(attachment[1] ?? "", attachment[2] ?? "");
			if (!bytes) return send(response, 404, { error: "no such attachment" });
			// Only a real PNG (by its signature, whatever it is named) is shown in the page; the rest downloads.
			const png = Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE);
			response.writeHead(200, {
				"content-type": png ? "image/png" : "application/octet-stream",
				"content-disposition": png ? "inline" : "attachment",
				"x-content-type-options": "nosniff",
			});
			return void response.end(bytes);
		}
		if (request.method === "POST" && (url.pathname === "/api/command" || url.pathname === "/api/autocomplete")) {
			const input = commandSchema.parse(await readJson(request));
			const call = url.pathname === "/api/command" ? discord.sendCommand : discord.sendAutocomplete;
			const result = await call.call(discord, { guildId: world.guild, ...input, options: input.options as never });
			return send(response, 200, replyOf(result));
		}
		if (request.method === "POST" && url.pathname === "/api/attachment") {
			// What Discord's client does before it sends a command with a file option: upload it, then name it by id.
			const filename = uploadNameSchema.parse(url.searchParams.get("filename") ?? "");
			const bytes = await readBytes(request, UPLOAD_LIMIT_BYTES).catch((error: unknown) => {
				if (error instanceof TooLarge) return undefined;
				throw error;
			});
			if (!bytes) return send(response, 413, { error: `a file may be at most ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB` });
			const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim() || undefined;
			const attachment = discord.attachFile(filename, new Uint8Array(bytes), type);
			return send(response, 200, {
				id: attachment.id,
				filename: attachment.filename,
				size: attachment.size,
				contentType: attachment.content_type,
			});
		}
		if (request.method === "POST" && url.pathname === "/api/reaction") {
			const { add, ...input } = reactionSchema.parse(await readJson(request));
			if (add) discord.addReaction(input);
			else discord.removeReaction(input);
			return send(response, 200, { ok: true });
		}
		if (request.method === "POST" && url.pathname === "/api/button") {
			const input = buttonSchema.parse(await readJson(request));
			const message = discord.getMessage(input.channelId, input.messageId);
			if (!message) return send(response, 404, { error: "no such message" });
			const result = await discord.clickButton({
				guildId: world.guild,
				userId: input.userId,
				message,
				customId: input.customId,
			});
			return send(response, 200, replyOf(result));
		}
		if (request.method === "POST" && url.pathname === "/api/modal") {
			const input = modalSchema.parse(await readJson(request));
			return send(response, 200, replyOf(await discord.submitModal(input)));
		}
		send(response, 404, { error: "not found" });
	};
}

/**
 * Each step that starts something registers how to stop it, and checks first that nobody asked to
 * stop meanwhile: a Ctrl-C during the compile or while the bot starts stops what exists so far.
 */
async function main(): Promise<void> {
	const folder = resolve(args.data);
	if (args.reset) rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	const botLog = join(folder, "bot.log");

	// The page's port first: a taken one fails in a moment, not after the compile.
	let route: Route | undefined;
	const http = createServer((request, response) => {
		if (!route) return send(response, 503, { error: "the playground is still starting; try again in a moment" });
		// The whole message: a zod error lists every problem with the request, one per line.
		void route(request, response).catch((error: unknown) =>
			send(response, 400, { error: error instanceof Error ? error.message : String(error) }),
		);
	});
	const port = await listen(http, args.port, args.host);
	const live = new WebSocketServer({ server: http, path: "/live" });

	log("compiling the bot…");
	const compileStarted = performance.now();
	await compileBot();
	const compileMs = performance.now() - compileStarted;
	if (shutdown.stopping) return;

	const [discord, script] = await Promise.all([FakeDiscord.start({ token: TOKEN }), bundlePage()]);
	shutdown.defer("close the fake Discord", () => discord.close());
	if (shutdown.stopping) return;
	const world = buildWorld(discord, folder);
	const history = join(folder, "messages.json");
	if (existsSync(history)) {
		try {
			discord.restoreMessages(JSON.parse(readFileSync(history, "utf8")));
		} catch (error) {
			console.warn(`playground: ${history} could not be read, starting with empty channels (${message(error)})`);
		}
	}
	shutdown.defer("save the channels' history", () =>
		writeFileSync(history, `${JSON.stringify(discord.archiveMessages())}\n`),
	);

	const bot = startBot(discord.apiUrl, world, folder);
	shutdown.defer("stop the bot", () =>
		stopChild(bot, BOT_GRACE_MS, () => log(`the bot did not stop within ${seconds(BOT_GRACE_MS)}; killing it`)),
	);
	bot.once("exit", (code, signal) => {
		if (!shutdown.stopping) shutdown.stop(`the bot exited (${signal ?? `code ${code}`}); see ${botLog}`, 1);
	});
	log(`starting the bot (pid ${bot.pid}, log in ${botLog})…`);
	await discord
		.waitFor(() => shutdown.stopping || discord.registeredCommands(world.guild).length > 0, BOT_READY_MS)
		.catch(() => {
			throw new Error(`the bot did not register its commands within ${seconds(BOT_READY_MS)}; see ${botLog}`);
		});
	if (shutdown.stopping) return;

	let nudgeScheduled = false;
	discord.changes.on("change", () => {
		// A reveal is several requests; one nudge per 30 ms is enough for the page to fetch again.
		if (nudgeScheduled) return;
		nudgeScheduled = true;
		setTimeout(() => {
			nudgeScheduled = false;
			for (const client of live.clients) client.send("change");
		}, 30);
	});
	route = routes(discord, world, {
		html: readFileSync(join(ROOT, "playground", "page", "index.html")),
		style: readFileSync(join(ROOT, "playground", "page", "style.css")),
		script,
	});
	// Registered last so it runs first: no member acts while the bot stops.
	shutdown.defer("close the page", () => closePage(http, live));

	if (args.host !== "127.0.0.1" && args.host !== "localhost") {
		console.warn(
			`playground: listening on ${args.host}: anyone who can reach it can act as any member; it has no authentication`,
		);
	}
	// From the start of this process, so the compile counts: that is what the person at the terminal waited.
	log(
		`ready in ${seconds(performance.now())} (compiling the bot ${seconds(compileMs)}) at http://${args.host}:${port}/ (data in ${folder}; Ctrl-C stops)`,
	);
}

await main().catch((error: unknown) => {
	// A start-up step cut short by a signal fails too; the shutdown already under way has the last word.
	if (!shutdown.stopping) shutdown.stop(`could not start: ${message(error)}`, 1);
});
