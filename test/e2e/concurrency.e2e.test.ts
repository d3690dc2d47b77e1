import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrivateRedis, skipWithoutRedis, startPrivateRedis } from "../../harness/redis-server.js";
import { askQuestion, LIGHTBULB, react, stringOption, waitForReveal } from "../../harness/rounds.js";
import { addMembers, createWorld, type DojoRun, startDojo, type World } from "../../harness/world.js";
import { openStore } from "../../src/store/open-store.js";

const MEMBERS = 50;

/**
 * Two bot processes on one Redis, both connected as the same shard (as during a rolling deploy): every
 * reaction reaches both. Each pick must still be stored once and scored once.
 */
describe.skipIf(skipWithoutRedis())("e2e: two bot processes sharing Redis", () => {
	let world: World;
	let redis: PrivateRedis;
	const runs: DojoRun[] = [];

	beforeAll(async () => {
		[world, redis] = await Promise.all([createWorld(), startPrivateRedis()]);
	});
	afterAll(async () => {
		await Promise.all(runs.map((run) => run.bot.stop()));
		await world?.discord.close();
		await redis?.stop();
	});

	it(`GIVEN ${MEMBERS} members picking within one second THEN every pick is stored once and the points add up`, async () => {
		runs.push(await startDojo(world, { redisUrl: redis.url }));
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
		runs.push(await startDojo(world, { redisUrl: redis.url }));
		await world.discord.waitFor(() => world.discord.connections === 2);

		const members = addMembers(world, MEMBERS);
		// e2e-methods has three choices; 🇧 is right.
		const letters = ["🇦", "🇧", "🇨"];
		members.forEach((id, index) => {
			react(world, message, id, letters[index % 3] ?? "🇦");
			react(world, message, id, letters[(index + 1) % 3] ?? "🇦");
		});
		await world.discord.waitFor(
			() => runs.flatMap((run) => run.bot.logs).filter((line) => line.msg === "pick locked").length >= MEMBERS,
			10_000,
		);
		react(world, message, world.alice, LIGHTBULB);
		await waitForReveal(world, message);
		await world.discord.waitFor(() =>
			runs.flatMap((run) => run.bot.logs).some((line) => line.msg === "round revealed"),
		);

		const locked = runs.flatMap((run) => run.bot.logs).filter((line) => line.msg === "pick locked");
		const reveals = runs.flatMap((run) => run.bot.logs).filter((line) => line.msg === "round revealed");
		const store = await openStore({ kind: "redis", url: redis.url });
		try {
			const picks = await store.hashGetAll(`picks:${message.id}`);
			const board = await store.rankingPage(`board:${world.guildId}:all`, 0, 100);
			const right = members.filter((_, index) => index % 3 === 1).length;
			expect({ locked: locked.length, stored: Object.keys(picks).length, reveals: reveals.length }).toEqual({
				locked: MEMBERS,
				stored: MEMBERS,
				reveals: 1,
			});
			// Each member's first letter holds; the hash's order is the order the picks landed, not the members'.
			const stored = Object.fromEntries(Object.entries(picks).map(([member, raw]) => [member, JSON.parse(raw).choice]));
			expect(stored).toEqual(Object.fromEntries(members.map((id, index) => [id, index % 3])));
			expect(board).toHaveLength(MEMBERS);
			expect(board.reduce((sum, entry) => sum + entry.score, 0)).toBe(right * 2 + 1);
			console.log(
				`concurrency: ${MEMBERS * 2} letter reactions from ${MEMBERS} members to 2 processes; ${locked.length} picks locked, ${Object.keys(picks).length} stored, ${board.reduce((s, e) => s + e.score, 0)} points awarded (${right} right × 2 + 1 bonus)`,
			);
		} finally {
			await store.close();
		}
	});
});
