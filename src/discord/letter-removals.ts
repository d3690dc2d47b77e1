import type { Client } from "discord.js";
import type { Logger } from "../core/ports.js";
import { createKeyedLock } from "../lib/keyed-lock.js";
import { canManageMessages } from "./channel-permissions.js";
import { removeMemberReaction } from "./member-reaction.js";

/**
 * Letters one member may have taken off one round; past this their later letters stay on. A pick and a
 * few second thoughts fit well inside it, and spam costs at most this many calls per member per round.
 */
export const REMOVALS_PER_MEMBER = 10;
/** Rounds whose letters are tracked at once; the oldest is forgotten beyond this (its letters then stay). */
const TRACKED_MESSAGES = 10_000;

export interface LetterTarget {
	channelId: string;
	messageId: string;
	emoji: string;
	memberId: string;
}

/**
 * Takes members' letters off round messages where picks are hidden, as Discord REST work apart from the
 * store: asking for a removal never waits for Discord. Letters are told on and off as the gateway
 * reports them, so a letter its member took off before its turn costs no call.
 */
export interface LetterRemovals {
	/** A member's letter is on the message (MessageReactionAdd), before anything is stored. */
	added(target: LetterTarget): void;
	/** A letter came off (MessageReactionRemove): the member's doing or a removal of ours. */
	removed(target: LetterTarget): void;
	/** Every reaction, or every one of an emoji, came off a message (Remove All, Remove Emoji). */
	cleared(messageId: string, emoji?: string): void;
	/** Takes the letter off in its channel's turn, unless it is gone by then or its member is over budget. */
	remove(target: LetterTarget): void;
	/** Removals waiting for their turn. */
	readonly pending: number;
	/** Resolves once no removal is waiting or running (tests, and the bench). */
	idle(): Promise<void>;
	/** Drops the removals still waiting, for shutdown; resolves with how many were dropped. */
	close(): number;
}

interface RoundLetters {
	/** `member emoji` for letters on the message, as the gateway last said. */
	on: Set<string>;
	/** `member emoji` for removals queued and not yet run: at most one per letter. */
	queued: Set<string>;
	/** Removals sent per member. */
	sent: Map<string, number>;
}

/**
 * One removal at a time per channel, which is how Discord's reaction bucket (one per channel) serves them
 * anyway; channels run side by side and discord.js keeps the whole under the global limit. Waiting in our
 * own queue rather than in discord.js's lets a removal be dropped when its letter is already gone.
 */
export function createLetterRemovals(client: Client, logger: Logger): LetterRemovals {
	const rounds = new Map<string, RoundLetters>();
	const inChannel = createKeyedLock();
	const running = new Set<Promise<void>>();
	let pending = 0;
	let closed = false;

	const round = (messageId: string, create: boolean): RoundLetters | undefined => {
		let letters = rounds.get(messageId);
		if (letters || !create) return letters;
		letters = { on: new Set(), queued: new Set(), sent: new Map() };
		rounds.set(messageId, letters);
		if (rounds.size > TRACKED_MESSAGES) {
			const oldest = rounds.keys().next();
			if (!oldest.done) rounds.delete(oldest.value);
		}
		return letters;
	};
	const letterOf = (target: LetterTarget) => `${target.memberId} ${target.emoji}`;

	const run = async (target: LetterTarget, letter: string) => {
		const letters = round(target.messageId, false);
		letters?.queued.delete(letter);
		pending -= 1;
		if (closed || !letters?.on.has(letter) || !canManageMessages(client, target.channelId)) return;
		const sent = letters.sent.get(target.memberId) ?? 0;
		if (sent >= REMOVALS_PER_MEMBER) return;
		letters.sent.set(target.memberId, sent + 1);
		if (sent + 1 === REMOVALS_PER_MEMBER) {
			logger.info(
				{ messageId: target.messageId, userId: target.memberId, removals: REMOVALS_PER_MEMBER },
				"member's later letters on this round stay on: removal budget spent",
			);
		}
		// The letter counts as on until the gateway says it came off: a member adding it again while this
		// call is out must not be mistaken for the letter this call took.
		try {
			await removeMemberReaction(client, target);
		} catch (error) {
			logger.warn({ err: error, messageId: target.messageId, userId: target.memberId }, "could not hide a letter");
		}
	};

	return {
		added(target) {
			if (!canManageMessages(client, target.channelId)) return;
			round(target.messageId, true)?.on.add(letterOf(target));
		},
		removed(target) {
			rounds.get(target.messageId)?.on.delete(letterOf(target));
		},
		cleared(messageId, emoji) {
			const letters = rounds.get(messageId);
			if (!letters) return;
			if (emoji === undefined) letters.on.clear();
			else for (const letter of letters.on) if (letter.endsWith(` ${emoji}`)) letters.on.delete(letter);
		},
		remove(target) {
			const letters = round(target.messageId, false);
			const letter = letterOf(target);
			if (closed || !letters?.on.has(letter) || letters.queued.has(letter)) return;
			if ((letters.sent.get(target.memberId) ?? 0) >= REMOVALS_PER_MEMBER) return;
			letters.queued.add(letter);
			pending += 1;
			const done = inChannel(target.channelId, () => run(target, letter));
			running.add(done);
			void done.then(() => running.delete(done));
		},
		get pending() {
			return pending;
		},
		async idle() {
			while (running.size > 0) await Promise.all([...running]);
		},
		close() {
			closed = true;
			return pending;
		},
	};
}
