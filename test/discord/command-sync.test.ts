import type { REST } from "discord.js";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";
import type { Command } from "../../src/discord/command.js";
import { syncCommands } from "../../src/discord/command-sync.js";
import { createMemoryStore } from "../../src/store/memory-store.js";
import { recordingLogger } from "../core/fixtures.js";

/** Discord's side of a bulk overwrite: the routes and bodies PUT, nothing else. */
function recordingRest() {
	const puts: Array<{ route: string; names: string[] }> = [];
	const rest = {
		put: async (route: string, options: { body: Array<{ name: string }> }) => {
			puts.push({ route, names: options.body.map((command) => command.name) });
			return [];
		},
	} as unknown as REST;
	return { rest, puts };
}

describe("registering slash commands once per command set", () => {
	const scope = { applicationId: "100000000000000001" };

	it("GIVEN several processes starting together on one store THEN exactly one registers and the others leave it to it", async () => {
		let now = 1_000_000;
		const store = createMemoryStore({ now: () => now });
		const { rest, puts } = recordingRest();
		const logger = recordingLogger();
		const outcomes = await Promise.all(
			[1, 2, 3].map(() => syncCommands({ rest, store, logger, now: () => now }, COMMANDS, scope)),
		);
		expect(outcomes.map((result) => result.outcome).sort()).toEqual([
			"left to another process",
			"left to another process",
			"registered",
		]);
		expect(puts).toEqual([
			{ route: "/applications/100000000000000001/commands", names: COMMANDS.map((c) => c.data.name) },
		]);

		now += 60_000;
		expect((await syncCommands({ rest, store, logger, now: () => now }, COMMANDS, scope)).outcome).toBe("unchanged");
		expect(puts).toHaveLength(1);
	});

	it("GIVEN a changed set THEN it is registered once more, though the last set's claim was taken moments ago", async () => {
		const now = 1_000_000;
		const store = createMemoryStore({ now: () => now });
		const { rest, puts } = recordingRest();
		const deps = { rest, store, logger: recordingLogger(), now: () => now };
		const fewer: readonly Command[] = COMMANDS.slice(1);
		expect((await syncCommands(deps, COMMANDS, scope)).outcome).toBe("registered");
		expect((await syncCommands(deps, fewer, scope)).outcome).toBe("registered");
		expect(puts.map((put) => put.names.length)).toEqual([COMMANDS.length, COMMANDS.length - 1]);
	});

	it("GIVEN a move to a guild and straight back to global THEN the return registers globally again, though its first claim has not lapsed", async () => {
		const now = 1_000_000;
		const store = createMemoryStore({ now: () => now });
		const { rest, puts } = recordingRest();
		const deps = { rest, store, logger: recordingLogger(), now: () => now };
		const guild = { ...scope, guildId: "200000000000000002" };
		expect((await syncCommands(deps, COMMANDS, scope)).outcome).toBe("registered");
		expect((await syncCommands(deps, COMMANDS, guild)).removedFrom).toEqual(["global"]);
		const back = await syncCommands(deps, COMMANDS, scope);
		expect(back).toEqual({ outcome: "registered", removedFrom: [guild.guildId] });
		expect(puts.map((put) => [put.route, put.names.length])).toEqual([
			["/applications/100000000000000001/commands", COMMANDS.length],
			["/applications/100000000000000001/guilds/200000000000000002/commands", COMMANDS.length],
			["/applications/100000000000000001/commands", 0],
			["/applications/100000000000000001/commands", COMMANDS.length],
			["/applications/100000000000000001/guilds/200000000000000002/commands", 0],
		]);
	});
});
