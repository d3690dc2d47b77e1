import { FakeDiscord } from "../fake-discord/index.js";
import type { BotProcess } from "../harness/bot-process.js";
import { runCommand } from "../harness/rounds.js";
import type { World } from "../harness/world.js";
import { createWorld } from "../harness/world.js";
import { percentile, round } from "./measure.js";
import type { BenchRow } from "./row.js";
import { BENCH_TOKEN, type SubjectKind, startSubject } from "./subjects.js";

const WARM_UP = 20;
const SEQUENTIAL = 200;
const WAVES = 6;
const CONCURRENT = 50;

interface LatencyFigures {
	endToEnd: { one: number[]; fifty: number[] };
	botSide: { one: number[]; fifty: number[] };
}

async function measure(kind: SubjectKind, redisUrl: string): Promise<LatencyFigures> {
	const discord = await FakeDiscord.start({ token: BENCH_TOKEN });
	const world: World = await createWorld(discord);
	const bot: BotProcess = await startSubject(kind, { apiUrl: discord.apiUrl, guildId: world.guildId, redisUrl });
	const ask = async () => {
		const result = await runCommand(world, { userId: world.alice, name: "question" });
		if (!result.responded || result.latencyMs === undefined) throw new Error(`${kind}: /question got no answer`);
		return result.latencyMs;
	};
	try {
		for (let i = 0; i < WARM_UP; i++) await ask();
		const one: number[] = [];
		for (let i = 0; i < SEQUENTIAL; i++) one.push(await ask());
		const fifty: number[] = [];
		for (let wave = 0; wave < WAVES; wave++) {
			fifty.push(...(await Promise.all(Array.from({ length: CONCURRENT }, ask))));
		}
		// Dojo logs the reply's timing when the round is posted; the command then goes on to add its reactions.
		const [event, field] = kind === "dojo" ? ["round posted", "replyMs"] : ["command handled", "durationMs"];
		const handled = () => bot.logs.filter((line) => line.msg === event);
		const expected = WARM_UP + SEQUENTIAL + WAVES * CONCURRENT;
		await discord.waitFor(() => handled().length >= expected, 10_000);
		const durations = handled().map((line) => Number(line[field]));
		return {
			endToEnd: { one, fifty },
			botSide: {
				one: durations.slice(WARM_UP, WARM_UP + SEQUENTIAL),
				fifty: durations.slice(WARM_UP + SEQUENTIAL),
			},
		};
	} finally {
		await bot.stop();
		await discord.close();
	}
}

/** /question from INTERACTION_CREATE sent to callback received, Dojo on Redis against the bare client. */
export async function latencyRows(redisUrl: string): Promise<BenchRow[]> {
	const bare = await measure("bare", redisUrl);
	const dojo = await measure("dojo", redisUrl);
	const rows: BenchRow[] = [];
	for (const [label, key] of [
		["1 at a time", "one"],
		[`${CONCURRENT} concurrent`, "fifty"],
	] as const) {
		for (const p of [50, 99]) {
			const ours = percentile(dojo.endToEnd[key], p);
			const theirs = percentile(bare.endToEnd[key], p);
			rows.push({
				measure: `/question end to end p${p}, ${label}`,
				dojo: round(ours),
				baseline: round(theirs),
				unit: "ms",
				target: "≤ 1.5× bare client",
				met: ours <= theirs * 1.5,
			});
		}
		const botP99 = percentile(dojo.botSide[key], 99);
		rows.push({
			measure: `/question bot-side p99, ${label}`,
			dojo: round(botP99),
			baseline: round(percentile(bare.botSide[key], 99)),
			unit: "ms",
			target: key === "fifty" ? "< 20 ms" : "",
			...(key === "fifty" ? { met: botP99 < 20 } : {}),
		});
	}
	return rows;
}
