import type { Client, MessageReaction, PartialMessageReaction, PartialUser, User } from "discord.js";
import pLimit from "p-limit";
import type { DojoContext } from "../core/context.js";
import { choiceIndexOf, gradeOf, REVEAL_EMOJI } from "../core/emoji.js";
import { recordGrade } from "../core/grades.js";
import { lockPick } from "../core/picks.js";
import { StoreUnavailableError } from "../core/ports.js";
import { claimReveal } from "../core/reveal.js";
import { retryWhileUnavailable } from "../core/store-retry.js";
import { createKeyedLock } from "../lib/keyed-lock.js";
import { createRecentKeys, type RecentKeys } from "../lib/recent-keys.js";
import { canManageMessages } from "./channel-permissions.js";
import { finishReveal } from "./finish-reveal.js";
import type { LetterRemovals, LetterTarget } from "./letter-removals.js";
import type { NameBook } from "./member-names.js";
import type { RoundMessages } from "./round-messages.js";
import type { UnrecordedNotices } from "./unrecorded-notices.js";

/** Picks remembered as locked, about 5 MB at most; older ones fall back to a store read. */
const REMEMBERED_PICKS = 50_000;
/** Reactions being worked on against the store at once; enough to keep Redis busy. */
const REACTIONS_IN_FLIGHT = 256;

type AnyReaction = MessageReaction | PartialMessageReaction;
const SETTLED: Promise<void> = Promise.resolve();
type AnyUser = User | PartialUser;

export interface ReactionHandler {
	handle(reaction: AnyReaction, user: AnyUser): Promise<void>;
	/** A reaction came off: a letter already gone needs no removal. Synchronous, ahead of any store work. */
	handleRemoval(reaction: AnyReaction, user: AnyUser): void;
	/** Stops waiting for the store (shutdown): reactions still waiting are reported as not counted. */
	giveUp(): void;
}

/**
 * Routes reactions on round messages: letters are picks, 💡 reveals, ✅ 🟨 ❌ grade open questions.
 * Reactions arrive for messages this process never saw (posted before a restart), so everything is
 * read from the event and the store, never from the message cache. While the store is unreachable a
 * reaction is tried again for `retryWindowMs` from its arrival; after that its member is told it did not
 * count, so nothing is dropped silently.
 *
 * Hiding a letter is Discord work, handed to `removals`: it never holds one of the store slots, so picks
 * are stored at the store's pace however slowly Discord lets letters come off.
 */
export function createReactionHandler(
	ctx: DojoContext,
	messages: RoundMessages,
	unrecorded: UnrecordedNotices,
	options: { retryWindowMs: number; removals: LetterRemovals; names?: NameBook },
): ReactionHandler {
	const { removals } = options;
	// discord.js does not wait for one handler before the next event; one member's reactions on one
	// message must still be handled in the order they happened, or a second letter could lock first.
	const inOrder = createKeyedLock();
	const shutdown = new AbortController();
	const lockedPicks = createRecentKeys(REMEMBERED_PICKS);
	const storeWork = pLimit(REACTIONS_IN_FLIGHT);
	// Letters of one member on one message queued back to back wait as one task: a burst of letters then
	// holds a small record each in memory, not a task, a closure and their promises each.
	const letterRuns = new Map<string, ReactionInput[]>();
	const runDone = new WeakMap<ReactionInput[], Promise<void>>();

	async function work(input: ReactionInput): Promise<void> {
		const { messageId, guildId, userId, emoji } = input;
		// A burst of first picks would otherwise hold thousands of store calls, and their memory, at once;
		// past this many the rest wait their turn as small closures.
		await storeWork(async () => {
			const logger = ctx.logger.child({ messageId, guildId, userId });
			try {
				await retryWhileUnavailable(() => handleReaction(ctx, messages, removals, input, logger, lockedPicks), {
					clock: ctx.clock,
					until: input.until,
					signal: shutdown.signal,
				});
			} catch (error) {
				if (error instanceof StoreUnavailableError) {
					logger.warn({ emoji }, "reaction not recorded: the store stayed unreachable");
					unrecorded.add(input.channelId, messageId, userId, emoji);
				} else {
					logger.error({ err: error, emoji }, "reaction failed");
				}
			}
		});
	}

	/** Each letter of a run in turn, as if queued one by one: one the pick ahead of it locked is taken off. */
	async function workLetters(key: string, run: ReactionInput[]): Promise<void> {
		if (letterRuns.get(key) === run) letterRuns.delete(key);
		for (const input of run) {
			if (lockedPicks.has(key)) removals.remove(letterOf(input));
			else await work(input);
		}
	}

	return {
		// Not async: a letter joining a run shares the run's promise instead of holding one of its own.
		handle(reaction, user) {
			const { message } = reaction;
			const emoji = reaction.emoji.name ?? "";
			const key = `${message.id}:${user.id}`;
			const ownOrBot = isOwnOrBot(reaction, user);
			// A member whose pick this process already saw locked cannot change it: later letters need no
			// store round trip, which keeps reaction spam and bursts cheap.
			const isLetter = choiceIndexOf(emoji) !== undefined;
			const letter = { channelId: message.channelId, messageId: message.id, emoji, memberId: user.id };
			if (isLetter && !ownOrBot) removals.added(letter);
			if (isLetter && lockedPicks.has(key)) {
				removals.remove(letter);
				return SETTLED;
			}
			const { guildId } = message;
			if (ownOrBot || !guildId) return SETTLED;
			// Only the bot's own messages hold rounds; the author is known when the message is cached.
			if (!isRoundReaction(emoji) || (message.author && message.author.id !== reaction.client.user.id)) {
				return SETTLED;
			}
			options.names?.note(guildId, user, message.guild?.members.cache.get(user.id));
			// Only plain values from here on: the event's objects are not kept while the work waits.
			const input: ReactionInput = {
				client: reaction.client,
				messageId: message.id,
				channelId: message.channelId,
				guildId,
				userId: user.id,
				emoji,
				until: ctx.clock.now() + options.retryWindowMs,
			};
			// discord.js does not wait for one handler before the next event; one member's reactions on one
			// message must still be handled in the order they happened, or a second letter could lock first.
			if (!isLetter) {
				letterRuns.delete(key);
				return inOrder(key, () => work(input));
			}
			const waiting = letterRuns.get(key);
			if (waiting) {
				waiting.push(input);
				return runDone.get(waiting) ?? SETTLED;
			}
			const run = [input];
			letterRuns.set(key, run);
			const done = inOrder(key, () => workLetters(key, run));
			runDone.set(run, done);
			return done;
		},
		handleRemoval(reaction, user) {
			const emoji = reaction.emoji.name ?? "";
			if (choiceIndexOf(emoji) === undefined) return;
			const { message } = reaction;
			removals.removed({ channelId: message.channelId, messageId: message.id, emoji, memberId: user.id });
		},
		giveUp: () => shutdown.abort(),
	};
}

