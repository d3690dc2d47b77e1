import { afterAll } from "vitest";
import { stopLeftoverBots } from "../../harness/bot-process.js";
import { stopPlaygrounds } from "../playground/playground-process.js";

// A test that fails or times out skips its own clean-up; whatever it started is stopped when its file ends.
afterAll(async () => {
	await Promise.all([stopLeftoverBots(), stopPlaygrounds()]);
});
