// Loaded with `node --import` into a bot under test, never into production: it moves the process's
// Date.now (which the bot's clock is) by the offset in DOJO_TEST_CLOCK_FILE, read again on SIGUSR2,
// so a test can let days pass for the bot without waiting for them. Timers keep real time.
import { readFileSync } from "node:fs";

const file = process.env.DOJO_TEST_CLOCK_FILE;
if (file) {
	const realNow = Date.now.bind(Date);
	let offsetMs = 0;
	const read = () => {
		offsetMs = Number(readFileSync(file, "utf8")) || 0;
	};
	read();
	Date.now = () => realNow() + offsetMs;
	process.on("SIGUSR2", () => {
		read();
		// On stderr, so it never splices into the JSON log lines on stdout.
		process.stderr.write(`test clock offset ${offsetMs}\n`);
	});
}
