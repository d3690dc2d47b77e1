import { z } from "zod";
import type { DojoContext } from "./context.js";
import type { GuildSettings } from "./settings.js";

export type CooldownOutcome = { ok: true } | { ok: false; scope: "member" | "channel"; retryAt: number };

const untilSchema = z.number();

const cooldownKey = (scope: "member" | "channel", guildId: string, id: string) => `cooldown:${scope}:${guildId}:${id}`;

/**
 * Takes one cooldown window with the store's claim, so two processes (or two quick clicks) cannot both
 * pass. The claim holds no value, so the window's end is kept beside it for the "try again" time.
 */
async function takeWindow(
	ctx: Pick<DojoContext, "store" | "clock">,
	key: string,
	seconds: number,
): Promise<{ ok: true } | { ok: false; retryAt: number }> {
	const now = ctx.clock.now();
	const ttlMs = seconds * 1000;
	if (await ctx.store.claim(key, ttlMs)) {
		await ctx.store.set(`${key}:until`, now + ttlMs, ttlMs);
		return { ok: true };
	}
	const until = await ctx.store.get(`${key}:until`, untilSchema);
	return { ok: false, retryAt: until !== undefined && until > now ? until : now + ttlMs };
}

/**
 * Whether a member may post a /question round now. The member's window is taken first: when the channel
 * then refuses, only the member who tried is held back, never the rest of the channel.
 */
export async function takeQuestionCooldown(
	ctx: Pick<DojoContext, "store" | "clock">,
	settings: Pick<GuildSettings, "memberCooldownSeconds" | "channelCooldownSeconds">,
	where: { guildId: string; channelId: string; memberId: string },
): Promise<CooldownOutcome> {
	const windows = [
		{ scope: "member", id: where.memberId, seconds: settings.memberCooldownSeconds },
		{ scope: "channel", id: where.channelId, seconds: settings.channelCooldownSeconds },
	] as const;
	for (const { scope, id, seconds } of windows) {
		if (seconds === 0) continue;
		const taken = await takeWindow(ctx, cooldownKey(scope, where.guildId, id), seconds);
		if (!taken.ok) return { ok: false, scope, retryAt: taken.retryAt };
	}
	return { ok: true };
}
