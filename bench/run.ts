import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { startPrivateRedis } from "../harness/redis-server.js";
import { bankImportRows } from "./bank-import.js";
import { fanOutRows } from "./fan-out.js";
import { latencyRows } from "./latency.js";
import { leaderboardRows } from "./leaderboard.js";
import { memoryRows } from "./memory.js";
import { pickRows } from "./picks.js";
import { cardRows, practiceRows } from "./practice.js";
import type { BenchRow } from "./row.js";

const SCENARIOS: Record<string, (redisUrl: string) => Promise<BenchRow[]>> = {
	latency: latencyRows,
	picks: pickRows,
	leaderboard: leaderboardRows,
	memory: memoryRows,
	"fan-out": fanOutRows,
	cards: cardRows,
	practice: practiceRows,
	"bank-import": bankImportRows,
};

function table(rows: BenchRow[]): string {
	const header = ["measure", "Dojo", "baseline", "unit", "target", "met"];
	const lines = rows.map((row) => [
		row.measure,
		String(row.dojo),
		row.baseline === undefined ? "" : String(row.baseline),
		row.unit,
		row.target,
		row.met === undefined ? "" : row.met ? "yes" : "NO",
	]);
	const widths = header.map((title, column) =>
		Math.max(title.length, ...lines.map((line) => (line[column] ?? "").length)),
	);
	const format = (cells: string[]) =>
		`| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
	return [format(header), format(widths.map((width) => "-".repeat(width))), ...lines.map(format)].join("\n");
}

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in SCENARIOS));
if (unknown.length > 0) {
	console.error(`bench: unknown scenario ${unknown.join(", ")}; choose from ${Object.keys(SCENARIOS).join(", ")}`);
	process.exit(1);
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`bench on ${machine}`);
const rows: BenchRow[] = [];
for (const name of chosen.length > 0 ? chosen : Object.keys(SCENARIOS)) {
	const scenario = SCENARIOS[name];
	if (!scenario) continue;
	// A fresh private Redis per scenario, so one scenario's keys never slow the next.
	const redis = await startPrivateRedis();
	const started = Date.now();
	try {
		const scenarioRows = await scenario(redis.url);
		rows.push(...scenarioRows);
		console.log(`\n${name} (${Math.round((Date.now() - started) / 1000)} s)\n${table(scenarioRows)}`);
	} finally {
		await redis.stop();
	}
}
console.log(`\nall results\n${table(rows)}`);
mkdirSync("bench/results", { recursive: true });
const file = `bench/results/${new Date().toISOString().replaceAll(":", "-")}.json`;
writeFileSync(file, `${JSON.stringify({ machine, at: new Date().toISOString(), rows }, null, "\t")}\n`);
console.log(`\nwritten to ${file}`);
