import type { ButtonInteraction } from "discord.js";
import { describe, expect, it } from "vitest";
import { createConfirmations } from "../../src/discord/confirmations.js";
import { coreContext } from "../core/fixtures.js";

/** A click on the buttons of the reply to interaction `asked`, as discord.js hands it over. */
function click(asked: string | undefined, userId: string) {
	const replies: string[] = [];
	const interaction = {
		customId: "dojo-reset-confirm",
		user: { id: userId },
		message: { interactionMetadata: asked === undefined ? null : { id: asked } },
		async reply(payload: { content: string }) {
			replies.push(payload.content);
		},
	};
	return { interaction: interaction as unknown as ButtonInteraction, replies };
}

describe("confirmation buttons", () => {
	it("GIVEN the asker's click THEN the waiting command gets it, even when it came before the reply's own response", async () => {
		const { ctx } = coreContext(Date.UTC(2026, 11, 1));
		const confirmations = createConfirmations();
		const answer = confirmations.waitFor("i1", "admin", 60_000);
		const quick = click("i1", "admin");
		await confirmations.route.handle(quick.interaction, ctx);
		expect(await answer).toBe(quick.interaction);
		expect(quick.replies).toEqual([]);
	});

	it("GIVEN someone else's click or a prompt nobody waits on THEN they are told, and the asker still can answer", async () => {
		const { ctx } = coreContext(Date.UTC(2026, 11, 1));
		const confirmations = createConfirmations();
		const answer = confirmations.waitFor("i1", "admin", 60_000);
		const stranger = click("i1", "alice");
		await confirmations.route.handle(stranger.interaction, ctx);
		expect(stranger.replies).toEqual(["Only the member who asked can answer this."]);
		const stale = click("i0", "admin");
		await confirmations.route.handle(stale.interaction, ctx);
		expect(stale.replies).toEqual(["This question is no longer waiting for an answer. Run the command again."]);
		const asker = click("i1", "admin");
		await confirmations.route.handle(asker.interaction, ctx);
		expect(await answer).toBe(asker.interaction);
	});

	it("GIVEN no click in time THEN the wait ends empty and a late click is told it expired", async () => {
		const { ctx } = coreContext(Date.UTC(2026, 11, 1));
		const confirmations = createConfirmations();
		expect(await confirmations.waitFor("i1", "admin", 20)).toBeUndefined();
		const late = click("i1", "admin");
		await confirmations.route.handle(late.interaction, ctx);
		expect(late.replies).toHaveLength(1);
	});
});
