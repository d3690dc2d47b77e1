import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadText } from "../../src/lib/limited-download.js";

describe("downloadText", () => {
	let server: Server;
	let base: string;
	beforeAll(async () => {
		server = createServer((request, response) => {
			if (request.url === "/text") response.end("id: bank\n");
			else if (request.url === "/endless") {
				// No length announced: the cap must hold while the body streams.
				response.writeHead(200);
				const chunk = "x".repeat(64 * 1024);
				const timer = setInterval(() => response.write(chunk), 1);
				response.on("close", () => clearInterval(timer));
			} else if (request.url === "/binary") response.end(Buffer.from([0xff, 0xfe, 0xfd]));
			else if (request.url === "/slow") setTimeout(() => response.end("late"), 5_000).unref();
			else response.writeHead(404).end();
		});
		await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});

	const options = { maxBytes: 1_000_000, timeoutMs: 2_000 };

	it("GIVEN a small UTF-8 file THEN its text", async () => {
		expect(await downloadText(`${base}/text`, options)).toBe("id: bank\n");
	});

	it("GIVEN a body that goes past the cap, whatever the server announced, THEN it stops with the limit named", async () => {
		await expect(downloadText(`${base}/endless`, options)).rejects.toThrow("the file is larger than 1000000 bytes");
	});

	it("GIVEN bytes that are not UTF-8, a 404 or a server that does not answer in time THEN each is named", async () => {
		await expect(downloadText(`${base}/binary`, options)).rejects.toThrow("the file is not UTF-8 text");
		await expect(downloadText(`${base}/missing`, options)).rejects.toThrow("the file could not be fetched (HTTP 404)");
		await expect(downloadText(`${base}/slow`, { ...options, timeoutMs: 200 })).rejects.toThrow(
			"the download took too long",
		);
	});
});
