import { readFileSync } from "node:fs";

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Resident set size of a process, in MiB, from /proc (Linux). */
export function residentMiB(pid: number | undefined): number {
	if (pid === undefined) return Number.NaN;
	const status = readFileSync(`/proc/${pid}/status`, "utf8");
	const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
	return kib / 1024;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets queued socket writes and timers run between chunks of a long synchronous loop. */
export const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const started = performance.now();
	const value = await task();
	return { ms: performance.now() - started, value };
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** User plus system CPU time a process has used so far, in seconds, from /proc (Linux). */
export function cpuSeconds(pid: number | undefined): number {
	if (pid === undefined) return Number.NaN;
	// The command name (field 2) may hold spaces; the fields after its closing bracket are fixed.
	const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
	const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
	// utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second on Linux).
	return (Number(fields[11]) + Number(fields[12])) / 100;
}
