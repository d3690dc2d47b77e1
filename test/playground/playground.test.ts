import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.js";
import { startPlayground } from "./playground-process.js";

interface State {
	members: Array<{ id: string; name: string }>;
	channels: Array<{ id: string; name: string; messages: Array<{ id: string }> }>;
}

describe("npm run playground", () => {
	it("GIVEN a round posted THEN Ctrl-C stops it cleanly, and a restart in the same folder shows the round to the same members and answers", async () => {
		const data = mkdtempSync(join(tmpdir(), "dojo-playground-restart-"));
		const args = ["--port", String(await freePort()), "--data", data, "--banks", "test/playground/banks"];
		const first = await startPlayground(["--reset", ...args]);
		const state = (await (await fetch(`${first.url}api/state`)).json()) as State;
		const [practice] = state.channels;
		const grace = state.members.find((member) => member.name === "Grace");
		const post = (url: string, path: string, body: object) =>
			fetch(`${url}${path}`, {
				method: "POST",
				headers: { "content-type": "application/json" },
				body: JSON.stringify(body),
			});
		await post(first.url, "api/command", {
			userId: grace?.id,
			channelId: practice?.id,
			name: "question",
			options: [{ name: "id", type: 3, value: "pg-converter" }],
		});
		expect(await first.stop()).toBe(0);

		const second = await startPlayground(args);
		try {
			const after = (await (await fetch(`${second.url}api/state`)).json()) as State;
			expect(after.members).toEqual(state.members);
			const [round] = after.channels.find((channel) => channel.id === practice?.id)?.messages ?? [];
			expect(round).toBeDefined();
			const refused = await post(second.url, "api/command", {
				userId: grace?.id,
				channelId: practice?.id,
				name: "question",
				options: [{ name: "section", type: 3, value: "nope" }],
			});
			expect(((await refused.json()) as { ephemeral: boolean }).ephemeral).toBe(true);
		} finally {
			expect(await second.stop()).toBe(0);
		}
	}, 60_000);

	it("GIVEN --host other than loopback THEN it warns that the page has no authentication", async () => {
		const exposed = await startPlayground([
			"--reset",
			"--host",
			"0.0.0.0",
			"--port",
			String(await freePort()),
			"--data",
			mkdtempSync(join(tmpdir(), "dojo-playground-host-")),
		]);
		try {
			expect(exposed.output()).toContain("it has no authentication");
		} finally {
			await exposed.stop();
		}
	}, 60_000);
});
