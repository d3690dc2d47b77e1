import { connect, type Socket } from "node:net";

/** One command as Redis's MONITOR reports it: when the server ran it (ms on the monitor's clock) and its name. */
export interface MonitoredCommand {
	atMs: number;
	name: string;
}

/**
 * Commands arriving within this gap of the one before came in the same write (pipelined, or sent in
 * one tick); a longer gap means the client waited for a reply first, i.e. a new round trip.
 */
export const SAME_ROUND_TRIP_MS = 0.15;

/** Every command Redis runs while it watches, through MONITOR on a connection of its own. */
export async function monitorRedis(
	url: string,
): Promise<{ commands: MonitoredCommand[]; now(): number; stop(): void }> {
	const { hostname, port } = new URL(url);
	// Epoch milliseconds with microseconds lose digits in a double; count from a recent second instead.
	const baseSeconds = Math.floor(Date.now() / 1000);
	const socket: Socket = connect(Number(port), hostname);
	const commands: MonitoredCommand[] = [];
	let pending = "";
	await new Promise<void>((resolve, reject) => {
		socket.once("connect", () => resolve());
		socket.once("error", reject);
	});
	socket.setEncoding("utf8");
	socket.on("data", (chunk: string) => {
		const lines = (pending + chunk).split("\r\n");
		pending = lines.pop() ?? "";
		for (const line of lines) {
			// +1700000000.123456 [0 127.0.0.1:5000] "hgetall" "dojo::rotation-cycles:..."; the commands a
			// script runs come as [0 lua] and are part of its EVAL, not commands of their own.
			const match = /^\+(\d+)\.(\d+) \[\d+ [^\]\s]+:\d+\] "([^"]+)"/.exec(line);
			if (!match) continue;
			const atMs = (Number(match[1]) - baseSeconds) * 1000 + Number(`0.${match[2]}`) * 1000;
			commands.push({ atMs, name: match[3] ?? "" });
		}
	});
	socket.write("MONITOR\r\n");
	return {
		commands,
		// The same wall clock Redis stamps its lines with, on the same machine.
		now: () => performance.timeOrigin + performance.now() - baseSeconds * 1000,
		stop: () => socket.destroy(),
	};
}

/** How many round trips a run of commands took, from the gaps between them. */
export function roundTrips(commands: readonly MonitoredCommand[]): number {
	let trips = 0;
	let previous = Number.NEGATIVE_INFINITY;
	for (const command of commands) {
		if (command.atMs - previous > SAME_ROUND_TRIP_MS) trips += 1;
		previous = command.atMs;
	}
	return trips;
}