function isOwnOrBot(reaction: AnyReaction, user: AnyUser): boolean {
	return !!user.bot || user.id === reaction.client.user.id;
}

/** What the handler keeps of a reaction event while its work waits: plain values, no discord.js objects. */
interface ReactionInput {
	client: Client;
	messageId: string;
	channelId: string;
	guildId: string;
	userId: string;
	emoji: string;
	/** Until when a store outage is waited out. */
	until: number;
}

function letterOf(input: ReactionInput): LetterTarget {
	return { channelId: input.channelId, messageId: input.messageId, emoji: input.emoji, memberId: input.userId };
}

function isRoundReaction(emoji: string): boolean {
	return emoji === REVEAL_EMOJI || choiceIndexOf(emoji) !== undefined || gradeOf(emoji) !== undefined;
}

/** Idempotent against a retry: every write is a set-if-absent or guarded by a claim or ledger. */
async function handleReaction(
	ctx: DojoContext,
	messages: RoundMessages,
	removals: LetterRemovals,
	input: ReactionInput,
	logger: DojoContext["logger"],
	lockedPicks: RecentKeys,
): Promise<void> {
	const { client, emoji } = input;
	const message = { id: input.messageId, channelId: input.channelId };
	const user = { id: input.userId };
	const choice = choiceIndexOf(emoji);
	const grade = gradeOf(emoji);
	if (emoji === REVEAL_EMOJI) {
		const plan = await claimReveal(ctx, message.id, {
			kind: "lightbulb",
			revealer: {
				userId: user.id,
				isBot: false,
				canManageMessages: canManageMessages(client, message.channelId, user.id),
			},
		});
		if (!plan.ok) {
			if (plan.reason !== "not-a-round") logger.debug({ reason: plan.reason, votes: plan.votes }, "reveal not yet");
			return;
		}
		await finishReveal(ctx, messages, plan);
	} else if (choice !== undefined) {
		const outcome = await lockPick(ctx, message.id, user.id, choice, "reactions");
		if (!outcome.stored && (outcome.reason === "not-a-round" || outcome.reason === "other-pick-mode")) return;
		const hide = canManageMessages(client, message.channelId);
		if (outcome.stored || outcome.reason === "already-picked") {
			lockedPicks.add(`${message.id}:${user.id}`);
			if (hide) removals.remove(letterOf(input));
		}
		if (outcome.stored) {
			logger.info({ choice, hidden: hide }, "pick locked");
			ctx.metrics.pickLocked();
			if (hide) messages.refreshFooter(outcome.round);
		} else {
			logger.debug({ reason: outcome.reason }, "pick ignored");
		}
	} else if (grade !== undefined) {
		const outcome = await recordGrade(ctx, message.id, user.id, grade);
		if (outcome.stored) logger.info({ grade, points: outcome.points }, "grade recorded");
		else if (outcome.reason !== "not-a-round") logger.debug({ reason: outcome.reason }, "grade ignored");
	}
}
