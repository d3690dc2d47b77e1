import { InteractionResponseType } from "discord-api-types/v10";
import { stringify } from "yaml";
import { FakeDiscord } from "../fake-discord/index.js";
import { runCommand, subcommand } from "../harness/rounds.js";
import { createWorld } from "../harness/world.js";
import { SERVER_BANK_LIMITS } from "../src/core/bank/import.js";
import { percentile, round } from "./measure.js";
import type { BenchRow } from "./row.js";
import { BENCH_TOKEN, startSubject } from "./subjects.js";

const RUNS = 5;
const BUDGET_MS = 3_000;

/** A bank at the per-bank limit, its questions about as long as the shipped ones. */
function fullBank(revision: number): string {
	const sections = Array.from({ length: 10 }, (_, index) => ({
		id: `bench-s${index}`,
		title: `Bench section ${index}`,
	}));
	return stringify({
		id: "bench-bank",
		title: "Bench bank",
		sections,
		questions: Array.from({ length: SERVER_BANK_LIMITS.questionsPerBank }, (_, index) => ({
			id: `bench-q-${index}`,
			section: sections[index % sections.length]?.id,
			difficulty: ["easy", "medium", "advanced"][index % 3],
			kind: "choice",
			prompt: `Revision ${revision}: which of these describes case ${index} of a request passing through the app's middleware, its routing and its views?`,
			choices: [
				"It is handled before routing",
				"It reaches the view after routing",
				"It never reaches the app",
				"It depends on the server",
			],
			correct: index % 4,
			answer: `Case ${index}: the request is routed first, then its view runs; middleware wraps both. `.repeat(4),
		})),
	});
}

/** `/bank import` of a 500-question bank through the bot on Redis: attach, download, check, store, reply. */
export async function bankImportRows(redisUrl: string): Promise<BenchRow[]> {
	const discord = await FakeDiscord.start({ token: BENCH_TOKEN });
	const world = await createWorld(discord);
	const bot = await startSubject("dojo", { apiUrl: discord.apiUrl, guildId: world.guildId, redisUrl });
	const timings: number[] = [];
	let bytes = 0;
	try {
		for (let run = 0; run < RUNS; run++) {
			const text = fullBank(run);
			bytes = Buffer.byteLength(text);
			const file = discord.attachFile("bench-bank.yaml", text, "application/x-yaml");
			const started = performance.now();
			const result = await runCommand(world, {
				userId: world.admin,
				name: "bank",
				options: [
					subcommand("import", [
						{ name: "file", type: 11, value: file.id },
						{ name: "replace", type: 5, value: true },
					]),
				],
			});
			if (result.type !== InteractionResponseType.DeferredChannelMessageWithSource) {
				throw new Error(`/bank import was not deferred: ${JSON.stringify(result.data)}`);
			}
			const reply = await discord.waitFor(() => result.original()?.content, 60_000);
			if (!/^(Imported|Updated) the bank/.test(reply)) throw new Error(`/bank import failed: ${reply.slice(0, 300)}`);
			timings.push(performance.now() - started);
		}
	} finally {
		await bot.stop();
		await discord.close();
	}
	const p50 = percentile(timings, 50);
	const worst = Math.max(...timings);
	return [
		{
			measure: `/bank import of 500 questions (${Math.round(bytes / 1024)} KB) to the reply, p50 of ${RUNS}`,
			dojo: round(p50),
			unit: "ms",
			target: `≤ ${BUDGET_MS} ms`,
			met: p50 <= BUDGET_MS,
		},
		{
			measure: "/bank import of 500 questions, slowest run",
			dojo: round(worst),
			unit: "ms",
			target: `≤ ${BUDGET_MS} ms`,
			met: worst <= BUDGET_MS,
		},
	];
}
