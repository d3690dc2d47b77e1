import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../harness/free-port.js";
import { isRunning, processGroup, stopGroup, waitFor } from "../support/processes.js";
import { type RunningPlayground, startPlayground, stopPlaygrounds } from "./playground-process.js";

interface State {
	members: Array<{ id: string; name: string }>;
	channels: Array<{ id: string; name: string; messages: Array<{ id: string }> }>;
}

const post = (url: string, path: string, body: object) =>
	fetch(`${url}${path}`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify(body),
	});

async function askQuestion(url: string, id: string): Promise<State> {
	const state = (await (await fetch(`${url}api/state`)).json()) as State;
	const grace = state.members.find((member) => member.name === "Grace");
	await post(url, "api/command", {
		userId: grace?.id,
		channelId: state.channels[0]?.id,
		name: "question",
		options: [{ name: "id", type: 3, value: id }],
	});
	return state;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("npm run playground", () => {
	afterEach(stopPlaygrounds);

	it("GIVEN a round posted THEN Ctrl-C stops it cleanly, and a restart in the same folder shows the round to the same members and answers", async () => {
		const data = mkdtempSync(join(tmpdir(), "dojo-playground-restart-"));
		const args = ["--port", String(await freePort()), "--data", data, "--banks", "test/playground/banks"];
		const first = await startPlayground(["--reset", ...args]);
		const state = await askQuestion(first.url, "pg-converter");
		const practice = state.channels[0];
		const grace = state.members.find((member) => member.name === "Grace");
		expect(await first.stop()).toBe(0);

		const second = await startPlayground(args);
		const after = (await (await fetch(`${second.url}api/state`)).json()) as State;
		expect(after.members).toEqual(state.members);
		const [round] = after.channels.find((channel) => channel.id === practice?.id)?.messages ?? [];
		expect(round).toBeDefined();
		const refused = await post(second.url, "api/command", {
			userId: grace?.id,
			channelId: practice?.id,
			name: "question",
			options: [{ name: "section", type: 3, value: "nope" }],
		});
		expect(((await refused.json()) as { ephemeral: boolean }).ephemeral).toBe(true);
		expect(await second.stop()).toBe(0);
	}, 240_000);

	it("GIVEN --host other than loopback THEN it warns that the page has no authentication, and stops with nothing left running", async () => {
		const exposed = await startPlayground([
			"--reset",
			"--host",
			"0.0.0.0",
			"--port",
			String(await freePort()),
			"--data",
			mkdtempSync(join(tmpdir(), "dojo-playground-host-")),
		]);
		expect(exposed.output()).toContain("it has no authentication");
		expect(await exposed.stop()).toBe(0);
		expect(isRunning(exposed.botPid)).toBe(false);
	}, 180_000);

	it("GIVEN a SIGTERM to the playground alone while the bot is still starting THEN it stops the bot too and exits 0", async () => {
		const data = mkdtempSync(join(tmpdir(), "dojo-playground-early-"));
		const server = spawn(
			process.execPath,
			["--import", "tsx", "playground/server.ts", "--reset", "--port", String(await freePort()), "--data", data],
			{ env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"], detached: true },
		);
		const exited = new Promise<number | null>((done) => server.once("exit", done));
		let output = "";
		server.stdout.on("data", (chunk: Buffer) => {
			output += chunk.toString();
		});
		server.stderr.on("data", (chunk: Buffer) => {
			output += chunk.toString();
		});
		try {
			expect(await waitFor(() => output.includes("starting the bot"), 150_000)).toBe(true);
			const botPid = Number(/starting the bot \(pid (\d+)/.exec(output)?.[1]);
			server.kill("SIGTERM");
			expect(await exited).toBe(0);
			expect(output).not.toContain("ready in");
			expect(isRunning(botPid)).toBe(false);
			expect(processGroup(server.pid ?? 0)).toEqual([]);
		} finally {
			await stopGroup(server.pid ?? 0, "SIGKILL", 10_000);
		}
	}, 180_000);
});

describe("npm run playground given bad input", () => {
	const run = (args: string[]) =>
		spawnSync(process.execPath, ["--import", "tsx", "playground/server.ts", ...args], {
			env: { PATH: process.env.PATH ?? "" },
			encoding: "utf8",
			timeout: 60_000,
		});

	it("GIVEN an unknown option or a port that is no number THEN it says which, shows the usage and exits 2", () => {
		for (const [args, says] of [
			[["--prot", "5175"], "Unknown option '--prot'"],
			[["--port", "http"], '--port must be a port number, not "http"'],
		] as const) {
			const result = run([...args]);
			expect(result.status).toBe(2);
			expect(result.stderr).toContain(says);
			expect(result.stderr).toContain("usage: npm run playground --");
			expect(result.stderr).not.toMatch(/\n\s+at /);
		}
	}, 60_000);

	it("GIVEN its port is taken THEN it says so before compiling anything and exits 1", async () => {
		const taken = createServer();
		await new Promise<void>((done) => taken.listen(0, "127.0.0.1", done));
		try {
			const port = (taken.address() as { port: number }).port;
			const result = run(["--port", String(port), "--data", mkdtempSync(join(tmpdir(), "dojo-playground-taken-"))]);
			expect(result.status).toBe(1);
			expect(result.stdout).toContain(`could not start: port ${port} on 127.0.0.1 is taken`);
			expect(result.stdout).not.toContain("compiling");
		} finally {
			taken.close();
		}
	}, 60_000);
});

describe("npm run playground in a terminal", () => {
	const data = mkdtempSync(join(tmpdir(), "dojo-playground-npm-"));
	let playground: RunningPlayground;
	let waited = 0;

	beforeAll(async () => {
		const started = performance.now();
		playground = await startPlayground(
			["--reset", "--port", String(await freePort()), "--data", data, "--banks", "test/playground/banks"],
			{ npm: true },
		);
		waited = (performance.now() - started) / 1000;
	}, 180_000);
	afterAll(stopPlaygrounds);

	it("GIVEN the compile before the start THEN the ready line counts it: the time it reports is the time waited", () => {
		expect(playground.compileSeconds).toBeGreaterThan(0);
		expect(playground.compileSeconds).toBeLessThan(playground.readySeconds);
		// npm's own start-up is all it leaves out.
		expect(playground.readySeconds).toBeLessThanOrEqual(waited + 0.5);
		expect(playground.readySeconds).toBeGreaterThan(waited * 0.6);
	});

	it("GIVEN a round WHEN Ctrl-C is pressed three times (SIGINT to the whole group, npm forwarding each) THEN it exits 0, the history is saved and the bot stopped cleanly", async () => {
		await askQuestion(playground.url, "pg-converter");
		for (let press = 0; press < 3; press++) {
			try {
				process.kill(-(playground.process.pid ?? 0), "SIGINT");
			} catch {
				// Everything has already stopped.
			}
			await sleep(100);
		}
		expect(await playground.exited).toBe(0);
		const history = join(data, "messages.json");
		expect(existsSync(history)).toBe(true);
		expect(readFileSync(history, "utf8")).toContain("Which converter accepts slashes?");
		expect(await waitFor(() => !isRunning(playground.botPid), 10_000)).toBe(true);
		// Stopped by its own shutdown, not killed by one of the later signals.
		expect(readFileSync(join(data, "bot.log"), "utf8")).toContain('"msg":"stopped"');
		expect(await playground.stop()).toBe(0);
	}, 60_000);
});
