import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IDLE_BOT, LEFT_FILE } from "./support/leftovers-fixture/left-file.js";
import { stopGroup } from "./support/processes.js";

describe("the end-of-run check (test/support/leftovers.ts)", () => {
	it("GIVEN a test that leaves a process running and a file in the checkout THEN the run fails, naming both; a bot left running is stopped with its file", async () => {
		const run = spawn("npx", ["vitest", "run", "--config", "test/support/leftovers-fixture/vitest.config.ts"], {
			env: { PATH: process.env.PATH ?? "" },
			stdio: ["ignore", "pipe", "pipe"],
			detached: true,
		});
		let output = "";
		run.stdout.on("data", (chunk: Buffer) => {
			output += chunk.toString();
		});
		run.stderr.on("data", (chunk: Buffer) => {
			output += chunk.toString();
		});
		try {
			const code = await new Promise<number | null>((done) => run.once("exit", done));
			expect(output).toContain("2 passed");
			expect(code).toBe(1);
			expect(output).toMatch(
				/processes started by the test run are still running[\s\S]*setTimeout\(\(\) => \{\}, 60_000\)/,
			);
			expect(output).toMatch(new RegExp(`the test run changed the checkout[\\s\\S]*${LEFT_FILE}`));
			// The bot it left running was stopped when its file ended, so it is not among them.
			expect(output).not.toContain(IDLE_BOT);
		} finally {
			// The careless process is in the run's process group.
			await stopGroup(run.pid ?? 0, "SIGKILL", 10_000);
			rmSync(LEFT_FILE, { force: true });
		}
	}, 120_000);
});
