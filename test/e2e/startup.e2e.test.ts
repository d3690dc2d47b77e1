import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotProcess, startBot } from "../../harness/bot-process.js";
import { runCommand } from "../../harness/rounds.js";
import { createWorld, E2E_BANKS, TOKEN, type World } from "../../harness/world.js";
import { CONFIG_VARIABLES } from "../../src/config.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** `npm start`'s command after its build step, read from package.json: node, its flags, the script. */
function startCommand(): { nodeArgs: string[]; script: string } {
	const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
	const words = (scripts.start ?? "").replace(/^exec /, "").split(" ");
	expect(words[0]).toBe("node");
	return { nodeArgs: words.slice(1, -1), script: words.at(-1) ?? "" };
}

/**
 * A folder laid out as a fresh clone is once `npm start` has built it (the compiled bot, the shipped banks)
 * with this .env, so the bot's defaults (./var, ./data/banks) land there and not in the checkout.
 */
function freshClone(dotEnv: string): string {
	const folder = mkdtempSync(join(tmpdir(), "dojo-clone-"));
	symlinkSync(join(ROOT, "dist"), join(folder, "dist"));
	symlinkSync(join(ROOT, "data"), join(folder, "data"));
	writeFileSync(join(folder, ".env"), dotEnv);
	return folder;
}

/** .env.example as the README says to fill it in: the token, and here the test server's address. */
function filledExample(apiUrl: string): string {
	const example = readFileSync(join(ROOT, ".env.example"), "utf8");
	expect(example).toMatch(/^DISCORD_TOKEN=$/m);
	expect(example).toMatch(/^DISCORD_API_URL=$/m);
	return example
		.replace(/^DISCORD_TOKEN=$/m, `DISCORD_TOKEN=${TOKEN}`)
		.replace(/^DISCORD_API_URL=$/m, `DISCORD_API_URL=${apiUrl}`);
}

async function answersSections(bot: BotProcess): Promise<void> {
	await bot.waitForLog((line) => line.msg.startsWith("slash commands "), 30_000);
	const sections = await runCommand(world, { userId: world.alice, name: "sections" });
	expect(sections.responded && sections.ephemeral).toBe(true);
}

let world: World;
beforeAll(async () => {
	world = await createWorld();
});
afterAll(async () => {
	await world?.discord.close();
});

describe("e2e: the README's set-up starts the bot", () => {
	it("GIVEN .env.example copied verbatim with the token filled in THEN npm start's command gets ready, registers globally and answers", async () => {
		const clone = freshClone(filledExample(world.discord.apiUrl));
		const { nodeArgs, script } = startCommand();
		const bot = startBot({}, script, nodeArgs, clone);
		try {
			await bot.waitForLog("ready", 30_000);
			await answersSections(bot);
			expect(world.discord.registeredCommands().map((command) => command.name)).toContain("question");
			expect(existsSync(join(clone, "var", "dojo.sqlite"))).toBe(true);
		} finally {
			expect(await bot.stop()).toBe(0);
		}
		expect(bot.output()).not.toContain("Error");
	}, 60_000);

	it("GIVEN every variable the bot and discord.js read set but empty or blank THEN each counts as unset", async () => {
		const blanks = Object.fromEntries(CONFIG_VARIABLES.map((name, index) => [name, index % 2 === 0 ? "" : "  "]));
		const bot = startBot(
			{ ...blanks, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: world.discord.apiUrl },
			"dist/src/main.js",
			["--enable-source-maps"],
			freshClone(""),
		);
		try {
			await answersSections(bot);
		} finally {
			expect(await bot.stop()).toBe(0);
		}
	}, 60_000);
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

	it("GIVEN a bad SHARD_COUNT, SHARDS, SHARD_IDS or SHARDING_MANAGER THEN the bot exits 1 with one line naming the variable", async () => {
		const cases: Array<[Record<string, string>, string]> = [
			[{ SHARD_COUNT: "0" }, "configuration error: SHARD_COUNT must be a whole number of shards from 1 to 1024"],
			[{ SHARD_COUNT: "two" }, "configuration error: SHARD_COUNT must be a whole number of shards from 1 to 1024"],
			[
				{ SHARDS: "first" },
				"configuration error: SHARDS must be a shard id or a JSON list of shard ids, such as 0 or [0,1]",
			],
			[
				{ SHARDS: "[0, 5]", SHARD_COUNT: "2" },
				"configuration error: SHARDS must list shard ids below SHARD_COUNT (0 to 1)",
			],
			[
				{ SHARDS: "0", SHARD_IDS: "0", SHARD_COUNT: "2", REDIS_URL: "redis://127.0.0.1:9" },
				"configuration error: SHARD_IDS cannot be set together with SHARDS: set SHARD_IDS (with SHARD_COUNT) for the shards this host runs, and remove SHARDS, which npm run start:sharded sets for each shard process",
			],
			[
				{ SHARDING_MANAGER: "true", SHARDS: "0", SHARD_COUNT: "1" },
				"cannot start: SHARDING_MANAGER: is set, but this process was not started by npm run start:sharded; remove it from the environment",
			],
		];
		for (const [env, line] of cases) {
			const bot = startBot({
				DISCORD_TOKEN: TOKEN,
				DISCORD_API_URL: world.discord.apiUrl,
				BANKS_DIR: E2E_BANKS,
				...env,
			});
			expect(await bot.exited).toBe(1);
			expect(bot.unstructured()).toEqual([]);
			expect(fatal(bot)).toEqual([line]);
		}
		const sharded = startBot(
			{ DISCORD_TOKEN: TOKEN, REDIS_URL: "redis://127.0.0.1:9", SHARDS: "0", SHARD_COUNT: "2" },
			"dist/src/sharded.js",
		);
		expect(await sharded.exited).toBe(1);
		expect(sharded.unstructured()).toEqual([]);
		expect(fatal(sharded)).toEqual([
			"cannot start: SHARDS: npm run start:sharded starts every shard and tells each process its own; remove SHARDS from the environment",
		]);
	}, 120_000);

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
				// npm start reads the checkout's .env, where a developer keeps a real token: an empty value in
				// the environment wins over the file and counts as unset, so none of it reaches this bot.
				...Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, ""])),
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
