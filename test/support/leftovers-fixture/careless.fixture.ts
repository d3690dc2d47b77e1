import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { it } from "vitest";
import { startBot } from "../../../harness/bot-process.js";
import { IDLE_BOT, LEFT_FILE } from "./left-file.js";

it("starts a process it never stops and writes into the checkout", () => {
	// It ends by itself after a minute, should the test that runs this fixture fail to stop it.
	spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" }).unref();
	writeFileSync(LEFT_FILE, "written by a careless test\n");
});

it("starts a bot and never stops it, as a test that fails before its clean-up would", () => {
	startBot({}, IDLE_BOT, []);
});
