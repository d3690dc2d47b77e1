import { type ChildProcess, spawn } from "node:child_process";
import { describeProcess, processGroup, stopGroup } from "../support/processes.js";

export interface RunningPlayground {
	url: string;
	process: ChildProcess;
	/** The bot the playground started, from its "starting the bot (pid …)" line. */
	botPid: number;
	/** What the ready line says: since the process started, and of that the compile. */
	readySeconds: number;
	compileSeconds: number;
	/** Everything it printed so far. */
	output(): string;
	exited: Promise<number | null>;
	/**
	 * Ctrl-C: SIGINT to the whole process group, as a terminal sends it. Resolves with the exit code once
	 * the group is empty, and fails, naming them, if any process of it outlives the playground.
	 */
	stop(): Promise<number | null>;
}

const READY = /playground: ready in ([\d.]+) s \(compiling the bot ([\d.]+) s\) at (\S+)/;
const BOT_STARTED = /playground: starting the bot \(pid (\d+)/;
/** The playground gives the bot 10 s before it kills it; the rest is for a loaded machine. */
const STOP_GRACE_MS = 30_000;

const started = new Set<ChildProcess>();

/**
 * Runs the playground in a process group of its own, as a terminal would: `npm run playground` with
 * `npm: true`, otherwise its server directly (no npm in between). Resolves once it says it is ready.
 * Call stopPlaygrounds in afterEach, so a failing test leaves nothing running either.
 */
export async function startPlayground(args: string[], options: { npm?: boolean } = {}): Promise<RunningPlayground> {
	const [command, commandArgs] = options.npm
		? ["npm", ["run", "playground", "--", ...args]]
		: [process.execPath, ["--import", "tsx", "playground/server.ts", ...args]];
	const child = spawn(command, commandArgs, {
		env: { PATH: process.env.PATH ?? "" },
		stdio: ["ignore", "pipe", "pipe"],
		detached: true,
	});
	started.add(child);
	const exited = new Promise<number | null>((done) => child.once("exit", done));
	let output = "";
	const ready = await new Promise<RegExpExecArray>((resolve, fail) => {
		child.stdout?.on("data", (chunk: Buffer) => {
			output += chunk.toString();
			const found = READY.exec(output);
			if (found) resolve(found);
		});
		child.stderr?.on("data", (chunk: Buffer) => {
			output += chunk.toString();
		});
		void exited.then((code) => fail(new Error(`playground exited ${code} before it was ready: ${output}`)));
	});
	return {
		url: ready[3] ?? "",
		process: child,
		botPid: Number(BOT_STARTED.exec(output)?.[1]),
		readySeconds: Number(ready[1]),
		compileSeconds: Number(ready[2]),
		output: () => output,
		exited,
		async stop() {
			const group = child.pid ?? 0;
			const killed = await stopGroup(group, "SIGINT", STOP_GRACE_MS);
			started.delete(child);
			if (killed.length > 0) {
				throw new Error(
					`these outlived the playground and were killed:\n${killed.map(describeProcess).join("\n")}\n${output}`,
				);
			}
			return exited;
		},
	};
}

/** For afterEach: whatever a test started and did not stop (it failed, or timed out) is stopped now. */
export async function stopPlaygrounds(): Promise<void> {
	for (const child of started) {
		const group = child.pid ?? 0;
		if (processGroup(group).length > 0) await stopGroup(group, "SIGINT", STOP_GRACE_MS);
		started.delete(child);
	}
}
