import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotProcess, startBot } from "../support/bot-process.js";
import { createWorld, E2E_BANKS, TOKEN, type World } from "./harness.js";

let world: World;
beforeAll(async () => {
	world = await createWorld();
});
afterAll(async () => {
	await world?.discord.close();
});

/** What the bot logged before it stopped: start-up failures are one JSON line at level fatal, on stderr. */
const fatal = (bot: BotProcess) => bot.logs.filter((line) => line.level === 60).map((line) => line.msg);

describe("e2e: start-up errors are one clear line", () => {
	it("GIVEN no DISCORD_TOKEN THEN the bot exits 1 naming the variable", async () => {
		const bot = startBot({ DISCORD_API_URL: world.discord.apiUrl, BANKS_DIR: E2E_BANKS });
		expect(await bot.exited).toBe(1);
		expect(bot.unstructured()).toEqual([]);
		expect(bot.logs.map((line) => [line.level, line.msg])).toEqual([
			[60, "configuration error: DISCORD_TOKEN is required: the bot token from the Discord developer portal"],
		]);
	});

	it("GIVEN a token Discord rejects THEN the bot exits 1 saying so, without printing the token", async () => {
		const wrong = `${TOKEN}-revoked`;
		const bot = startBot({
			DISCORD_TOKEN: wrong,
			DISCORD_API_URL: world.discord.apiUrl,
			BANKS_DIR: E2E_BANKS,
			DATA_DIR: "/tmp/dojo-e2e-badtoken",
		});
		expect(await bot.exited).toBe(1);
		expect(fatal(bot)).toEqual([
			"cannot start: DISCORD_TOKEN: Discord rejected the token (401); copy it again from the developer portal",
		]);
		expect(bot.output()).not.toContain(wrong);
	});

	it("GIVEN an unreachable DISCORD_API_URL THEN the bot exits 1 naming it", async () => {
		const bot = startBot({
			DISCORD_TOKEN: TOKEN,
			DISCORD_API_URL: "http://127.0.0.1:9/api",
			BANKS_DIR: E2E_BANKS,
			DATA_DIR: "/tmp/dojo-e2e-unreachable",
		});
		expect(await bot.exited).toBe(1);
		expect(fatal(bot)).toEqual([
			expect.stringMatching(
				/^cannot start: DISCORD_API_URL: cannot reach Discord at http:\/\/127\.0\.0\.1:9\/api \(.*ECONNREFUSED/,
			),
		]);
	});

	it("GIVEN a bank folder with a broken file THEN the good files load and the problem is logged with file, path and line", async () => {
		const bot = startBot({
			DISCORD_TOKEN: TOKEN,
			DISCORD_API_URL: world.discord.apiUrl,
			BANKS_DIR: "test/e2e/broken-banks",
			DATA_DIR: "/tmp/dojo-e2e-broken",
		});
		try {
			const problem = await bot.waitForLog((line) => line.msg.startsWith("test/e2e/broken-banks/broken.yaml: "));
			expect(problem.msg).toBe(
				"test/e2e/broken-banks/broken.yaml: questions.0.correct: must be the 0-based index of a choice (0 to 1), got 2 (line 14)",
			);
			expect(await bot.waitForLog("bank loaded")).toMatchObject({ questions: 5 });
			await bot.waitForLog("ready");
		} finally {
			await bot.stop();
		}
	});

	it("GIVEN the README's npm start and a SIGTERM to npm THEN the bot itself shuts down cleanly", async () => {
		const npm = spawn("npm", ["start"], {
			env: {
				PATH: process.env.PATH ?? "",
				DISCORD_TOKEN: TOKEN,
				DISCORD_API_URL: world.discord.apiUrl,
				BANKS_DIR: E2E_BANKS,
				DATA_DIR: mkdtempSync(join(tmpdir(), "dojo-npm-start-")),
				DEV_GUILD_ID: world.guildId,
			},
		});
		let output = "";
		npm.stdout.on("data", (chunk: Buffer) => {
			output += chunk.toString();
		});
		try {
			await world.discord.waitFor(() => output.includes("slash commands"), 60_000);
			npm.kill("SIGTERM");
			await world.discord.waitFor(() => output.includes('"msg":"shutting down"'), 10_000);
			await world.discord.waitFor(() => world.discord.connections === 0, 10_000);
		} finally {
			npm.kill("SIGKILL");
		}
	}, 90_000);
});
