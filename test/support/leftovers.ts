import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { describeProcess, listProcesses, type ProcessInfo, waitFor } from "./processes.js";
import { SCREENSHOTS, SCREENSHOTS_REQUESTED } from "./screenshots.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
/** Processes a test stopped may take a moment to go; a loaded machine makes that longer. */
const EXIT_GRACE_MS = 15_000;

const escaped = ROOT.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A path in this checkout, other than its node_modules (which other checkouts may share). */
const NAMES_A_FILE_HERE = new RegExp(`${escaped}(?:/(?!node_modules/)|$|\\s)`);
const inCheckout = (path: string) => path === ROOT || path.startsWith(`${ROOT}/`);

const identity = (entry: ProcessInfo) => `${entry.pid}:${entry.startTime}`;

/** This process and the ones that started it (npm, the shell): alive at the end by design. */
function ancestry(processes: ProcessInfo[]): Set<number> {
	const parents = new Map(processes.map((entry) => [entry.pid, entry.ppid]));
	const chain = new Set<number>();
	for (let pid: number | undefined = process.pid; pid && !chain.has(pid); pid = parents.get(pid)) chain.add(pid);
	return chain;
}

/**
 * What the suite may have started: processes in its own process group (a child keeps it, also once
 * orphaned; redis-server moves into its data folder and renames itself, but not out of the group),
 * and processes started in this checkout or naming a file in it (those started detached, and their
 * children, such as a playground and its bot, or chromium).
 */
function suiteProcesses(before: Set<string>): ProcessInfo[] {
	const processes = listProcesses();
	const own = processes.find((entry) => entry.pid === process.pid);
	const skip = ancestry(processes);
	return processes.filter(
		(entry) =>
			!skip.has(entry.pid) &&
			!before.has(identity(entry)) &&
			(entry.pgid === own?.pgid ||
				(entry.cwd !== undefined && inCheckout(entry.cwd)) ||
				NAMES_A_FILE_HERE.test(entry.args)),
	);
}

/** `git status` entries with a hash of each file as it is now, so an edit to an already modified file shows too. */
function treeState(): Map<string, string> | undefined {
	let status: string;
	try {
		status = execFileSync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all"], {
			cwd: ROOT,
			encoding: "utf8",
			stdio: ["ignore", "pipe", "ignore"],
		});
	} catch {
		return undefined;
	}
	const state = new Map<string, string>();
	const entries = status.split("\0").filter(Boolean);
	for (let index = 0; index < entries.length; index++) {
		const entry = entries[index] ?? "";
		const code = entry.slice(0, 2);
		const path = entry.slice(3);
		// A rename or copy is followed by the path it came from.
		if (code.includes("R") || code.includes("C")) index++;
		const file = `${ROOT}/${path}`;
		const content =
			existsSync(file) && statSync(file).isFile()
				? createHash("sha1").update(readFileSync(file)).digest("hex")
				: "no file";
		state.set(path, `${code} ${content}`);
	}
	return state;
}

function treeChanges(before: Map<string, string>, after: Map<string, string>): string[] {
	const allowed = new Set<string>(SCREENSHOTS_REQUESTED ? Object.values(SCREENSHOTS) : []);
	const paths = new Set([...before.keys(), ...after.keys()]);
	return [...paths].filter((path) => !allowed.has(path) && before.get(path) !== after.get(path)).sort();
}

/**
 * A global set-up whose teardown fails the run when the suite left something behind: a process it
 * started that still runs, or a change to the checkout (compared with how the run found it, so a
 * developer's own uncommitted work is not blamed). Not in watch mode, where the developer edits
 * files and starts things while it runs.
 */
export default function setup(project: TestProject): (() => Promise<void>) | undefined {
	if (project.config.watch) return undefined;
	const processesBefore = new Set(suiteProcesses(new Set()).map(identity));
	const treeBefore = treeState();
	if (!treeBefore) console.warn("not a git checkout: the suite cannot check that it leaves the tree unchanged");

	return async () => {
		const problems: string[] = [];
		let left: ProcessInfo[] = [];
		await waitFor(() => {
			left = suiteProcesses(processesBefore);
			return left.length === 0;
		}, EXIT_GRACE_MS);
		if (left.length > 0) {
			problems.push(
				`processes started by the test run are still running (each test must stop what it starts, also when it fails):\n${left.map((entry) => `  ${describeProcess(entry)}`).join("\n")}`,
			);
		}
		const treeAfter = treeBefore && treeState();
		const changed = treeBefore && treeAfter ? treeChanges(treeBefore, treeAfter) : [];
		if (changed.length > 0) {
			problems.push(
				`the test run changed the checkout (tests write into temporary folders; screenshots only with npm run screenshots):\n${changed.map((path) => `  ${path}`).join("\n")}`,
			);
		}
		if (problems.length > 0) {
			// vitest only logs a teardown that throws; the exit code is what fails the run.
			console.error(`\n${problems.join("\n")}\n`);
			process.exitCode = 1;
		}
	};
}
