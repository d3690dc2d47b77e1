import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BotProcess } from "../../harness/bot-process.js";

/**
 * A clock a test can move for a bot process: pass `env` and `nodeArgs` when starting the bot, then
 * `advance` lets time pass for it (its Date.now, hence its clock) without waiting.
 */
export function shiftedClock() {
	const file = join(mkdtempSync(join(tmpdir(), "dojo-clock-")), "offset");
	writeFileSync(file, "0");
	let offsetMs = 0;
	return {
		env: { DOJO_TEST_CLOCK_FILE: file },
		nodeArgs: ["--enable-source-maps", "--import", "./test/support/shifted-clock.mjs"],
		get offsetMs() {
			return offsetMs;
		},
		/** The bot's now, as the test sees it. */
		now: () => Date.now() + offsetMs,
		/** Moves the bot's clock on by `ms` and resolves once the bot has taken the new offset. */
		async advance(bot: BotProcess, ms: number): Promise<void> {
			offsetMs += ms;
			writeFileSync(file, String(offsetMs));
			const line = `test clock offset ${offsetMs}\n`;
			const deadline = Date.now() + 10_000;
			// A signal is handled asynchronously; send it again until the bot says it has read the offset.
			while (!bot.output().includes(line)) {
				if (Date.now() > deadline) throw new Error(`the bot did not take clock offset ${offsetMs}`);
				if (bot.pid !== undefined) process.kill(bot.pid, "SIGUSR2");
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		},
	};
}
