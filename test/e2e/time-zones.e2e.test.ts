import { describe, expect, it } from "vitest";
import { channelOption, ephemeralText, runCommand, stringOption, subcommand } from "../../harness/rounds.js";
import type { World } from "../../harness/world.js";
import { useDojoPerFile } from "./per-file.js";

let world: World;
useDojoPerFile((started) => {
	world = started;
});

async function zoneChoices(command: "daily" | "dojo", typed: string) {
	const option = stringOption("timezone", typed, true);
	const result = await world.discord.sendAutocomplete({
		guildId: world.guildId,
		channelId: world.practice,
		userId: world.admin,
		name: command,
		options: [subcommand(command === "daily" ? "set" : "settings", [option])],
	});
	return (result.data as { choices: Array<{ name: string; value: string }> }).choices;
}

const embedText = (data: unknown) => JSON.stringify(data);

describe("e2e: time zones people can find", () => {
	it("GIVEN kolk, calcutta, mumbai or india THEN autocomplete offers Asia/Kolkata with its offset and cities", async () => {
		for (const typed of ["kolk", "calcutta", "Mumbai", "india"]) {
			const choices = await zoneChoices("daily", typed);
			expect(choices[0]).toEqual({
				name: "Asia/Kolkata (UTC+05:30) · Mumbai, Delhi",
				value: "Asia/Kolkata",
			});
		}
	});

	it("GIVEN kyiv or kiev THEN /dojo settings offers Europe/Kyiv; an old name typed by hand still works", async () => {
		for (const typed of ["kyiv", "kiev"]) {
			expect((await zoneChoices("dojo", typed))[0]?.value).toBe("Europe/Kyiv");
		}
		const saved = await runCommand(world, {
			userId: world.admin,
			name: "dojo",
			options: [subcommand("settings", [stringOption("timezone", "Europe/Kiev")])],
		});
		expect(embedText(saved.data)).toContain("Time zone: **Europe/Kiev**");
	});

	it("GIVEN a name that is not a zone THEN the close matches offer the current name", async () => {
		const refused = await runCommand(world, {
			userId: world.admin,
			name: "dojo",
			options: [subcommand("settings", [stringOption("timezone", "Kolkatta")])],
		});
		expect(ephemeralText(refused.data)).toMatch(/^“Kolkatta” is not a time zone I know\. Close matches: Asia\/Kolkata/);
	});

	it("GIVEN /daily set without a zone THEN the daily follows the server's; with its own THEN status says which follows which", async () => {
		await runCommand(world, {
			userId: world.admin,
			name: "dojo",
			options: [subcommand("settings", [stringOption("timezone", "Asia/Kolkata")])],
		});
		const set = await runCommand(world, {
			userId: world.admin,
			name: "daily",
			options: [subcommand("set", [channelOption("channel", world.practice), stringOption("time", "08:30")])],
		});
		expect(embedText(set.data)).toContain("Time: **08:30** (Asia/Kolkata)");
		expect(embedText(set.data)).toContain(
			"Time zone: the server's **Asia/Kolkata**, for the daily, boards and streaks",
		);

		await runCommand(world, {
			userId: world.admin,
			name: "daily",
			options: [
				subcommand("set", [
					channelOption("channel", world.practice),
					stringOption("time", "08:30"),
					stringOption("timezone", "Europe/Kyiv"),
				]),
			],
		});
		const status = await runCommand(world, { userId: world.admin, name: "daily", options: [subcommand("status")] });
		expect(embedText(status.data)).toContain(
			"the daily follows **Europe/Kyiv**; boards (weeks, months) and streaks follow the server's **Asia/Kolkata**",
		);
		const help = await runCommand(world, { userId: world.alice, name: "help" });
		expect(embedText(help.data)).toContain(
			"weeks, months and daily streaks follow the server's Asia/Kolkata; the question of the day goes out on Europe/Kyiv time",
		);
	});
});
