import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { DojoMetrics } from "../core/ports.js";

export interface PrometheusMetrics extends DojoMetrics {
	readonly registry: Registry;
	observeStore(operation: string, seconds: number, failed: boolean): void;
}

/**
 * The bot's Prometheus metrics on a registry of its own (not prom-client's global one), with the
 * process defaults. The gateway ping is read when scraped, so nothing polls it in between.
 */
export function createMetrics(gatewayPingMs: () => number): PrometheusMetrics {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry });
	const commands = new Counter({
		name: "dojo_commands_total",
		help: "Slash commands handled, by command and outcome (ok, refused: a user-facing error, failed: a bug or outage)",
		labelNames: ["command", "outcome"] as const,
		registers: [registry],
	});
	const commandSeconds = new Histogram({
		name: "dojo_command_duration_seconds",
		help: "Time from receiving a slash command to finishing its handler",
		labelNames: ["command"] as const,
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
		registers: [registry],
	});
	const picks = new Counter({ name: "dojo_picks_total", help: "Picks locked", registers: [registry] });
	const reveals = new Counter({
		name: "dojo_reveals_total",
		help: "Rounds revealed, by what revealed them",
		labelNames: ["reason"] as const,
		registers: [registry],
	});
	const dailies = new Counter({
		name: "dojo_dailies_total",
		help: "Daily questions attempted, by outcome",
		labelNames: ["outcome"] as const,
		registers: [registry],
	});
	const storeSeconds = new Histogram({
		name: "dojo_store_operation_duration_seconds",
		help: "Latency of store operations, by operation and whether they failed",
		labelNames: ["operation", "failed"] as const,
		buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
		registers: [registry],
	});
	new Gauge({
		name: "dojo_gateway_ping_seconds",
		help: "The gateway's last heartbeat round trip (-0.001 before the first one)",
		registers: [registry],
		collect() {
			this.set(gatewayPingMs() / 1000);
		},
	});
	return {
		registry,
		commandHandled(command, outcome, seconds) {
			commands.inc({ command, outcome });
			commandSeconds.observe({ command }, seconds);
		},
		pickLocked: () => picks.inc(),
		roundRevealed: (reason) => reveals.inc({ reason }),
		dailyAttempted: (posted) => dailies.inc({ outcome: posted ? "posted" : "failed" }),
		observeStore(operation, seconds, failed) {
			storeSeconds.observe({ operation, failed: String(failed) }, seconds);
		},
	};
}
