import type { ChildProcess } from "node:child_process";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** Each step has its own limit (the bot's is its grace period); this only catches a step that hangs. */
const SHUTDOWN_DEADLINE_MS = 30_000;

export interface Shutdown {
	/** True once anything asked to stop; start-up checks it before each step that starts something. */
	readonly stopping: boolean;
	/** Registers how to undo what was just started; steps run newest first. */
	defer(what: string, step: () => Promise<void> | void): void;
	/** Undoes every step once and exits; asked again, it only says so. */
	stop(reason: string, exitCode: number): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Installed before anything starts. Ctrl-C sends SIGINT to the whole process group and npm forwards
 * another, a closing terminal sends SIGHUP: the first one stops everything, the others are noted and
 * ignored, so the history is written and the bot stopped however many arrive.
 */
export function installShutdown(log: (line: string) => void): Shutdown {
	const steps: Array<{ what: string; step: () => Promise<void> | void }> = [];
	let stopping = false;
	const shutdown: Shutdown = {
		get stopping() {
			return stopping;
		},
		defer(what, step) {
			steps.push({ what, step });
		},
		stop(reason, exitCode) {
			if (stopping) {
				log(`${reason}; already stopping, ignored`);
				return;
			}
			stopping = true;
			log(`${reason}; stopping`);
			setTimeout(() => {
				log(`still stopping after ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway`);
				process.exit(1);
			}, SHUTDOWN_DEADLINE_MS).unref();
			void (async () => {
				let code = exitCode;
				for (let next = steps.pop(); next; next = steps.pop()) {
					try {
						await next.step();
					} catch (error) {
						log(`could not ${next.what} (${message(error)})`);
						code = 1;
					}
				}
				process.exit(code);
			})();
		},
	};
	for (const signal of SIGNALS) process.on(signal, () => shutdown.stop(`${signal} received`, 0));
	// A bug in the playground: its stack helps, and the bot must not outlive it.
	const crash = (error: unknown) => {
		console.error(error);
		shutdown.stop(`unexpected error: ${message(error)}`, 1);
	};
	process.on("uncaughtException", crash);
	process.on("unhandledRejection", crash);
	// A closed terminal makes writes fail; that must not interrupt the shutdown it started.
	for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
	return shutdown;
}

/** SIGTERM, then SIGKILL if the child has not exited within the grace period. */
export async function stopChild(child: ChildProcess, graceMs: number, onKill: () => void): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((done) => child.once("exit", done));
	child.kill("SIGTERM");
	const timer = setTimeout(() => {
		onKill();
		child.kill("SIGKILL");
	}, graceMs);
	await exited;
	clearTimeout(timer);
}
