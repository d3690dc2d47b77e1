import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** A bot stops within 10 s of SIGTERM; one that has not by then is killed. */
const STOP_GRACE_MS = 10_000;

/** Every process a test file started that has not exited yet, with how to signal it (its group, for npm). */
const running = new Map<ChildProcess, (signal: NodeJS.Signals) => void>();

export interface LogLine {
	level: number;
	msg: string;
	[field: string]: unknown;
}

export interface BotProcess {
	readonly pid: number | undefined;
	/** Every line from stdout and stderr, parsed; a line that is not JSON is kept as `{ level: 0, msg }`. */
	readonly logs: LogLine[];
	/** Everything the process wrote, for assertions about what never reaches a log. */
	output(): string;
	/** The lines, on stdout or stderr, that are not one JSON object. */
	unstructured(): string[];
	/** Resolves with the first log line (already written or still to come) with this message or matching this test. */
	waitForLog(match: string | ((line: LogLine) => boolean), timeoutMs?: number): Promise<LogLine>;
	exited: Promise<number | null>;
	/** Sends the signal (to the whole process group for npm runs) and resolves with the exit code. */
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function isJsonObject(line: string): boolean {
	try {
		const parsed: unknown = JSON.parse(line);
		return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
	} catch {
		return false;
	}
}

function watch(child: ChildProcess, signal: (signal: NodeJS.Signals) => void): BotProcess {
	const logs: LogLine[] = [];
	const unstructured: string[] = [];
	let raw = "";
	const waiters = new Set<() => void>();
	// Each stream is split on its own, so a line never mixes the two.
	const collect = (stream: NodeJS.ReadableStream | null) => {
		let pending = "";
		stream?.on("data", (chunk: Buffer) => {
			raw += chunk.toString();
			pending += chunk.toString();
			const lines = pending.split("\n");
			pending = lines.pop() ?? "";
			for (const line of lines) {
				if (line === "") continue;
				if (isJsonObject(line)) {
					logs.push(JSON.parse(line) as LogLine);
				} else {
					unstructured.push(line);
					logs.push({ level: 0, msg: line });
				}
			}
			for (const wake of waiters) wake();
		});
		stream?.on("end", () => {
			if (pending !== "") unstructured.push(pending);
		});
	};
	collect(child.stdout);
	collect(child.stderr);
	running.set(child, signal);
	const exited = new Promise<number | null>((resolve) =>
		child.once("exit", (code) => {
			running.delete(child);
			resolve(code);
		}),
	);

	return {
		pid: child.pid,
		logs,
		output: () => raw,
		unstructured: () => [...unstructured],
		exited,
		waitForLog(match, timeoutMs = 15_000) {
			const test = typeof match === "string" ? (line: LogLine) => line.msg === match : match;
			const wanted = typeof match === "string" ? `"${match}"` : "a matching line";
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = logs.find(test);
					if (!found) return;
					cleanup();
					resolve(found);
				};
				const timer = setTimeout(() => {
					cleanup();
					reject(new Error(`bot never logged ${wanted} within ${timeoutMs} ms; output:\n${raw.slice(-4000)}`));
				}, timeoutMs);
				const onExit = () => {
					cleanup();
					reject(new Error(`bot exited before logging ${wanted}; output:\n${raw.slice(-4000)}`));
				};
				const cleanup = () => {
					clearTimeout(timer);
					waiters.delete(check);
					child.off("exit", onExit);
				};
				waiters.add(check);
				child.once("exit", onExit);
				check();
			});
		},
		async stop(sent = "SIGTERM") {
			signal(sent);
			return exited;
		},
	};
}

/**
 * Runs the compiled bot as `npm start` does (or `npm run start:sharded`, given its script), minus the .env file, with only the environment given
 * here (plus PATH), so a developer's own .env or REDIS_URL never leaks into a test. `cwd` is the checkout
 * by default; a folder laid out like one runs it against that folder's .env, var and data.
 */
export function startBot(
	env: Record<string, string>,
	script = "dist/src/main.js",
	nodeArgs: string[] = ["--enable-source-maps"],
	cwd = ROOT,
): BotProcess {
	return startCommand(process.execPath, [...nodeArgs, script], { cwd, env });
}

/** Any command, watched like the bot, with only the environment given here (plus PATH). */
export function startCommand(
	command: string,
	args: string[],
	options: { cwd: string; env: Record<string, string> },
): BotProcess {
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "debug", ...options.env },
	});
	return watch(child, (signal) => {
		if (child.exitCode === null && child.signalCode === null) child.kill(signal);
	});
}

/**
 * A folder that npm sees as this package, with the compiled bot and its dependencies linked in and no
 * .env unless a test writes one: npm scripts run there exactly as in the checkout, and a developer's own
 * .env in the checkout cannot reach them.
 */
export function npmProject(): string {
	const folder = mkdtempSync(join(tmpdir(), "dojo-npm-"));
	copyFileSync(join(ROOT, "package.json"), join(folder, "package.json"));
	for (const linked of ["dist", "node_modules"]) symlinkSync(join(ROOT, linked), join(folder, linked));
	return folder;
}

/**
 * Runs an npm script (`start`, `start:sharded`) in its own process group, as a terminal, `docker stop`
 * with an init, or systemd run it: `stop` signals the whole group, so npm and the bot each get the signal
 * and npm forwards its own. `--ignore-scripts` skips the `prestart` build (the test run compiled once
 * already, and a rebuild would rewrite dist/ under other tests' bots); `--silent` drops npm's banner, so
 * every line is the bot's.
 */
export function startNpm(script: string, env: Record<string, string>, cwd: string): BotProcess {
	const child = spawn("npm", ["run", script, "--silent", "--ignore-scripts"], {
		cwd,
		detached: true,
		env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "debug", ...env },
	});
	return watch(child, (signal) => {
		try {
			// Even after npm is gone, whatever is left of its group gets the signal.
			if (child.pid !== undefined) process.kill(-child.pid, signal);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
		}
	});
}

/**
 * Run after each test file (test/support/after-each-file.ts): a bot left running by a test that failed
 * or timed out before its own stop is stopped here, so it cannot outlive the suite.
 */
export async function stopLeftoverBots(): Promise<void> {
	await Promise.all(
		[...running].map(([child, signal]) => {
			const exited = new Promise((resolve) => child.once("exit", resolve));
			signal("SIGTERM");
			const timer = setTimeout(() => signal("SIGKILL"), STOP_GRACE_MS);
			return exited.finally(() => clearTimeout(timer));
		}),
	);
}
