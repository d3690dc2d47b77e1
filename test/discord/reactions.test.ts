import type { MessageReaction, User } from "discord.js";
import { PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import { readPicks } from "../../src/core/picks.js";
import { StoreUnavailableError } from "../../src/core/ports.js";
import { openRound } from "../../src/core/rounds.js";
import { createLetterRemovals, REMOVALS_PER_MEMBER } from "../../src/discord/letter-removals.js";
import { createReactionHandler } from "../../src/discord/reactions.js";
import type { RoundMessages } from "../../src/discord/round-messages.js";
import type { UnrecordedNotices } from "../../src/discord/unrecorded-notices.js";
import { coreContext, sampleRound } from "../core/fixtures.js";

const BOT = "bot";
const NOW = Date.UTC(2026, 11, 1, 9);

/**
 * The slice of discord.js the reaction handler reads: the client's own id, the cached channel's
 * permissions (for hiding letters) and REST, which records the deletes it is asked for.
 */
function fakeClient(options: { botManagesMessages: boolean }) {
	const deletes: string[] = [];
	const channel = {
		permissionsFor: (userId: string) => ({
			has: (flag: bigint) =>
				flag === PermissionFlagsBits.ManageMessages ? userId === BOT && options.botManagesMessages : true,
		}),
	};
	// Discord answers a removal only when the test says so, to catch what happens meanwhile.
	let answer = async () => {};
	const client = {
		user: { id: BOT },
		channels: { cache: new Map([["c1", channel]]) },
		rest: {
			async delete(route: string) {
				deletes.push(route);
				await answer();
			},
		},
	};
	const holdRemovals = () => {
		let release = () => {};
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		answer = () => held;
		return () => {
			answer = async () => {};
			release();
		};
	};
	return { client, deletes, holdRemovals };
}

function reaction(client: object, emoji: string) {
	return {
		client,
		emoji: { name: emoji },
		message: { id: "m1", channelId: "c1", guildId: "g1", author: { id: BOT } },
	} as unknown as MessageReaction;
}

const member = (id: string, bot = false) => ({ id, bot }) as unknown as User;

function fakeRoundMessages() {
	const footers: string[] = [];
	const reveals: string[] = [];
	const messages: RoundMessages = {
		refreshFooter: (round) => footers.push(round.messageId),
		showReveal: async (settled) => {
			reveals.push(settled.round.messageId);
		},
		close: () => undefined,
	};
	return { messages, footers, reveals };
}

function fakeNotices() {
	const added: string[] = [];
	const notices: UnrecordedNotices = {
		add: (_channelId, _messageId, memberId, emoji) => added.push(`${memberId} ${emoji}`),
		flush: async () => undefined,
	};
	return { notices, added };
}

async function setup(options: { botManagesMessages: boolean; retryWindowMs?: number }) {
	const core = coreContext(NOW);
	await openRound(core.ctx, sampleRound(NOW));
	const discord = fakeClient(options);
	const round = fakeRoundMessages();
	const unrecorded = fakeNotices();
	const removals = createLetterRemovals(discord.client as never, core.ctx.logger);
	const handler = createReactionHandler(core.ctx, round.messages, unrecorded.notices, {
		retryWindowMs: options.retryWindowMs ?? 0,
		removals,
	});
	return { ...core, ...discord, ...round, ...unrecorded, handler, removals };
}

const removal = (emoji: string, memberId: string) =>
	`/channels/c1/messages/m1/reactions/${encodeURIComponent(emoji)}/${memberId}`;

describe("the reaction handler", () => {
	it("GIVEN two letters from one member where the bot manages messages THEN the first locks, both are taken off, the footer updates", async () => {
		const { ctx, client, deletes, footers, handler, removals } = await setup({ botManagesMessages: true });
		await handler.handle(reaction(client, "🇧"), member("ada"));
		await handler.handle(reaction(client, "🇦"), member("ada"));
		await removals.idle();
		expect((await readPicks(ctx, "m1")).map((pick) => [pick.memberId, pick.choice])).toEqual([["ada", 1]]);
		expect(deletes).toEqual([removal("🇧", "ada"), removal("🇦", "ada")]);
		expect(footers).toEqual(["m1"]);
	});

	it("GIVEN a burst of one member's letters, all before the first is stored THEN they wait as one run: the first locks, the rest come off in order", async () => {
		const { ctx, client, deletes, footers, handler, removals } = await setup({ botManagesMessages: true });
		const letters = ["🇨", "🇦", "🇧", "🇦"];
		const handled = letters.map((emoji) => handler.handle(reaction(client, emoji), member("ada")));
		// The letters behind the first share its run; each resolves once the whole run is done.
		expect(new Set(handled.slice(1)).size).toBe(1);
		await Promise.all(handled);
		await removals.idle();
		expect((await readPicks(ctx, "m1")).map((pick) => [pick.memberId, pick.choice])).toEqual([["ada", 2]]);
		// 🇦 again, without coming off in between, is the same reaction on Discord: one removal.
		expect(deletes).toEqual(["🇨", "🇦", "🇧"].map((emoji) => removal(emoji, "ada")));
		expect(footers).toEqual(["m1"]);
	});

	it("GIVEN Discord slow to take letters off THEN picks are stored without waiting, and a letter its member took off first costs no call", async () => {
		const { ctx, client, deletes, handler, removals, holdRemovals } = await setup({ botManagesMessages: true });
		const release = holdRemovals();
		await handler.handle(reaction(client, "🇧"), member("ada"));
		await handler.handle(reaction(client, "🇨"), member("bea"));
		await handler.handle(reaction(client, "🇦"), member("cy"));
		handler.handleRemoval(reaction(client, "🇨"), member("bea"));
		// The first removal is out and unanswered; the picks behind it are stored all the same.
		expect((await readPicks(ctx, "m1")).map((pick) => pick.memberId).sort()).toEqual(["ada", "bea", "cy"]);
		expect(deletes).toEqual([removal("🇧", "ada")]);
		release();
		await removals.idle();
		expect(deletes).toEqual([removal("🇧", "ada"), removal("🇦", "cy")]);
	});

	it("GIVEN one member adding letters again and again THEN one removal per letter waits at a time, and past the budget none", async () => {
		const { ctx, client, deletes, handler, removals, holdRemovals } = await setup({ botManagesMessages: true });
		const release = holdRemovals();
		await handler.handle(reaction(client, "🇧"), member("ada"));
		for (let i = 0; i < 5; i++) await handler.handle(reaction(client, "🇦"), member("ada"));
		release();
		await removals.idle();
		expect(deletes).toEqual([removal("🇧", "ada"), removal("🇦", "ada")]);
		for (let i = 0; i < 3 * REMOVALS_PER_MEMBER; i++) {
			await handler.handle(reaction(client, "🇨"), member("ada"));
			await removals.idle();
			handler.handleRemoval(reaction(client, "🇨"), member("ada"));
		}
		expect(deletes).toHaveLength(REMOVALS_PER_MEMBER);
		await handler.handle(reaction(client, "🇦"), member("bea"));
		await removals.idle();
		expect(deletes.at(-1)).toBe(removal("🇦", "bea"));
		expect((await readPicks(ctx, "m1")).map((pick) => [pick.memberId, pick.choice])).toEqual([
			["ada", 1],
			["bea", 0],
		]);
	});

	it("GIVEN no Manage Messages THEN the pick locks and the letter stays; GIVEN a bot's reaction THEN nothing happens", async () => {
		const { ctx, client, deletes, handler } = await setup({ botManagesMessages: false });
		await handler.handle(reaction(client, "🇨"), member("bob"));
		await handler.handle(reaction(client, "🇦"), member("helper-bot", true));
		await handler.handle(reaction(client, "🇦"), member(BOT));
		expect((await readPicks(ctx, "m1")).map((pick) => pick.memberId)).toEqual(["bob"]);
		expect(deletes).toEqual([]);
	});

	it("GIVEN the asker's 💡 THEN the round is revealed once; a plain member's 💡 alone does not", async () => {
		const { client, reveals, handler } = await setup({ botManagesMessages: false });
		await handler.handle(reaction(client, "💡"), member("someone"));
		expect(reveals).toEqual([]);
		await handler.handle(reaction(client, "💡"), member("asker"));
		await handler.handle(reaction(client, "💡"), member("asker"));
		expect(reveals).toEqual(["m1"]);
	});

	it("GIVEN the store down past the retry window THEN the member is reported as not counted, not dropped silently", async () => {
		const { ctx, client, added, handler } = await setup({ botManagesMessages: false, retryWindowMs: 0 });
		const store = ctx.store;
		store.get = async () => {
			throw new StoreUnavailableError(new Error("ECONNREFUSED"));
		};
		await handler.handle(reaction(client, "🇧"), member("carol"));
		expect(added).toEqual(["carol 🇧"]);
	});
});
