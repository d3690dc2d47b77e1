import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotProcess, npmProject, ROOT, startCommand, startNpm } from "../../harness/bot-process.js";
import { askQuestion, stringOption } from "../../harness/rounds.js";
import { createWorld, E2E_BANKS, TOKEN, type World } from "../../harness/world.js";

const PRODUCTION = { NODE_ENV: "production", LOG_LEVEL: "info" };

/** What an npm script runs after its build step, in the given folder: the script's own text, from package.json. */
function runScriptWithoutBuild(script: string, cwd: string, env: Record<string, string>): BotProcess {
	const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
	const command = scripts[script]?.split(" && ").at(-1);
	if (!command) throw new Error(`package.json has no script ${script}`);
	return startCommand("sh", ["-c", command], { cwd, env });
}

const fatal = (bot: BotProcess) => bot.logs.filter((line) => line.level === 60).map((line) => line.msg);

describe("e2e: every line the bot writes is one JSON object", () => {
	let world: World;

	beforeAll(async () => {
		world = await createWorld();
	});
	afterAll(async () => {
		await world?.discord.close();
	});

	const botEnv = (extra: Record<string, string> = {}) => ({
		...PRODUCTION,
		DISCORD_API_URL: world.discord.apiUrl,
		BANKS_DIR: join(ROOT, E2E_BANKS),
		DATA_DIR: mkdtempSync(join(tmpdir(), "dojo-json-")),
		...extra,
	});

	it("GIVEN npm start in production mode and no .env file THEN every line on stdout and stderr, from start through a round to stop, is JSON", async () => {
		const bot = startNpm("start", botEnv({ DISCORD_TOKEN: TOKEN, DEV_GUILD_ID: world.guildId }), npmProject());
		try {
			await bot.waitForLog((line) => line.msg.startsWith("slash commands "), 30_000);
			await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")]);
			expect(await bot.stop("SIGTERM")).toBe(0);
			expect(bot.unstructured()).toEqual([]);
			expect(bot.logs.map((line) => line.msg)).toEqual(expect.arrayContaining(["ready", "command handled", "stopped"]));
		} finally {
			await bot.stop("SIGKILL");
		}
	}, 60_000);

	it("GIVEN npm start without DISCORD_TOKEN THEN the one line naming the variable is JSON too, and the exit code 1", async () => {
		const bot = startNpm("start", botEnv(), npmProject());
		expect(await bot.exited).toBe(1);
		expect(bot.unstructured()).toEqual([]);
		expect(fatal(bot)).toEqual([
			"configuration error: DISCORD_TOKEN is required: the bot token from the Discord developer portal",
		]);
	}, 30_000);

	it("GIVEN a .env file THEN npm start reads it, and a variable already in the environment wins over the file", async () => {
		const project = npmProject();
		writeFileSync(join(project, ".env"), `DEV_GUILD_ID=${world.guildId}\nDISCORD_TOKEN=a-stale-token-from-the-file\n`);
		const bot = startNpm("start", botEnv({ DISCORD_TOKEN: TOKEN }), project);
		try {
			const registered = await bot.waitForLog((line) => line.msg.startsWith("slash commands "), 30_000);
			expect(registered.scope).toBe(`guild ${world.guildId}`);
			expect(await bot.stop("SIGTERM")).toBe(0);
			expect(bot.unstructured()).toEqual([]);
		} finally {
			await bot.stop("SIGKILL");
		}
	}, 60_000);

	it("GIVEN a .env that cannot be read THEN one JSON line says so and the bot does not start", async () => {
		const project = npmProject();
		mkdirSync(join(project, ".env"));
		const bot = startNpm("start", botEnv({ DISCORD_TOKEN: TOKEN }), project);
		expect(await bot.exited).toBe(1);
		expect(bot.unstructured()).toEqual([]);
		expect(fatal(bot)).toEqual([expect.stringMatching(/^cannot start: \.env: cannot read it \(.+\)$/)]);
	}, 30_000);

	it("GIVEN npm run commands:deploy (after its build) THEN it registers the commands and logs JSON, and a bad configuration is JSON too", async () => {
		const project = npmProject();
		const deploy = runScriptWithoutBuild("commands:deploy", project, {
			...PRODUCTION,
			DISCORD_TOKEN: TOKEN,
			DISCORD_API_URL: world.discord.apiUrl,
			DEV_GUILD_ID: world.guildId,
		});
		expect(await deploy.exited).toBe(0);
		expect(deploy.unstructured()).toEqual([]);
		const registered = deploy.logs.find((line) => line.msg === "slash commands deployed");
		expect(registered?.commands).toEqual(expect.arrayContaining(["/question", "/leaderboard"]));
		expect(world.discord.registeredCommands(world.guildId).map((command) => command.name)).toContain("question");

		const refused = runScriptWithoutBuild("commands:deploy", project, { ...PRODUCTION, DISCORD_TOKEN: "x y" });
		expect(await refused.exited).toBe(1);
		expect(refused.unstructured()).toEqual([]);
		expect(fatal(refused)).toEqual(["configuration error: DISCORD_TOKEN must not contain spaces"]);
	}, 30_000);

	it("GIVEN a Node warning and then an uncaught exception THEN both are logged as JSON, with the stack inside", async () => {
		const program = `
			const { createLogger } = await import(${JSON.stringify(join(ROOT, "dist/src/logger.js"))});
			const { logProcessEvents } = await import(${JSON.stringify(join(ROOT, "dist/src/startup.js"))});
			logProcessEvents(createLogger({ LOG_LEVEL: "info" }));
			process.emitWarning("a deprecated thing", "DeprecationWarning");
			setTimeout(() => { throw new Error("boom"); }, 50);
		`;
		const crashed = startCommand(process.execPath, ["--input-type=module", "-e", program], { cwd: ROOT, env: {} });
		expect(await crashed.exited).toBe(1);
		expect(crashed.unstructured()).toEqual([]);
		expect(crashed.logs.find((line) => line.msg === "node warning")).toMatchObject({
			level: 40,
			warning: { name: "DeprecationWarning", message: "a deprecated thing" },
		});
		const crash = crashed.logs.find((line) => line.msg === "crashed");
		expect(crash).toMatchObject({ level: 60, err: { message: "boom" } });
		expect(JSON.stringify(crash?.err)).toContain("Error: boom\\n    at ");
	});
});
