import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";
import { z } from "zod";
import type { Logger, Store } from "../core/ports.js";
import { withinDeadline } from "../lib/deadline.js";

const STORE_CHECK_TIMEOUT_MS = 1_000;

export interface HealthSources {
	gatewayReady(): boolean;
	store: Store;
	registry: Registry;
	logger: Logger;
}

async function storeReachable(store: Store): Promise<string | undefined> {
	try {
		await withinDeadline(
			store.get("health:probe", z.unknown()),
			STORE_CHECK_TIMEOUT_MS,
			() => new Error(`no answer within ${STORE_CHECK_TIMEOUT_MS} ms`),
		);
		return undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

/**
 * `/healthz` answers 200 only when the gateway session is ready and the store answers a read within a
 * second; `/metrics` serves Prometheus text. Both are for an orchestrator on the host or its network.
 */
export function startHealthServer(port: number, sources: HealthSources): Promise<Server> {
	const server = createServer((request, response) => {
		void (async () => {
			if (request.url === "/healthz") {
				const storeProblem = await storeReachable(sources.store);
				const gateway = sources.gatewayReady() ? "ready" : "not connected";
				const healthy = gateway === "ready" && !storeProblem;
				response.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
				response.end(
					JSON.stringify({ status: healthy ? "ok" : "unhealthy", gateway, store: storeProblem ?? "reachable" }),
				);
			} else if (request.url === "/metrics") {
				response.writeHead(200, { "content-type": sources.registry.contentType });
				response.end(await sources.registry.metrics());
			} else {
				response.writeHead(404, { "content-type": "text/plain" });
				response.end("Not found: try /healthz or /metrics\n");
			}
		})().catch((error: unknown) => {
			sources.logger.error({ err: error }, "health endpoint failed");
			if (!response.headersSent) response.writeHead(500);
			response.end();
		});
	});
	return new Promise((resolve, reject) => {
		server.once("error", reject);
		server.listen(port, () => resolve(server));
	});
}
