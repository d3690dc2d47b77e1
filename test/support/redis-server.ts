import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

/** A redis-server of our own on a free loopback port; never the machine's shared Redis. */
export interface PrivateRedis {
	url: string;
	port: number;
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

/** Starts one on a free port, or on `port` to bring a stopped one back where its clients expect it. */
export async function startPrivateRedis(port?: number): Promise<PrivateRedis> {
	port ??= await freePort();
	const dir = mkdtempSync(join(tmpdir(), "dojo-redis-"));
	let output = "";
	const child = spawn(
		"redis-server",
		["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no"],
		{ stdio: ["ignore", "pipe", "pipe"] },
	);
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
	};
	child.stdout.on("data", collect);
	child.stderr.on("data", collect);
	await waitForReady(child, () => output);
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((resolve) => child.once("exit", resolve));
				child.kill("SIGTERM");
				await exited;
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
