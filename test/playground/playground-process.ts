import { type ChildProcess, spawn } from "node:child_process";

export interface RunningPlayground {
	url: string;
	process: ChildProcess;
	/** Everything it printed so far. */
	output(): string;
	stop(): Promise<number | null>;
}

/** Runs the playground as `npm run playground` does (after the build), and resolves once it says it is ready. */
export async function startPlayground(args: string[]): Promise<RunningPlayground> {
	const child = spawn(process.execPath, ["--import", "tsx", "playground/server.ts", ...args], {
		env: { PATH: process.env.PATH ?? "" },
		stdio: ["ignore", "pipe", "pipe"],
	});
	let output = "";
	const url = await new Promise<string>((ready, fail) => {
		child.stdout?.on("data", (chunk: Buffer) => {
			output += chunk.toString();
			const found = /playground: ready in [\d.]+ s at (\S+)/.exec(output);
			if (found?.[1]) ready(found[1]);
		});
		child.stderr?.on("data", (chunk: Buffer) => {
			output += chunk.toString();
		});
		child.once("exit", (code) => fail(new Error(`playground exited ${code}: ${output}`)));
	});
	const exited = new Promise<number | null>((done) => child.once("exit", done));
	return {
		url,
		process: child,
		output: () => output,
		async stop() {
			if (child.exitCode === null) child.kill("SIGINT");
			return exited;
		},
	};
}
