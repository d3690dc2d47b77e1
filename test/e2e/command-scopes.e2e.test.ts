import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { COMMANDS } from "../../commands/index.js";
import { type BotProcess, startBot } from "../../harness/bot-process.js";
import { createWorld, E2E_BANKS, startDojo, TOKEN, type World } from "../../harness/world.js";
import { openStore } from "../../src/store/open-store.js";

const DEPLOY_SCRIPT = "dist/src/scripts/deploy-commands.js";
const REMOVED = "removed the slash commands registered there before";

const newDataDir = () => mkdtempSync(join(tmpdir(), "dojo-scopes-"));
const names = (world: World, guildId?: string) =>
	world.discord.registeredCommands(guildId).map((command) => command.name);
const commandPuts = (world: World) =>
	world.discord.requests.filter((request) => request.method === "PUT" && request.path.includes("/commands"));

/** One start of the bot, registered globally or in `guildId`, stopped once `until` is logged. */
async function runOnce(
	world: World,
	dataDir: string,
	guildId: string | undefined,
	until: (bot: BotProcess) => Promise<unknown> = async () => {},
): Promise<BotProcess> {
	const { bot } = await startDojo(world, {
		dataDir,
		global: guildId === undefined,
		...(guildId ? { env: { DEV_GUILD_ID: guildId } } : {}),
	});
	try {
		await until(bot);
	} finally {
		expect(await bot.stop()).toBe(0);
	}
	return bot;
}

const removedFrom = (scope: string) => (bot: BotProcess) =>
	bot.waitForLog((line) => line.msg === REMOVED && line.scope === scope, 30_000);

