import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type DailyConfigRecord, loadDailyState, saveDailyConfig } from "../../src/core/daily/config.js";
import { type DailyPoster, runDueDailies, scheduleDaily } from "../../src/core/daily/runner.js";
import { dueDate, localDate, nextRunAt, scheduledInstant } from "../../src/core/daily/schedule.js";
import { coreContext } from "./fixtures.js";

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis();
const HOUR = 3_600_000;

describe("daily schedule maths", () => {
	it("GIVEN 02:30 in New York on the spring-forward day THEN it is due at 03:30 local, not skipped", () => {
		expect(new Date(scheduledInstant("2026-03-08", "02:30", "America/New_York")).toISOString()).toBe(
			"2026-03-08T07:30:00.000Z",
		);
		expect(new Date(nextRunAt(at("2026-03-08T06:00Z"), "02:30", "America/New_York")).toISOString()).toBe(
			"2026-03-08T07:30:00.000Z",
		);
	});

	it("GIVEN 01:30 on the fall-back day THEN there is one due instant that day, and the next day's is a day later", () => {
		const first = nextRunAt(at("2026-11-01T04:00Z"), "01:30", "America/New_York");
		const second = nextRunAt(first, "01:30", "America/New_York");
		expect(localDate(first, "America/New_York")).toBe("2026-11-01");
		expect(localDate(second, "America/New_York")).toBe("2026-11-02");
	});

	it("GIVEN the same instant THEN each zone has its own local date", () => {
		const instant = at("2026-11-25T23:30Z");
		expect([
			localDate(instant, "UTC"),
			localDate(instant, "Asia/Tokyo"),
			localDate(instant, "America/Los_Angeles"),
		]).toEqual(["2026-11-25", "2026-11-26", "2026-11-25"]);
	});

	it("GIVEN the grace window THEN a late bot posts within 3 hours, not after, and a 23:30 daily is caught up after midnight", () => {
		expect(dueDate(at("2026-11-25T09:00Z"), "09:00", "UTC")).toBe("2026-11-25");
		expect(dueDate(at("2026-11-25T11:59Z"), "09:00", "UTC")).toBe("2026-11-25");
		expect(dueDate(at("2026-11-25T12:01Z"), "09:00", "UTC")).toBeUndefined();
		expect(dueDate(at("2026-11-25T08:59Z"), "09:00", "UTC")).toBeUndefined();
		expect(dueDate(at("2026-11-26T00:30Z"), "23:30", "UTC")).toBe("2026-11-25");
	});
});

