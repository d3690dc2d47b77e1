import type { Question } from "./bank/schema.js";
import type { DojoContext } from "./context.js";
import { filterKey, matchingQuestions, type QuestionFilter } from "./selection.js";

/** The daily question keeps a rotation of its own, apart from what members ask with /question. */
export type RotationPool = "command" | "daily";

const rotationKey = (guildId: string, filter: QuestionFilter, pool: RotationPool) =>
	`${pool === "daily" ? "daily-rotation" : "rotation"}-cycles:${guildId}:${filterKey(filter)}`;

/** Tries before settling for a question another caller took at the same instant. */
const ATTEMPTS = 8;
const CYCLE_FIELD = "cycle";
const LAST_FIELD = "last";

interface Cycle {
	number: number;
	asked: Set<string>;
	last: string | undefined;
}

/** The rotation hash: `cycle`, `last`, `closed:<n>` markers and one `<n>:<question id>` field per question asked in cycle n. */
function readCycle(fields: Record<string, string>, number = Number(fields[CYCLE_FIELD] ?? 0)): Cycle {
	const prefix = `${number}:`;
	const asked = new Set(
		Object.keys(fields)
			.filter((field) => field.startsWith(prefix))
			.map((field) => field.slice(prefix.length)),
	);
	return { number, asked, last: fields[LAST_FIELD] };
}

/**
 * Takes the next question of a guild's rotation for these filters: each question once per cycle, and
 * a new cycle never opens with the question that closed the last. A question is taken by a
 * set-if-absent on the store, so concurrent commands, in one process or several sharing Redis, get
 * different questions without waiting on each other; a restart does not reset the cycle.
 */
export async function takeNextQuestion(
	ctx: Pick<DojoContext, "store" | "bank" | "random" | "clock">,
	guildId: string,
	filter: QuestionFilter,
	pool: RotationPool = "command",
): Promise<Question | undefined> {
	const candidates = matchingQuestions(ctx.bank, filter);
	if (candidates.length === 0) return undefined;
	const key = rotationKey(guildId, filter, pool);
	let fallback: Question | undefined;
	for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
		const fields = await ctx.store.hashGetAll(key);
		let cycle = readCycle(fields);
		if (candidates.every((question) => cycle.asked.has(question.id))) {
			await closeCycle(ctx, key, cycle);
			cycle = readCycle(fields, cycle.number + 1);
		}
		const fresh = candidates.filter((question) => !cycle.asked.has(question.id));
		const opening = cycle.asked.size === 0 && fresh.length > 1;
		const pool = opening ? fresh.filter((question) => question.id !== cycle.last) : fresh;
		const question = pool[Math.floor(ctx.random() * pool.length)] ?? pool[0];
		if (!question) continue;
		fallback = question;
		if (await ctx.store.hashSetIfAbsent(key, `${cycle.number}:${question.id}`, String(ctx.clock.now()))) {
			await ctx.store.hashSet(key, LAST_FIELD, question.id);
			return question;
		}
	}
	return fallback;
}

/** Moves the rotation to the next cycle; of several callers finding the cycle full, one does the work. */
async function closeCycle(ctx: Pick<DojoContext, "store">, key: string, cycle: Cycle): Promise<void> {
	if (!(await ctx.store.hashSetIfAbsent(key, `closed:${cycle.number}`, "1"))) return;
	await ctx.store.hashSet(key, CYCLE_FIELD, String(cycle.number + 1));
	await Promise.all([...cycle.asked].map((id) => ctx.store.hashDelete(key, `${cycle.number}:${id}`)));
}
