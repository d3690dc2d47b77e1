import { FakeDiscord } from "../fake-discord/index.js";
import { askQuestion, LETTERS, react, stringOption } from "../harness/rounds.js";
import { addMembers, createWorld } from "../harness/world.js";
import { openStore } from "../src/store/open-store.js";
import { hiddenPickRows } from "./hidden-picks.js";
import { round, yieldToEventLoop } from "./measure.js";
import type { BenchRow } from "./row.js";
import { BENCH_TOKEN, startSubject } from "./subjects.js";

const ONE_ROUND_MEMBERS = 3_000;
const ROUNDS = 30;
const MEMBERS_PER_ROUND = 100;
/** A question with four choices, so every letter is a valid pick. */
const QUESTION = "flask-what-is-flask";

/**
 * Accepted picks per second: members react as fast as the gateway delivers, in a channel where picks
 * stay visible (no Discord call per pick), so the figure is the bot and its store.
 */
export async function pickRows(redisUrl: string): Promise<BenchRow[]> {
	const visible = await visiblePickRows(redisUrl);
	return [...visible, ...(await hiddenPickRows(redisUrl))];
}

async function visiblePickRows(redisUrl: string): Promise<BenchRow[]> {
	const discord = await FakeDiscord.start({ token: BENCH_TOKEN });
	const world = await createWorld(discord);
	const bot = await startSubject("dojo", { apiUrl: discord.apiUrl, guildId: world.guildId, redisUrl });
	const store = await openStore({ kind: "redis", url: redisUrl });
	const locked = () => bot.logs.filter((line) => line.msg === "pick locked").length;
	try {
		const members = addMembers(world, ONE_ROUND_MEMBERS, "picker");
		const burst = async (messages: Array<{ id: string; channel_id: string }>, pickers: string[]) => {
			const before = locked();
			const started = performance.now();
			let sent = 0;
			for (const message of messages) {
				for (const [index, member] of pickers.entries()) {
					react(world, message as never, member, LETTERS[index % 4] ?? "🇦");
					if (++sent % 500 === 0) await yieldToEventLoop();
				}
			}
			const expected = messages.length * pickers.length;
			await discord.waitFor(() => locked() - before >= expected, 120_000);
			const seconds = (performance.now() - started) / 1000;
			let stored = 0;
			for (const message of messages) stored += Object.keys(await store.hashGetAll(`picks:${message.id}`)).length;
			return { rate: expected / seconds, lost: expected - stored, extra: locked() - before - expected };
		};

		const { message } = await askQuestion(world, world.alice, [stringOption("id", QUESTION)]);
		const one = await burst([message], members);
		const rounds = [];
		for (let i = 0; i < ROUNDS; i++) {
			rounds.push((await askQuestion(world, world.alice, [stringOption("id", QUESTION)])).message);
		}
		const many = await burst(rounds, members.slice(0, MEMBERS_PER_ROUND));
		return [
			{
				measure: `accepted picks/s, one round, ${ONE_ROUND_MEMBERS} members (lost ${one.lost}, doubled ${one.extra})`,
				dojo: round(one.rate, 0),
				unit: "picks/s",
				target: "≥ 2,000, none lost",
				met: one.rate >= 2_000 && one.lost === 0 && one.extra === 0,
			},
			{
				measure: `accepted picks/s, ${ROUNDS} rounds × ${MEMBERS_PER_ROUND} members (lost ${many.lost}, doubled ${many.extra})`,
				dojo: round(many.rate, 0),
				unit: "picks/s",
				target: "≥ 2,000, none lost",
				met: many.rate >= 2_000 && many.lost === 0 && many.extra === 0,
			},
		];
	} finally {
		await store.close();
		await bot.stop();
		await discord.close();
	}
}