describe("posting dailies", () => {
	const configs: Record<string, DailyConfigRecord> = {
		"guild-ny": { channelId: "c1", time: "02:30", timeZone: "America/New_York", revealAfterHours: 12 },
		"guild-berlin": { channelId: "c2", time: "07:00", timeZone: "Europe/Berlin", revealAfterHours: 12 },
		"guild-tokyo": { channelId: "c3", time: "21:15", timeZone: "Asia/Tokyo", revealAfterHours: 12 },
	};

	async function setupWeek(start: string) {
		const week = coreContext(at(start));
		for (const [guildId, config] of Object.entries(configs)) {
			await saveDailyConfig(week.ctx, guildId, config);
			await scheduleDaily(week.ctx, guildId, config);
		}
		const posts: Array<{ guildId: string; date: string; at: number; by: string }> = [];
		const poster =
			(by: string): DailyPoster =>
			async (guildId, _config, date) => {
				posts.push({ guildId, date, at: week.ctx.clock.now(), by });
				return { ok: true, messageId: `${guildId}-${date}` };
			};
		return { ...week, posts, poster };
	}

	it("GIVEN three guilds in three zones over the US spring-forward week, ticked each minute by two processes THEN every local date gets exactly one post at its local time", async () => {
		const { ctx, advance, posts, poster } = await setupWeek("2026-03-05T00:00Z");
		for (let minute = 0; minute < 7 * 24 * 60; minute++) {
			const processes = minute % 2 === 0 ? ["process-a", "process-b"] : ["process-b", "process-a"];
			await Promise.all(processes.map((name) => runDueDailies(ctx, poster(name))));
			advance(60_000);
		}
		for (const [guildId, config] of Object.entries(configs)) {
			const mine = posts.filter((post) => post.guildId === guildId);
			expect(mine.map((post) => post.date)).toEqual([...new Set(mine.map((post) => post.date))]);
			expect(mine).toHaveLength(7);
			for (const post of mine) {
				const local = DateTime.fromMillis(post.at, { zone: config.timeZone });
				expect(local.toISODate()).toBe(post.date);
				const expected = post.date === "2026-03-08" && guildId === "guild-ny" ? "03:30" : config.time;
				expect(local.toFormat("HH:mm")).toBe(expected);
			}
		}
		console.log(
			`simulated week: ${posts.length} dailies for 3 guilds, ${new Set(posts.map((p) => `${p.guildId}/${p.date}`)).size} distinct guild-dates, ${posts.filter((p) => p.by === "process-b").length} posted by the second process`,
		);
	});

	it("GIVEN a bot down at the daily's time THEN it posts on return within 3 hours, and waits for tomorrow after that", async () => {
		const { ctx, advance, posts, poster } = await setupWeek("2026-11-25T00:00Z");
		// Back at 10:00 UTC: New York's 02:30 (07:30 UTC) was 2.5 h ago, Berlin's 07:00 (06:00 UTC) 4 h ago.
		advance(10 * HOUR);
		await runDueDailies(ctx, poster("late"));
		expect(posts.map((post) => `${post.guildId} ${post.date}`)).toEqual(["guild-ny 2026-11-25"]);
		// Down again until midnight UTC: Tokyo's 21:15 (12:15 UTC) is almost 12 h past.
		advance(14 * HOUR);
		await runDueDailies(ctx, poster("very late"));
		expect(posts.map((post) => post.guildId)).toEqual(["guild-ny"]);
		expect(await ctx.store.rankingUpTo("dailies-due", ctx.clock.now(), 10)).toEqual([]);
	});

	it("GIVEN a post that fails THEN the problem is recorded for /daily status and the date is not retried", async () => {
		const { ctx, advance } = await setupWeek("2026-11-25T05:59Z");
		let attempts = 0;
		const failing: DailyPoster = async () => {
			attempts++;
			return { ok: false, problem: "I'm missing Send Messages in <#c2>" };
		};
		advance(2 * 60_000);
		await runDueDailies(ctx, failing);
		advance(60_000);
		await runDueDailies(ctx, failing);
		expect(attempts).toBe(1);
		expect(await loadDailyState(ctx, "guild-berlin")).toEqual({
			lastProblem: { date: "2026-11-25", at: at("2026-11-25T06:01Z"), problem: "I'm missing Send Messages in <#c2>" },
		});
	});

	it("GIVEN shards, and more of another shard's guilds due ahead of this one's than one read holds THEN this shard's daily still goes out and theirs wait for their shard", async () => {
		const { ctx, advance } = coreContext(at("2026-11-25T08:00Z"));
		const theirs = ["guild-theirs-1", "guild-theirs-2", "guild-theirs-3", "guild-theirs-4", "guild-theirs-5"];
		for (const guildId of theirs) {
			const config = { channelId: "c9", time: "09:00", timeZone: "UTC", revealAfterHours: 12 };
			await saveDailyConfig(ctx, guildId, config);
			await scheduleDaily(ctx, guildId, config);
		}
		const mine = { channelId: "c1", time: "09:05", timeZone: "UTC", revealAfterHours: 12 };
		await saveDailyConfig(ctx, "guild-mine", mine);
		await scheduleDaily(ctx, "guild-mine", mine);
		advance(70 * 60_000);
		const posted: string[] = [];
		const poster: DailyPoster = async (guildId) => {
			posted.push(guildId);
			return { ok: true, messageId: `${guildId}-daily` };
		};
		const runs = await runDueDailies(ctx, poster, { ownsGuild: (guildId) => guildId === "guild-mine", limit: 2 });
		expect(runs.map((run) => run.guildId)).toEqual(["guild-mine"]);
		expect(posted).toEqual(["guild-mine"]);
		const stillDue = await ctx.store.rankingUpTo("dailies-due", ctx.clock.now(), 10);
		expect(stillDue.map((entry) => entry.member)).toEqual(theirs);
	});
});
