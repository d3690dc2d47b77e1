import { describe, expect, it } from "vitest";
import {
	channelOption,
	ephemeralText,
	integerOption,
	type Option,
	runCommand,
	stringOption,
	subcommand,
	userOption,
} from "../../harness/rounds.js";
import type { DojoRun, World } from "../../harness/world.js";
import { useDojoPerFile } from "./per-file.js";

/** Everything a member can type that could ping, break formatting or overflow: 6,000 characters of it. */
const HOSTILE = "@everyone **bold** ```js\nalert(1)\n``` <@&123456789012345678> ||spoiler|| > quote\n# title 👩‍💻 "
	.repeat(100)
	.slice(0, 6000);
const HOSTILE_REASON = "@here **bold** ```x``` <@123456789012345678> ".repeat(5).slice(0, 200);

let world: World;
let run: DojoRun;
useDojoPerFile((w, r) => {
	world = w;
	run = r;
});

function expectSafeReply(result: { responded: boolean; ephemeral: boolean; data?: unknown }) {
	expect(result.responded).toBe(true);
	expect(result.ephemeral).toBe(true);
	const text = ephemeralText(result.data);
	expect(text.length).toBeLessThanOrEqual(2_000);
	expect(text).not.toMatch(/@everyone|@here|<@&|(?<!\\)```/);
	expect((result.data as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
	return text;
}

describe("e2e: option values at their extremes", () => {
	const cases: Array<{ label: string; userId: () => string; name: string; options: () => Option[] }> = [
		{
			label: "/question section",
			userId: () => world.alice,
			name: "question",
			options: () => [stringOption("section", HOSTILE)],
		},
		{
			label: "/question id",
			userId: () => world.alice,
			name: "question",
			options: () => [stringOption("id", HOSTILE)],
		},
		{
			label: "/daily set timezone",
			userId: () => world.admin,
			name: "daily",
			options: () => [
				subcommand("set", [
					channelOption("channel", world.practice),
					stringOption("time", "08:30"),
					stringOption("timezone", HOSTILE),
				]),
			],
		},
		{
			label: "/daily set time",
			userId: () => world.admin,
			name: "daily",
			options: () => [
				subcommand("set", [
					channelOption("channel", world.practice),
					stringOption("time", "@here"),
					stringOption("timezone", "UTC"),
				]),
			],
		},
		{
			label: "/mock start section",
			userId: () => world.alice,
			name: "mock",
			options: () => [subcommand("start", [stringOption("section", HOSTILE)])],
		},
		{
			label: "/mock start bank",
			userId: () => world.alice,
			name: "mock",
			options: () => [subcommand("start", [stringOption("bank", HOSTILE)])],
		},
		{
			label: "/dojo settings timezone",
			userId: () => world.admin,
			name: "dojo",
			options: () => [subcommand("settings", [stringOption("timezone", HOSTILE)])],
		},
	];

	for (const { label, userId, name, options } of cases) {
		it(`GIVEN 6,000 characters of mentions, Markdown and code fences in ${label} THEN the refusal is private, short and inert`, async () => {
			const text = expectSafeReply(await runCommand(world, { userId: userId(), name, options: options() }));
			expect(text).toMatch(/^(There is no|“)/);
		});
	}

	it("GIVEN a reason full of mentions and Markdown THEN /dojo adjust records it and echoes it inert", async () => {
		const result = await runCommand(world, {
			userId: world.admin,
			name: "dojo",
			options: [
				subcommand("adjust", [
					userOption("member", world.bob),
					integerOption("points", 1),
					stringOption("reason", HOSTILE_REASON),
				]),
			],
		});
		expect(expectSafeReply(result)).toMatch(/^Added 1 points to <@\d+> \(now 1 all time\)\. Reason recorded: /);
	});

	it("GIVEN 6,000 hostile characters typed into an autocomplete THEN the bot answers with valid choices", async () => {
		const typed: Array<[command: string, options: Option[]]> = [
			["question", [stringOption("section", HOSTILE, true)]],
			["daily", [subcommand("set", [stringOption("timezone", HOSTILE, true)])]],
			["mock", [subcommand("start", [stringOption("bank", HOSTILE, true)])]],
		];
		for (const [command, options] of typed) {
			const result = await world.discord.sendAutocomplete({
				guildId: world.guildId,
				channelId: world.practice,
				userId: world.admin,
				name: command,
				options,
			});
			expect(result.responded).toBe(true);
			expect(result.data).toEqual({ choices: [] });
		}
		expect(run.bot.logs.filter((line) => line.msg === "autocomplete failed")).toEqual([]);
	});
});
