import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isDroppedConnection, retryDropped } from "../../src/lib/dropped-connection.js";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server that closes the connection without answering the first `drops` requests, then answers "ok". */
async function droppingServer(drops: number): Promise<{ url: string; requests: () => number }> {
	let requests = 0;
	server = createServer((request, response) => {
		requests += 1;
		if (requests <= drops) request.socket.destroy();
		else response.end("ok");
	});
	await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests: () => requests };
}

const text = (url: string) => fetch(url).then((response) => response.text());

describe("a request whose connection drops before the answer", () => {
	it("GIVEN the server closes connections unanswered THEN the request is sent again until it is answered", async () => {
		const { url, requests } = await droppingServer(2);
		await expect(text(url)).rejects.toSatisfy(isDroppedConnection);
		expect(await retryDropped(() => text(url))).toBe("ok");
		expect(requests()).toBe(3);
	});

	it("GIVEN every attempt dropped THEN it gives up after three and throws the drop", async () => {
		const { url, requests } = await droppingServer(10);
		await expect(retryDropped(() => text(url))).rejects.toSatisfy(isDroppedConnection);
		expect(requests()).toBe(3);
	});

	it("GIVEN an error that is not a dropped connection THEN it is thrown at once", async () => {
		let calls = 0;
		const refused = Object.assign(new Error("Missing Access"), { code: 50001 });
		await expect(
			retryDropped(async () => {
				calls += 1;
				throw refused;
			}),
		).rejects.toBe(refused);
		expect(calls).toBe(1);
	});
});
