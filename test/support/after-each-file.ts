import { afterAll } from "vitest";
import { stopPlaygrounds } from "../playground/playground-process.js";
import { stopLeftoverBots } from "./bot-process.js";

// A test that fails or times out skips its own clean-up; whatever it started is stopped when its file ends.
afterAll(async () => {
	await Promise.all([stopLeftoverBots(), stopPlaygrounds()]);
});
