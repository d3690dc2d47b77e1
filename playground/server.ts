import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { WebSocketServer } from "ws";
import { z } from "zod";
import { FakeDiscord, type InteractionResult } from "../fake-discord/index.js";
import { buildWorld, type PlaygroundWorld } from "./world.js";

const TOKEN = "playground.token.local-only";
const ROOT = resolve(import.meta.dirname, "..");

const { values: args } = parseArgs({
	options: {
		host: { type: "string", default: "127.0.0.1" },
		port: { type: "string", default: "5175" },
		data: { type: "string", default: join(ROOT, "var", "playground") },
		banks: { type: "string" },
		reset: { type: "boolean", default: false },
	},
});

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

function startBot(apiUrl: string, world: PlaygroundWorld, folder: string): ChildProcess {
	const log = createWriteStream(join(folder, "bot.log"), { flags: "a" });
	const bot = spawn(process.execPath, ["--enable-source-maps", join(ROOT, "dist", "src", "main.js")], {
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
		stdio: ["ignore", "pipe", "pipe"],
	});
	bot.stdout?.pipe(log);
	bot.stderr?.pipe(log);
	return bot;
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

function send(response: ServerResponse, status: number, body: unknown, type = "application/json"): void {
	response.writeHead(status, {
		"content-type": type,
		"cache-control": "no-store",
		// The page renders everything the bot sends as text; this keeps any slip from running code.
		"content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
	});
	response.end(typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body));
}

async function main(): Promise<void> {
	const folder = resolve(args.data);
	if (args.reset) rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	const started = Date.now();
	const [discord, script] = await Promise.all([FakeDiscord.start({ token: TOKEN }), bundlePage()]);
	const world = buildWorld(discord, folder);
	const history = join(folder, "messages.json");
	if (existsSync(history)) {
		try {
			discord.restoreMessages(JSON.parse(readFileSync(history, "utf8")));
		} catch (error) {
			console.warn(
				`playground: ${history} could not be read, starting with empty channels (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
			);
		}
	}
	const bot = startBot(discord.apiUrl, world, folder);
	const botExited = new Promise<number | null>((done) => bot.once("exit", done));
	await Promise.race([
		discord.waitFor(() => discord.registeredCommands(world.guild).length > 0, 60_000),
		botExited.then((code) => {
			throw new Error(`the bot exited (${code}) before it was ready; see ${join(folder, "bot.log")}`);
		}),
	]);

	const page = readFileSync(join(ROOT, "playground", "page", "index.html"));
	const style = readFileSync(join(ROOT, "playground", "page", "style.css"));

	const http = createServer((request, response) => {
		void route(request, response).catch((error: unknown) =>
			send(response, 400, { error: error instanceof Error ? error.message : String(error) }),
		);
	});
	const route = async (request: IncomingMessage, response: ServerResponse) => {
		const url = new URL(request.url ?? "/", "http://playground");
		if (request.method === "GET" && url.pathname === "/") return send(response, 200, page, "text/html; charset=utf-8");
		if (request.method === "GET" && url.pathname === "/app.js") return send(response, 200, script, "text/javascript");
		if (request.method === "GET" && url.pathname === "/style.css") return send(response, 200, style, "text/css");
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
				channels,
				commands: discord.registeredCommands(world.guild),
			});
		}
		const attachment = /^\/attachments\/(\d+)\/(\d+)$/.exec(url.pathname);
		if (request.method === "GET" && attachment) {
			const bytes = discord.attachment(attachment[1] ?? "", attachment[2] ?? "");
			if (!bytes) return send(response, 404, { error: "no such attachment" });
			response.writeHead(200, { "content-type": "application/octet-stream", "content-disposition": "attachment" });
			return void response.end(bytes);
		}
		if (request.method === "POST" && (url.pathname === "/api/command" || url.pathname === "/api/autocomplete")) {
			const input = commandSchema.parse(await readJson(request));
			const call = url.pathname === "/api/command" ? discord.sendCommand : discord.sendAutocomplete;
			const result = await call.call(discord, { guildId: world.guild, ...input, options: input.options as never });
			return send(response, 200, replyOf(result));
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

	const live = new WebSocketServer({ server: http, path: "/live" });
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

	await new Promise<void>((done) => http.listen(Number(args.port), args.host, done));
	const { port } = http.address() as AddressInfo;
	if (args.host !== "127.0.0.1" && args.host !== "localhost") {
		console.warn(
			`playground: listening on ${args.host}: anyone who can reach it can act as any member; it has no authentication`,
		);
	}
	console.log(
		`playground: ready in ${((Date.now() - started) / 1000).toFixed(1)} s at http://${args.host}:${port}/ (data in ${folder}; Ctrl-C stops)`,
	);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		bot.kill("SIGTERM");
		await botExited;
		writeFileSync(history, `${JSON.stringify(discord.archiveMessages())}\n`);
		live.close();
		http.close();
		await discord.close();
		process.exit(0);
	};
	process.once("SIGINT", () => void stop());
	process.once("SIGTERM", () => void stop());
	void botExited.then((code) => {
		if (!stopping) {
			console.error(`playground: the bot exited (${code}); see ${join(folder, "bot.log")}`);
			void stop();
		}
	});
}

await main().catch((error: unknown) => {
	console.error(`playground: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
