import { loadImage } from "@napi-rs/canvas";
import type { APIMessage } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import type { InteractionResult } from "../../fake-discord/index.js";
import {
	askQuestion,
	booleanOption,
	LIGHTBULB,
	react,
	runCommand,
	stringOption,
	userOption,
	waitForReveal,
} from "../../harness/rounds.js";
import type { World } from "../../harness/world.js";
import { useDojoPerFile } from "./per-file.js";

let world: World;
useDojoPerFile((started) => {
	world = started;
});

/** The interaction's reply once an edit has given it its attachment. */
function withAttachment(result: InteractionResult): Promise<APIMessage> {
	return world.discord.waitFor(() => {
		const reply = result.original();
		return reply && reply.attachments.length > 0 ? reply : undefined;
	});
}

/** Decodes the message's one PNG attachment, as a Discord client would to show it. */
async function attachedImage(message: APIMessage | undefined, filename: string) {
	const attachment = message?.attachments.find((entry) => entry.filename === filename);
	if (!message || !attachment) throw new Error(`no ${filename} on ${JSON.stringify(message?.attachments)}`);
	const bytes = world.discord.attachment(message.id, attachment.id);
	if (!bytes) throw new Error("attachment bytes missing");
	const image = await loadImage(Buffer.from(bytes));
	return { attachment, width: image.width, height: image.height };
}

describe("e2e: progress images", () => {
	it("GIVEN a revealed round THEN /stats keeps its text and attaches an 800×520 PNG card", async () => {
		const { message } = await askQuestion(world, world.alice, [stringOption("id", "e2e-methods")], world.hidden);
		react(world, message, world.bob, "🇧");
		react(world, message, world.carol, "🇦");
		await world.discord.waitFor(() =>
			world.discord.getMessage(message.channel_id, message.id)?.embeds[0]?.footer?.text.includes("2 locked in"),
		);
		react(world, message, world.alice, LIGHTBULB);
		await waitForReveal(world, message);

		const stats = await runCommand(world, { userId: world.bob, name: "stats" });
		expect(stats.ephemeral).toBe(true);
		// The text answers at once; the card follows as an edit of the same private reply.
		expect(stats.message?.embeds[0]?.description).toContain("Questions answered: 1 · accuracy 100% of 1");
		const withCard = await withAttachment(stats);
		expect(withCard.embeds[0]?.description).toContain("Questions answered: 1 · accuracy 100% of 1");
		expect(withCard.embeds[0]?.image?.url).toBe("attachment://stats.png");
		const card = await attachedImage(withCard, "stats.png");
		expect(card.attachment.content_type).toBe("image/png");
		expect([card.width, card.height]).toEqual([800, 520]);

		const other = await runCommand(world, {
			userId: world.bob,
			name: "stats",
			options: [userOption("member", world.carol)],
		});
		const otherCard = await withAttachment(other);
		expect((await attachedImage(otherCard, "stats.png")).width).toBe(800);
	});

	it("GIVEN image:true THEN /leaderboard posts the board as an 800×560 PNG, with no Discord call to fetch names or avatars", async () => {
		const before = world.discord.requests.length;
		const board = await runCommand(world, {
			userId: world.carol,
			name: "leaderboard",
			options: [booleanOption("image", true)],
		});
		expect(board.ephemeral).toBe(false);
		const posted = await withAttachment(board);
		const embed = posted.embeds[0];
		expect(embed?.title).toBe("Leaderboard · All time");
		expect(embed?.description).toBeUndefined();
		expect(embed?.image?.url).toBe("attachment://leaderboard.png");
		expect(embed?.footer?.text).toBe("Page 1 of 1 · 2 members");
		expect(await attachedImage(posted, "leaderboard.png")).toMatchObject({ width: 800, height: 560 });
		// The deferral and the edit that carries the card: nothing fetched a member, a user or an avatar.
		const calls = world.discord.requests.slice(before).map((request) => `${request.method} ${request.path}`);
		expect(calls).toEqual([
			expect.stringMatching(/^POST \/api\/v10\/interactions\/\d+\/[^/]+\/callback$/),
			expect.stringMatching(/^PATCH \/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/@original$/),
		]);

		const streaks = await runCommand(world, {
			userId: world.carol,
			name: "leaderboard",
			options: [stringOption("period", "streak"), booleanOption("image", true)],
		});
		expect(streaks.ephemeral).toBe(true);
		expect(JSON.stringify(streaks.data)).toContain("Nobody has a daily streak going");
	});
});
