import { describe, expect, it } from "vitest";
import { takeQuestionCooldown } from "../../src/core/cooldowns.js";
import { coreContext } from "./fixtures.js";

const START = Date.UTC(2026, 11, 1, 9);

function setup() {
	const { ctx, advance } = coreContext(START);
	return { ctx, clock: { advance } };
}

const where = (memberId: string, channelId = "c1") => ({ guildId: "g1", channelId, memberId });

describe("/question cooldowns", () => {
	it("GIVEN both cooldowns off THEN a member may post as often as they like", async () => {
		const { ctx } = setup();
		const off = { memberCooldownSeconds: 0, channelCooldownSeconds: 0 };
		for (let round = 0; round < 5; round += 1) {
			expect(await takeQuestionCooldown(ctx, off, where("ada"))).toEqual({ ok: true });
		}
	});

	it("GIVEN a 30 s member cooldown THEN the second post waits until 30 s after the first, in any channel", async () => {
		const { ctx, clock } = setup();
		const settings = { memberCooldownSeconds: 30, channelCooldownSeconds: 0 };
		expect(await takeQuestionCooldown(ctx, settings, where("ada"))).toEqual({ ok: true });
		clock.advance(10_000);
		expect(await takeQuestionCooldown(ctx, settings, where("ada", "c2"))).toEqual({
			ok: false,
			scope: "member",
			retryAt: START + 30_000,
		});
		expect(await takeQuestionCooldown(ctx, settings, where("bob"))).toEqual({ ok: true });
		clock.advance(20_000);
		expect(await takeQuestionCooldown(ctx, settings, where("ada"))).toEqual({ ok: true });
	});

	it("GIVEN a channel cooldown THEN another member waits too, and a refused post does not restart the window", async () => {
		const { ctx, clock } = setup();
		const settings = { memberCooldownSeconds: 0, channelCooldownSeconds: 60 };
		expect(await takeQuestionCooldown(ctx, settings, where("ada"))).toEqual({ ok: true });
		clock.advance(59_999);
		expect(await takeQuestionCooldown(ctx, settings, where("bob"))).toMatchObject({ ok: false, scope: "channel" });
		expect(await takeQuestionCooldown(ctx, settings, where("bob", "c2"))).toEqual({ ok: true });
		clock.advance(1);
		expect(await takeQuestionCooldown(ctx, settings, where("bob"))).toEqual({ ok: true });
	});

	it("GIVEN a member refused by their own cooldown THEN the channel's window is not taken for them", async () => {
		const { ctx } = setup();
		const settings = { memberCooldownSeconds: 60, channelCooldownSeconds: 60 };
		expect(await takeQuestionCooldown(ctx, settings, where("ada", "c1"))).toEqual({ ok: true });
		expect(await takeQuestionCooldown(ctx, settings, where("ada", "c2"))).toMatchObject({ scope: "member" });
		expect(await takeQuestionCooldown(ctx, settings, where("bob", "c2"))).toEqual({ ok: true });
	});
});
