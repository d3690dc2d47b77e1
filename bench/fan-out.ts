import { DateTime } from "luxon";
import { FakeDiscord } from "../fake-discord/index.js";
import { GLOBAL_PER_SECOND } from "../fake-discord/rate-limits.js";
import { DAILIES_DUE, saveDailyConfig } from "../src/core/daily/config.js";
import { openStore } from "../src/store/open-store.js";
import { round } from "./measure.js";
import type { BenchRow } from "./row.js";
import { BENCH_TOKEN, startSubject } from "./subjects.js";

const GUILDS = 1_000;

/**
 * 1,000 guilds whose daily falls due in the same minute, against a server enforcing Discord's
 * global 50 requests per second and its reaction buckets. The lower bound is the requests the posts
 * needed divided by 50 per second.
 */
export async function fanOutRows(redisUrl: string): Promise<BenchRow[]> {
	const discord = await FakeDiscord.start({ token: BENCH_TOKEN, rateLimits: true });
	const owner = discord.createUser({ username: "owner" });
	const store = await openStore({ kind: "redis", url: redisUrl });
	const time = DateTime.utc().minus({ minutes: 5 }).toFormat("HH:mm");
	try {
		for (let g = 0; g < GUILDS; g++) {
			const { id } = discord.createGuild({ name: `guild-${g}`, ownerId: owner });
			const channelId = discord.createChannel(id, { name: "daily" });
			await saveDailyConfig({ store }, id, { channelId, time, timeZone: "UTC", revealAfterHours: 12 });
			await store.rankingSet(DAILIES_DUE, id, Date.now() - 1_000);
		}
	} finally {
		await store.close();
	}
	const bot = await startSubject("dojo", { apiUrl: discord.apiUrl, redisUrl });
	try {
		const ready = await bot.waitForLog("ready");
		const posted = () => bot.logs.filter((line) => line.msg === "daily posted");
		await discord.waitFor(() => posted().length >= GUILDS, 900_000);
		const started = Number(ready.time);
		const finished = Math.max(...posted().map((line) => Number(line.time)));
		const window = discord.requests.filter(
			(request) => request.at >= started && !request.path.includes("/interactions/") && request.status !== 429,
		);
		const refused = discord.rateLimitRefusals;
		const seconds = (finished - started) / 1000;
		const bound = window.length / GLOBAL_PER_SECOND;
		return [
			{
				measure: `daily fan-out: ${GUILDS.toLocaleString("en")} guilds due at once, ${window.length.toLocaleString("en")} requests (429s: ${refused.global} global, ${refused.route} reaction bucket)`,
				dojo: round(seconds),
				baseline: round(bound),
				unit: "s",
				target: "≤ 1.2× rate-limit lower bound",
				met: seconds <= bound * 1.2,
			},
		];
	} finally {
		await bot.stop();
		await discord.close();
	}
}
