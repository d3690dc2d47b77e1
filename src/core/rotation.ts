import type { Question } from "./bank/schema.js";
import type { DojoContext } from "./context.js";
import { filterKey, matchingQuestions, type QuestionFilter } from "./selection.js";

/** The daily question keeps a rotation of its own, apart from what members ask with /question. */
export type RotationPool = "command" | "daily";

/**
 * A rotation is a small hash (`cycle`, `last`, `closed:<n>` markers) and, for the open cycle, a hash of
 * its own with one field per question asked in it, so that closing a cycle is one delete. Rotations
 * written before cycles had their own hash keep the open cycle's questions in the small hash as
 * `<n>:<question id>`; they are read as asked, and cleared when that cycle closes.
 */
function rotationKeys(guildId: string, filter: QuestionFilter, pool: RotationPool) {
	const prefix = pool === "daily" ? "daily-rotation" : "rotation";
	const scope = `${guildId}:${filterKey(filter)}`;
	return {
		state: `${prefix}-cycles:${scope}`,
		cycle: (number: number) => `${prefix}-cycle:${number}:${scope}`,
	};
}

type RotationKeys = ReturnType<typeof rotationKeys>;

/** Tries before settling for a question another caller took at the same instant. */
const ATTEMPTS = 8;
const CYCLE_FIELD = "cycle";
const LAST_FIELD = "last";

interface Cycle {
	number: number;
	/** The question that closed the cycle before this one. */
	last: string | undefined;
	/** Questions asked in this cycle before the upgrade, kept in the rotation's own hash. */
	older: Set<string>;
}

function readCycle(fields: Record<string, string>): Cycle {
	const number = Number(fields[CYCLE_FIELD] ?? 0);
	const prefix = `${number}:`;
	const older = new Set(
		Object.keys(fields)
			.filter((field) => field.startsWith(prefix))
			.map((field) => field.slice(prefix.length)),
	);
	return { number, last: fields[LAST_FIELD], older };
}

/**
 * Takes the next question of a guild's rotation for these filters: each question once per cycle, and
 * a new cycle never opens with the question that closed the last. The candidates go to the store in a
 * random order and the first the cycle lacks is taken, in one atomic step, so concurrent commands, in
 * one process or several sharing Redis, get different questions without waiting on each other or
 * reading again; a restart does not reset the cycle. Two round trips: the rotation's state, the take.
 */
export function takeNextQuestion(
	ctx: Pick<DojoContext, "store" | "bank" | "random" | "clock">,
	guildId: string,
	filter: QuestionFilter,
	pool: RotationPool = "command",
): Promise<Question | undefined> {
	return startRotation(ctx, guildId, filter, pool).take();
}

/** A rotation whose state is already on its way from the store; `take` takes the next question. */
export interface StartedRotation {
	take(): Promise<Question | undefined>;
}

/**
 * Sends the rotation's state read at once and takes later: a caller that has other reads to make first
 * (a server's settings, its cooldowns) sends them in the same tick, so they share one round trip. The
 * read takes nothing, so a caller that ends up not taking (a cooldown refused) has used up nothing.
 */
export function startRotation(
	ctx: Pick<DojoContext, "store" | "bank" | "random" | "clock">,
	guildId: string,
	filter: QuestionFilter,
	pool: RotationPool = "command",
): StartedRotation {
	const candidates = matchingQuestions(ctx.bank, filter);
	if (candidates.length === 0) return { take: async () => undefined };
	const keys = rotationKeys(guildId, filter, pool);
	const state = ctx.store.hashGetAll(keys.state);
	// Read ahead of a take that may never come: a failed read is reported by `take`, never left unhandled.
	state.catch(() => undefined);
	return { take: () => takeFrom(ctx, keys, candidates, state) };
}

async function takeFrom(
	ctx: Pick<DojoContext, "store" | "random">,
	keys: RotationKeys,
	candidates: readonly Question[],
	state: Promise<Record<string, string>>,
): Promise<Question | undefined> {
	let cycle: Cycle | undefined = readCycle(await state);
	let fallback: Question | undefined;
	for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
		cycle ??= readCycle(await ctx.store.hashGetAll(keys.state));
		const order = takingOrder(
			candidates.filter((question) => !cycle?.older.has(question.id)),
			cycle.last,
			ctx.random,
		);
		fallback = order[0] ?? fallback;
		const taken =
			order.length > 0
				? await ctx.store.hashAddFirstAbsent(
						keys.cycle(cycle.number),
						order.map((question) => question.id),
					)
				: undefined;
		const question = taken && order.find((candidate) => candidate.id === taken.field);
		if (question) return question;
		// Every candidate is asked in this cycle: the next opens. Whoever closes it knows the next
		// cycle's state; the others read it again.
		cycle = await closeCycle(ctx, keys, cycle);
	}
	return fallback;
}

/**
 * The candidates in a random order (kept as given when `random` answers 0), never opening with `last`:
 * the first of them the cycle lacks is taken, so an empty cycle never opens with the question that closed
 * the one before. That question is thus a little less likely than the others to come next mid-cycle too.
 */
function takingOrder(candidates: readonly Question[], last: string | undefined, random: () => number): Question[] {
	const order = [...candidates];
	for (let i = 0; i < order.length - 1; i++) {
		const j = i + Math.floor(random() * (order.length - i));
		[order[i], order[j]] = [order[j] as Question, order[i] as Question];
	}
	if (order.length > 1 && order[0]?.id === last) [order[0], order[1]] = [order[1] as Question, order[0] as Question];
	return order;
}

/**
 * Moves the rotation to the next cycle; of several callers finding the cycle full, one does the work and
 * resolves the new cycle, the others resolve undefined (read the state again). The question that closed
 * the cycle is the one taken last: the highest position in the cycle's hash, or, for a cycle asked
 * wholly before the upgrade, the one the rotation last recorded.
 */
async function closeCycle(
	ctx: Pick<DojoContext, "store">,
	keys: RotationKeys,
	cycle: Cycle,
): Promise<Cycle | undefined> {
	if (!(await ctx.store.hashSetIfAbsent(keys.state, `closed:${cycle.number}`, "1"))) return undefined;
	const asked = Object.entries(await ctx.store.hashGetAll(keys.cycle(cycle.number)));
	const latest = asked.reduce<[string, string] | undefined>(
		(best, entry) => (best === undefined || Number(entry[1]) > Number(best[1]) ? entry : best),
		undefined,
	);
	const last = latest?.[0] ?? cycle.last;
	// Sent together: one connection runs them in this order, so `last` is in place when the cycle moves.
	await Promise.all([
		last === undefined ? undefined : ctx.store.hashSet(keys.state, LAST_FIELD, last),
		ctx.store.hashSet(keys.state, CYCLE_FIELD, String(cycle.number + 1)),
	]);
	// The cycle before this one too: a caller that read the state just before it closed may have taken a
	// question there since.
	await Promise.all([
		ctx.store.deleteStructure(keys.cycle(cycle.number)),
		cycle.number > 0 ? ctx.store.deleteStructure(keys.cycle(cycle.number - 1)) : undefined,
		...[...cycle.older].map((id) => ctx.store.hashDelete(keys.state, `${cycle.number}:${id}`)),
	]);
	return { number: cycle.number + 1, last, older: new Set() };
}
