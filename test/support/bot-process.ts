import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** A bot stops within 10 s of SIGTERM; one that has not by then is killed. */
const STOP_GRACE_MS = 10_000;

/** Every bot a test file started that has not exited yet. */
const running = new Set<ChildProcessWithoutNullStreams>();

export interface LogLine {
	level: number;
	msg: string;
	[field: string]: unknown;
}

export interface BotProcess {
	readonly pid: number | undefined;
	readonly logs: LogLine[];
	/** Everything the process wrote, for assertions about what never reaches a log. */
	output(): string;
	/** Resolves with the first log line (already written or still to come) with this message or matching this test. */
	waitForLog(match: string | ((line: LogLine) => boolean), timeoutMs?: number): Promise<LogLine>;
	exited: Promise<number | null>;
	stop(signal?: NodeJS.Signals): Promise<number | null>;
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
	const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...nodeArgs, script], {
		cwd,
		env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "debug", ...env },
	});
	const logs: LogLine[] = [];
	let raw = "";
	let pending = "";
	const waiters = new Set<() => void>();
	child.stdout.on("data", (chunk: Buffer) => {
		raw += chunk.toString();
		pending += chunk.toString();
		const lines = pending.split("\n");
		pending = lines.pop() ?? "";
		for (const line of lines) {
			try {
				logs.push(JSON.parse(line) as LogLine);
			} catch {
				logs.push({ level: 0, msg: line });
			}
		}
		for (const wake of waiters) wake();
	});
	child.stderr.on("data", (chunk: Buffer) => {
		raw += chunk.toString();
	});
	running.add(child);
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
		async stop(signal = "SIGTERM") {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			return exited;
		},
	};
}

/**
 * Run after each test file (test/support/after-each-file.ts): a bot left running by a test that failed
 * or timed out before its own stop is stopped here, so it cannot outlive the suite.
 */
export async function stopLeftoverBots(): Promise<void> {
	await Promise.all(
		[...running].map((child) => {
			const exited = new Promise((resolve) => child.once("exit", resolve));
			child.kill("SIGTERM");
			const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
			return exited.finally(() => clearTimeout(timer));
		}),
	);
}
