import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askQuestion, LETTERS, LIGHTBULB, react, stringOption, waitForReveal } from "../../harness/rounds.js";
import { addMembers, createWorld, type DojoRun, startDojo, type World } from "../../harness/world.js";
import { openStore } from "../../src/store/open-store.js";

const BURST = 24;
/** e2e-methods has three choices. */
const letterFor = (index: number) => LETTERS[index % 3] ?? "🇦";

function lockedBy(run: DojoRun): string[] {
	return run.bot.logs.filter((line) => line.msg === "pick locked").map((line) => String(line.userId));
}

async function storedPicks(dataDir: string, messageId: string): Promise<Record<string, number>> {
	const store = await openStore({ kind: "embedded", dataDir });
	try {
		const picks = await store.hashGetAll(`picks:${messageId}`);
		return Object.fromEntries(Object.entries(picks).map(([member, raw]) => [member, JSON.parse(raw).choice]));
	} finally {
		await store.close();
	}
}

describe("e2e: Discord faults while picks arrive", () => {
	let world: World;
	let run: DojoRun;

	beforeAll(async () => {
		world = await createWorld();
		run = await startDojo(world);
	});
	afterAll(async () => {
		await run?.bot.stop();
		await world?.discord.close();
	});

	it("GIVEN the gateway drops in the middle of a burst of picks THEN the session resumes and every pick is stored", async () => {
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
		const members = addMembers(world, BURST, "gateway");
		const identifiesBefore = world.discord.identifies.length;
		members.forEach((member, index) => {
			if (index === BURST / 2) world.discord.disconnectAll(4000);
			react(world, message, member, letterFor(index));
		});
		await run.bot.waitForLog("gateway resumed");
		await world.discord.waitFor(() => lockedBy(run).filter((id) => members.includes(id)).length === BURST, 20_000);
		// Resumed, not re-identified: Discord replays what the dropped connection missed only on RESUME.
		expect(world.discord.identifies.length).toBe(identifiesBefore);
		expect(world.discord.connections).toBe(1);
		await world.discord.waitFor(() =>
			world.discord
				.getMessage(world.hidden, message.id)
				?.reactions?.every((reaction) => reaction.me && reaction.count === 1),
		);
	}, 40_000);

	it("GIVEN Discord answers 429 and 500 on the routes a round uses THEN the bot waits or retries and nothing is lost", async () => {
		const channel = `/api/v10/channels/${world.hidden}/messages/\\d+`;
		world.discord.injectFault({
			method: "PUT",
			path: new RegExp(`^${channel}/reactions/[^/]+/@me$`),
			status: 502,
			times: 1,
		});
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
		world.discord.injectFault({
			method: "DELETE",
			path: new RegExp(`^${channel}/reactions/[^/]+/\\d+$`),
			status: 429,
			times: 3,
			retryAfterSeconds: 0.4,
		});
		world.discord.injectFault({ method: "PATCH", path: new RegExp(`^${channel}$`), status: 500, times: 2 });
		const members = [world.bob, world.carol, world.moderator];
		members.forEach((member, index) => {
			react(world, message, member, letterFor(index));
		});
		await world.discord.waitFor(() => lockedBy(run).filter((id) => members.includes(id)).length === 3, 15_000);
		react(world, message, world.alice, LIGHTBULB);
		const revealed = await waitForReveal(world, message, 20_000);

		expect(world.discord.faultsServed).toBe(6);
		expect(revealed.embeds[1]?.title).toBe("Answer: 🇧");
		// Letters come off from their own queue, apart from storing picks, so the last may still be waiting
		// out its 429 when the reveal lands; each ends with only the bot's own.
		const letterCounts = () =>
			world.discord
				.getMessage(world.hidden, message.id)
				?.reactions?.filter((reaction) => LETTERS.includes(reaction.emoji.name ?? ""))
				.map((reaction) => reaction.count);
		await world.discord.waitFor(() => letterCounts()?.every((count) => count === 1), 15_000);
		expect(letterCounts()).toEqual([1, 1, 1]);
		const rateLimited = world.discord.requests.filter(
			(request) => request.method === "DELETE" && request.status === 429,
		);
		const retried = world.discord.requests.filter(
			(request) => request.method === "DELETE" && request.status === 204 && request.at > (rateLimited[0]?.at ?? 0),
		);
		expect(rateLimited).toHaveLength(3);
		expect(retried.length).toBeGreaterThanOrEqual(3);
		expect(run.bot.logs.filter((line) => line.msg === "reaction failed")).toEqual([]);
	}, 40_000);
});

describe("e2e: stopping in the middle of a burst of picks", () => {
	let world: World;

	beforeAll(async () => {
		world = await createWorld();
	});
	afterAll(async () => {
		await world?.discord.close();
	});

	it("GIVEN SIGTERM while picks pour in THEN the bot exits 0 within 10 s and every pick it accepted is stored", async () => {
		const run = await startDojo(world);
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
		const members = addMembers(world, BURST, "sigterm");
		let stoppedAt = 0;
		let exitCode: Promise<number | null> = Promise.resolve(null);
		members.forEach((member, index) => {
			if (index === BURST / 2) {
				stoppedAt = Date.now();
				exitCode = run.bot.stop("SIGTERM");
			}
			react(world, message, member, letterFor(index));
		});
		expect(await exitCode).toBe(0);
		expect(Date.now() - stoppedAt).toBeLessThan(10_000);
		await run.bot.waitForLog("stopped");

		const accepted = lockedBy(run);
		const stored = await storedPicks(run.dataDir, message.id);
		expect(accepted.length).toBeGreaterThan(0);
		expect(Object.keys(stored).sort()).toEqual([...accepted].sort());
		for (const member of accepted) expect(stored[member]).toBe(members.indexOf(member) % 3);
	}, 40_000);

	it("GIVEN the bot is killed (SIGKILL) while picks pour in THEN every accepted pick is still there after a restart, and scores", async () => {
		const run = await startDojo(world);
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
		const members = addMembers(world, BURST, "sigkill");
		let killed: Promise<number | null> = Promise.resolve(null);
		members.forEach((member, index) => {
			if (index === BURST / 2) killed = run.bot.stop("SIGKILL");
			react(world, message, member, letterFor(index));
		});
		await killed;
		const accepted = lockedBy(run);
		const stored = await storedPicks(run.dataDir, message.id);
		for (const member of accepted) expect(stored[member]).toBe(members.indexOf(member) % 3);

		const again = await startDojo(world, { dataDir: run.dataDir });
		try {
			react(world, message, world.alice, LIGHTBULB);
			const revealed = await waitForReveal(world, message);
			const results = JSON.stringify(revealed.embeds[1]);
			for (const member of Object.keys(stored).filter((id) => stored[id] === 1)) {
				expect(results).toContain(`<@${member}>`);
			}
		} finally {
			await again.bot.stop();
		}
	}, 40_000);
});
