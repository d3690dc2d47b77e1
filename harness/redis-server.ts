import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

/**
 * A redis-server of our own on a free loopback port; never the machine's shared Redis. Every write is
 * in its append-only file before it is acknowledged, so taking it down and up again keeps its data, as
 * a production Redis with `appendfsync always` would.
 */
export interface PrivateRedis {
	url: string;
	port: number;
	/** Stops the server; its data stays for `up`. */
	down(): Promise<void>;
	/** Starts it again on the same port with the same data. */
	up(): Promise<void>;
	/** Freezes the process (SIGSTOP): connections stay open and nothing answers, like a hung server. */
	pause(): void;
	resume(): void;
	/** Stops it for good and removes its data. */
	stop(): Promise<void>;
}

export function redisAvailable(): boolean {
	return spawnSync("redis-server", ["--version"]).status === 0;
}

/** In CI a missing Redis is a failure, never a silent skip. */
export function skipWithoutRedis(): boolean {
	if (redisAvailable()) return false;
	if (process.env.CI) throw new Error("redis-server is not installed; CI must install it (see .ci/run)");
	console.warn("redis-server not found: skipping Redis tests (apt-get install -y redis-server)");
	return true;
}

async function waitForReady(child: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (!log().includes("Ready to accept connections")) {
		if (child.exitCode !== null) throw new Error(`redis-server exited: ${log()}`);
		if (Date.now() > deadline) throw new Error(`redis-server did not start: ${log()}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

function spawnRedis(port: number, dir: string): Promise<ChildProcess> {
	let output = "";
	const child = spawn(
		"redis-server",
		[
			"--port",
			String(port),
			"--bind",
			"127.0.0.1",
			"--dir",
			dir,
			"--save",
			"",
			"--appendonly",
			"yes",
			"--appendfsync",
			"always",
		],
		{ stdio: ["ignore", "pipe", "pipe"] },
	);
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
	};
	child.stdout?.on("data", collect);
	child.stderr?.on("data", collect);
	return waitForReady(child, () => output).then(() => child);
}

async function terminate(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once("exit", resolve));
	child.kill("SIGCONT");
	child.kill("SIGTERM");
	await exited;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), "dojo-redis-"));
	let child: ChildProcess | undefined = await spawnRedis(port, dir);
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		async down() {
			if (child) await terminate(child);
			child = undefined;
		},
		async up() {
			child ??= await spawnRedis(port, dir);
		},
		pause: () => child?.kill("SIGSTOP"),
		resume: () => child?.kill("SIGCONT"),
		async stop() {
			if (child) await terminate(child);
			child = undefined;
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