describe("e2e: the slash commands live in one place, wherever they were registered before", () => {
	it("GIVEN a run with DEV_GUILD_ID and then one without THEN the guild has no commands left and the global ones are there", async () => {
		const world = await createWorld();
		const dataDir = newDataDir();
		try {
			await runOnce(world, dataDir, world.guildId);
			expect(names(world, world.guildId)).toContain("question");
			expect(names(world)).toEqual([]);

			await runOnce(world, dataDir, undefined, removedFrom(`guild ${world.guildId}`));
			expect(names(world, world.guildId)).toEqual([]);
			expect(names(world)).toContain("question");

			// Nothing left to take back: a restart with the same commands makes no registration call.
			const puts = commandPuts(world).length;
			await runOnce(world, dataDir, undefined, (bot) => bot.waitForLog("slash commands unchanged, not re-registered"));
			expect(commandPuts(world)).toHaveLength(puts);
		} finally {
			await world.discord.close();
		}
	}, 90_000);

	it("GIVEN global commands, then DEV_GUILD_ID, then another DEV_GUILD_ID THEN each move empties the place before", async () => {
		const world = await createWorld();
		const second = await createWorld(world.discord);
		const dataDir = newDataDir();
		try {
			await runOnce(world, dataDir, undefined);
			expect(names(world)).toContain("question");

			await runOnce(world, dataDir, world.guildId, removedFrom("global"));
			expect(names(world)).toEqual([]);
			expect(names(world, world.guildId)).toContain("question");

			await runOnce(world, dataDir, second.guildId, removedFrom(`guild ${world.guildId}`));
			expect(names(world, world.guildId)).toEqual([]);
			expect(names(world, second.guildId)).toContain("question");
			expect(names(world)).toEqual([]);
		} finally {
			await world.discord.close();
		}
	}, 90_000);

	it("GIVEN Discord failing on the old guild THEN the bot tries again at the next start; GIVEN the bot removed from it THEN it forgets it", async () => {
		const world = await createWorld();
		const gone = await createWorld(world.discord);
		const dataDir = newDataDir();
		const oldGuild = new RegExp(`^/api/v10/applications/\\d+/guilds/${world.guildId}/commands$`);
		try {
			await runOnce(world, dataDir, world.guildId);
			world.discord.injectFault({ method: "PUT", path: oldGuild, status: 500, times: 4 });
			await runOnce(world, dataDir, undefined, (bot) =>
				bot.waitForLog((line) => line.msg.startsWith("could not remove the slash commands"), 30_000),
			);
			expect(names(world, world.guildId)).toContain("question");

			await runOnce(world, dataDir, undefined, removedFrom(`guild ${world.guildId}`));
			expect(names(world, world.guildId)).toEqual([]);

			await runOnce(world, dataDir, gone.guildId);
			world.discord.removeBot(gone.guildId);
			await runOnce(world, dataDir, undefined, (bot) =>
				bot.waitForLog((line) => line.msg.startsWith("the bot is no longer in the server"), 30_000),
			);
			const puts = commandPuts(world).length;
			await runOnce(world, dataDir, undefined, (bot) => bot.waitForLog("slash commands unchanged, not re-registered"));
			expect(commandPuts(world)).toHaveLength(puts);
		} finally {
			await world.discord.close();
		}
	}, 120_000);

	it("GIVEN the record an earlier version kept for its DEV_GUILD_ID THEN a global start still empties that guild", async () => {
		const world = await createWorld();
		const dataDir = newDataDir();
		try {
			await runOnce(world, dataDir, world.guildId);
			// Rewrite what this version stored as the one-key-per-scope record versions before it kept.
			const store = await openStore({ kind: "embedded", dataDir });
			const registrations = `command-registrations:${world.discord.applicationId}`;
			const legacy = `commands:${world.discord.applicationId}:${world.guildId}`;
			try {
				const fields = await store.hashGetAll(registrations);
				const { hash } = z.object({ hash: z.string() }).parse(JSON.parse(fields[world.guildId] ?? "{}"));
				await store.deleteStructure(registrations);
				await store.set(legacy, { hash, syncedAt: Date.now() });
			} finally {
				await store.close();
			}

			await runOnce(world, dataDir, undefined, removedFrom(`guild ${world.guildId}`));
			expect(names(world, world.guildId)).toEqual([]);
			expect(names(world)).toContain("question");
			const after = await openStore({ kind: "embedded", dataDir });
			try {
				expect(await after.get(legacy, z.unknown())).toBeUndefined();
				expect(Object.keys(await after.hashGetAll(registrations))).toEqual(["global"]);
			} finally {
				await after.close();
			}
		} finally {
			await world.discord.close();
		}
	}, 90_000);

	it("GIVEN npm run commands:deploy with DEV_GUILD_ID and then without THEN it too moves the commands, and refuses while the bot holds the store", async () => {
		const world = await createWorld();
		const dataDir = newDataDir();
		const deploy = async (env: Record<string, string> = {}) => {
			const run = startBot(
				{ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: world.discord.apiUrl, DATA_DIR: dataDir, ...env },
				DEPLOY_SCRIPT,
			);
			const code = await run.exited;
			expect(run.unstructured()).toEqual([]);
			const logged = (msg: string) => run.logs.filter((line) => line.msg === msg);
			const fatal = () => run.logs.filter((line) => line.level === 60).map((line) => line.msg);
			return { code, logged, fatal };
		};
		const commandNames = COMMANDS.map((command) => `/${command.data.name}`);
		try {
			const inGuild = await deploy({ DEV_GUILD_ID: world.guildId });
			expect(inGuild.code).toBe(0);
			expect(inGuild.logged("slash commands deployed")).toEqual([
				expect.objectContaining({ scope: `guild ${world.guildId} (available now)`, commands: commandNames }),
			]);
			expect(names(world, world.guildId)).toContain("question");

			const global = await deploy();
			expect(global.code).toBe(0);
			expect(global.logged(REMOVED)).toEqual([expect.objectContaining({ scope: `guild ${world.guildId}` })]);
			expect(global.logged("slash commands deployed")).toEqual([
				expect.objectContaining({ scope: "global", commands: commandNames }),
			]);
			expect(names(world, world.guildId)).toEqual([]);
			expect(names(world)).toContain("question");

			const { bot } = await startDojo(world, { dataDir, global: true, env: { BANKS_DIR: E2E_BANKS } });
			try {
				const refused = await deploy();
				expect(refused.code).toBe(1);
				expect(refused.logged("slash commands deployed")).toEqual([]);
				expect(refused.fatal()).toEqual([
					expect.stringMatching(
						/^DATA_DIR: cannot open the store \(.*is in use by process \d+.*\)\. It remembers where the commands were registered before: stop the bot first, or restart it instead, since it registers changed commands by itself$/,
					),
				]);
			} finally {
				await bot.stop();
			}
		} finally {
			await world.discord.close();
		}
	}, 90_000);
});
