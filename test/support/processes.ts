import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface ProcessInfo {
	pid: number;
	ppid: number;
	/** Process group: a child keeps its parent's unless it was started detached, also once orphaned. */
	pgid: number;
	/** Clock ticks after boot; with the pid it names one process, even after the pid is reused. */
	startTime: string;
	args: string;
	/** Unknown without /proc. */
	cwd?: string;
}

const readOr = <T>(read: () => T, fallback: T): T => {
	try {
		return read();
	} catch {
		return fallback;
	}
};

/** One line of /proc/<pid>/stat; the command name in parentheses may itself hold spaces and parentheses. */
function fromProc(pid: number): ProcessInfo | undefined {
	const stat = readOr(() => readFileSync(`/proc/${pid}/stat`, "utf8"), "");
	const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
	const [state, ppid, pgid] = fields;
	// A zombie has exited; only its parent's bookkeeping is left.
	if (!state || state === "Z" || state === "X") return undefined;
	const args = readOr(() => readFileSync(`/proc/${pid}/cmdline`, "utf8"), "")
		.split("\0")
		.join(" ")
		.trim();
	const cwd = readOr(() => readlinkSync(`/proc/${pid}/cwd`), undefined);
	return {
		pid,
		ppid: Number(ppid),
		pgid: Number(pgid),
		startTime: fields[19] ?? "",
		args,
		...(cwd ? { cwd } : {}),
	};
}

/** Every live process on the machine (zombies left out): from /proc, or from ps where there is none. */
export function listProcesses(): ProcessInfo[] {
	if (existsSync("/proc/self/stat")) {
		return readdirSync("/proc")
			.filter((name) => /^\d+$/.test(name))
			.flatMap((name) => fromProc(Number(name)) ?? []);
	}
	return execFileSync("ps", ["-A", "-o", "pid=,ppid=,pgid=,stat=,lstart=,command="], { encoding: "utf8" })
		.split("\n")
		.flatMap((line) => {
			const found = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\w+ \w+ +\d+ [\d:]+ \d+)\s+(.*)$/.exec(line);
			if (!found || found[4]?.startsWith("Z")) return [];
			return [
				{
					pid: Number(found[1]),
					ppid: Number(found[2]),
					pgid: Number(found[3]),
					startTime: found[5] ?? "",
					args: found[6] ?? "",
				},
			];
		});
}

export const processGroup = (pgid: number) => listProcesses().filter((entry) => entry.pgid === pgid);

export const isRunning = (pid: number) => listProcesses().some((entry) => entry.pid === pid);

export const describeProcess = (entry: ProcessInfo) =>
	`pid ${entry.pid}: ${entry.args.slice(0, 200)}${entry.cwd ? ` (in ${entry.cwd})` : ""}`;

/** Polls, since a process ends in its own time; the limit is generous for a loaded machine. */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return true;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pgid, signal);
	} catch {
		// The group is already empty.
	}
}

/**
 * Stops a process group started with `detached: true` (its leader's pid is the group's id): the signal
 * first, as Ctrl-C sends it, then SIGKILL for whatever is left after the grace period. Resolves with
 * what had to be killed.
 */
export async function stopGroup(pgid: number, signal: NodeJS.Signals, graceMs: number): Promise<ProcessInfo[]> {
	signalGroup(pgid, signal);
	if (await waitFor(() => processGroup(pgid).length === 0, graceMs)) return [];
	const stubborn = processGroup(pgid);
	signalGroup(pgid, "SIGKILL");
	await waitFor(() => processGroup(pgid).length === 0, 10_000);
	return stubborn;
}
