import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	askQuestion,
	ephemeralText,
	LIGHTBULB,
	react,
	runCommand,
	stringOption,
	subcommand,
	waitForReveal,
} from "../../harness/rounds.js";
import { createWorld, type DojoRun, startDojo, type World } from "../../harness/world.js";
import { shiftedClock } from "../support/bot-clock.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Reminder ticks every second instead of every minute, so moving the clock takes effect at once. */
const FAST_TICKS = { DAILY_CRON: "* * * * * *" };

describe("e2e: practice reminders by direct message", () => {
	let world: World;
	let run: DojoRun;
	const clock = shiftedClock();
	beforeAll(async () => {
		world = await createWorld();
		run = await startDojo(world, { env: { ...clock.env, ...FAST_TICKS }, nodeArgs: clock.nodeArgs });
		// Days start at 10:00 UTC for the bot, so a reminder at 12:00 never straddles midnight.
		const sinceTen = (((clock.now() - 10 * HOUR) % DAY) + DAY) % DAY;
		await clock.advance(run.bot, DAY - sinceTen);
	});
	afterAll(async () => {
		await run?.bot.stop();
		await world?.discord.close();
	});

	const reminderRuns = (outcome: string) =>
		run.bot.logs.filter((line) => line.msg === "practice reminder" && line.outcome === outcome);
	const dmOpens = () => world.discord.requests.filter((request) => request.path === "/api/v10/users/@me/channels");

	it("GIVEN a reminder at 12:00 THEN nothing before its time or on a day with nothing due; a DM when cards are due; off after a refusal", async () => {
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")]);
		react(world, message, world.bob, "🇦");
		await world.discord.waitFor(() => run.bot.logs.some((line) => line.msg === "pick locked"));
		react(world, message, world.alice, LIGHTBULB);
		await waitForReveal(world, message);

		const set = await runCommand(world, {
			userId: world.bob,
			name: "practice",
			options: [subcommand("remind", [stringOption("time", "12:00"), stringOption("timezone", "UTC")])],
		});
		expect(ephemeralText(set.data)).toMatch(
			/^I'll send you a direct message at 12:00 \(UTC\) on days when you have questions due; none on days with nothing due\. The first chance is <t:\d+:F>\./,
		);

		// Today at 12:01: the missed question is due only tomorrow, so no message.
		await clock.advance(run.bot, 2 * HOUR + MINUTE);
		await world.discord.waitFor(() => reminderRuns("nothing-due").length === 1, 10_000);
		expect(world.discord.directMessages(world.bob)).toEqual([]);

		// Tomorrow before 12:00 the card is due, but the reminder's time has not come.
		await clock.advance(run.bot, DAY - HOUR);
		await new Promise((resolve) => setTimeout(resolve, 2_500));
		expect(world.discord.directMessages(world.bob)).toEqual([]);

		await clock.advance(run.bot, HOUR);
		const [reminder] = await world.discord.waitFor(() => {
			const dms = world.discord.directMessages(world.bob);
			return dms.length > 0 ? dms : undefined;
		}, 10_000);
		expect(reminder?.content).toBe(
			"1 question is due for your practice in Study group: run /practice start there. (/practice remind-off there stops these reminders.)",
		);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		expect(world.discord.directMessages(world.bob)).toHaveLength(1);

		// The next day Bob has closed his DMs: Discord refuses, and the reminder is switched off.
		world.discord.setDirectMessagesOpen(world.bob, false);
		await clock.advance(run.bot, DAY);
		await world.discord.waitFor(() => reminderRuns("refused").length === 1, 10_000);
		const status = await runCommand(world, { userId: world.bob, name: "practice", options: [subcommand("status")] });
		expect(status.message?.embeds[0]?.description).toContain("Reminders: off");
		const [notice] = await world.discord.waitFor(() => {
			const followUps = status.followUps();
			return followUps.length > 0 ? followUps : undefined;
		});
		expect(notice?.content).toMatch(/^I couldn't send your practice reminder: Discord refused the direct message/);
		expect((notice?.flags ?? 0) & 64).toBe(64);
		const later = await runCommand(world, { userId: world.bob, name: "review" });
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(later.followUps()).toEqual([]);
		expect(run.bot.logs.filter((line) => line.msg === "practice notice told")).toHaveLength(1);

		const opensBefore = dmOpens().length;
		world.discord.setDirectMessagesOpen(world.bob, true);
		await clock.advance(run.bot, DAY);
		await new Promise((resolve) => setTimeout(resolve, 2_500));
		expect(dmOpens()).toHaveLength(opensBefore);
		expect(world.discord.directMessages(world.bob)).toHaveLength(1);
		// Four days of ticks with about 8.5 s of quiet waits between them: more than vitest's 15 s default
		// leaves on a loaded machine.
	}, 45_000);

	it("GIVEN a bad time or zone, and remind-off THEN each is explained privately and reminders stop", async () => {
		const remind = (time: string, zone: string) =>
			runCommand(world, {
				userId: world.carol,
				name: "practice",
				options: [subcommand("remind", [stringOption("time", time), stringOption("timezone", zone)])],
			});
		expect(ephemeralText((await remind("7pm", "UTC")).data)).toMatch(/^“7pm” is not a time of day/);
		expect(ephemeralText((await remind("19:00", "Europe/Berln")).data)).toMatch(
			/^“Europe\/Berln” is not a time zone I know\. Close matches: Europe\/Berlin/,
		);
		await remind("19:00", "Europe/Berlin");
		const off = await runCommand(world, { userId: world.carol, name: "practice", options: [subcommand("remind-off")] });
		expect(ephemeralText(off.data)).toBe("Practice reminders are off. /practice remind turns them on again.");
	});
});
