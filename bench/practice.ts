import type { APIMessage } from "discord-api-types/v10";
import { ComponentType } from "discord-api-types/v10";
import { FakeDiscord } from "../fake-discord/index.js";
import { runCommand, subcommand } from "../harness/rounds.js";
import { addMembers, createWorld } from "../harness/world.js";
import { listBankFiles, loadBankFiles } from "../src/bank-files.js";
import { renderBoardCard, renderStatsCard } from "../src/core/render/progress-cards.js";
import type { MemberStats } from "../src/core/standings.js";
import { percentile, round } from "./measure.js";
import type { BenchRow } from "./row.js";
import { BENCH_TOKEN, type SubjectKind, startSubject } from "./subjects.js";

const CARD_WARM_UP = 10;
const CARD_RUNS = 100;
const CARD_BUDGET_MS = 100;

/** Render time of one card, start to PNG bytes, in this process: what a /stats reply waits for. */
export async function cardRows(): Promise<BenchRow[]> {
	const { bank } = await loadBankFiles(await listBankFiles("data/banks"));
	const sections = bank.sections.slice(0, 8).map((section, index) => ({
		sectionId: section.id,
		answered: 10 + index,
		correct: 3 + index,
	}));
	const stats: MemberStats = {
		periods: { all: { points: 142, rank: 3, of: 40 }, week: { points: 12, rank: 1, of: 9 }, month: undefined },
		overall: { answered: 120, correct: 80 },
		sections,
	};
	const rows = Array.from({ length: 10 }, (_, index) => ({
		rank: index + 1,
		name: `a member with a fairly long display name ${index}`,
		value: `${200 - index * 7} pts`,
		detail: `${80 - index}% of ${60 - index}`,
		isCaller: index === 4,
	}));
	const cards = {
		stats: () =>
			renderStatsCard({
				name: "Grace Hopper",
				server: "Study group",
				stats,
				streak: { current: 4, best: 12 },
				cardsDue: 7,
				bank,
			}),
		board: () => renderBoardCard({ title: "Leaderboard · All time", subtitle: "Study group · page 1 of 4", rows }),
	};
	const result: BenchRow[] = [];
	for (const [name, render] of Object.entries(cards)) {
		for (let i = 0; i < CARD_WARM_UP; i++) await render();
		const times: number[] = [];
		for (let i = 0; i < CARD_RUNS; i++) {
			const started = performance.now();
			await render();
			times.push(performance.now() - started);
		}
		for (const p of [50, 99]) {
			const ms = percentile(times, p);
			result.push({
				measure: `${name} card render p${p} (PNG)`,
				dojo: round(ms),
				unit: "ms",
				target: `≤ ${CARD_BUDGET_MS} ms`,
				met: ms <= CARD_BUDGET_MS,
			});
		}
	}
	return result;
}

const WARM_UP = 10;
const SEQUENTIAL = 100;
const WAVES = 4;
const CONCURRENT = 50;

function buttonIds(message: APIMessage | undefined): string[] {
	return (message?.components ?? []).flatMap((row) =>
		row.type === ComponentType.ActionRow
			? row.components.flatMap((component) => ("custom_id" in component ? [component.custom_id] : []))
			: [],
	);
}

/** /practice start and one answer click, end to end; the bare client's constant reply is the baseline. */
async function measure(kind: SubjectKind, redisUrl: string) {
	const discord = await FakeDiscord.start({ token: BENCH_TOKEN });
	const world = await createWorld(discord);
	const bot = await startSubject(kind, { apiUrl: discord.apiUrl, guildId: world.guildId, redisUrl });
	const members = addMembers(world, CONCURRENT, "learner");
	const name = kind === "dojo" ? "practice" : "question";
	const start = async (userId: string) => {
		const result = await runCommand(world, {
			userId,
			name,
			...(kind === "dojo" ? { options: [subcommand("start")] } : {}),
		});
		if (!result.responded || result.latencyMs === undefined) throw new Error(`${kind}: /${name} got no answer`);
		return result;
	};
	const answer = async (userId: string, message: APIMessage | undefined) => {
		const [first] = buttonIds(message);
		if (!message || !first) throw new Error("no practice button to click");
		const click = await discord.clickButton({ guildId: world.guildId, userId, message, customId: first });
		if (!click.responded || click.latencyMs === undefined) throw new Error("the practice click got no answer");
		return click.latencyMs;
	};
	try {
		for (let i = 0; i < WARM_UP; i++) await start(world.alice);
		const one: number[] = [];
		const clicks: number[] = [];
		for (let i = 0; i < SEQUENTIAL; i++) {
			const result = await start(world.alice);
			one.push(result.latencyMs ?? Number.NaN);
			if (kind === "dojo") clicks.push(await answer(world.alice, result.message));
		}
		const fifty: number[] = [];
		for (let wave = 0; wave < WAVES; wave++) {
			const results = await Promise.all(members.map((member) => start(member)));
			fifty.push(...results.map((result) => result.latencyMs ?? Number.NaN));
		}
		return { one, fifty, clicks };
	} finally {
		await bot.stop();
		await discord.close();
	}
}

export async function practiceRows(redisUrl: string): Promise<BenchRow[]> {
	const bare = await measure("bare", redisUrl);
	const dojo = await measure("dojo", redisUrl);
	const rows: BenchRow[] = [];
	for (const [label, key] of [
		["1 at a time", "one"],
		[`${CONCURRENT} members at once`, "fifty"],
	] as const) {
		for (const p of [50, 99]) {
			rows.push({
				measure: `/practice start end to end p${p}, ${label}`,
				dojo: round(percentile(dojo[key], p)),
				baseline: round(percentile(bare[key], p)),
				unit: "ms",
				target: "",
			});
		}
	}
	for (const p of [50, 99]) {
		rows.push({
			measure: `practice answer click end to end p${p}`,
			dojo: round(percentile(dojo.clicks, p)),
			unit: "ms",
			target: "",
		});
	}
	return rows;
}
