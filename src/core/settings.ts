import { z } from "zod";
import type { DojoContext } from "./context.js";
import { isTimeZone } from "./time-zones.js";

export const PICK_MODES = ["reactions", "buttons"] as const;
export type PickMode = (typeof PICK_MODES)[number];

export const MAX_COOLDOWN_SECONDS = 3_600;

export const guildSettingsSchema = z.object({
	/** Distinct members whose 💡 reveals a round, whoever they are. */
	revealVotes: z.number().int().min(1).max(50).default(3),
	/** Minutes after posting that a /question round reveals itself. */
	revealAfterMinutes: z
		.number()
		.int()
		.min(1)
		.max(7 * 24 * 60)
		.default(10),
	/** Whether ✅/🟨 self-grades on open questions earn points (they always count as answered). */
	selfGradedPoints: z.boolean().default(true),
	/** IANA zone that weeks, months and later the daily question follow. */
	timeZone: z.string().refine(isTimeZone, "must be an IANA time zone").default("UTC"),
	/** How members pick a choice: letter reactions, or buttons that answer them privately. */
	picks: z.enum(PICK_MODES).default("reactions"),
	/** Seconds a member waits between two /question rounds they post; 0 turns it off. */
	memberCooldownSeconds: z.number().int().min(0).max(MAX_COOLDOWN_SECONDS).default(0),
	/** Seconds between two /question rounds in one channel, whoever posts them; 0 turns it off. */
	channelCooldownSeconds: z.number().int().min(0).max(MAX_COOLDOWN_SECONDS).default(0),
});

export type GuildSettings = z.infer<typeof guildSettingsSchema>;

const settingsKey = (guildId: string) => `settings:${guildId}`;

export const DEFAULT_SETTINGS: GuildSettings = guildSettingsSchema.parse({});

export async function loadSettings(ctx: Pick<DojoContext, "store">, guildId: string): Promise<GuildSettings> {
	return (await ctx.store.get(settingsKey(guildId), guildSettingsSchema)) ?? DEFAULT_SETTINGS;
}

export async function saveSettings(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	settings: GuildSettings,
): Promise<void> {
	await ctx.store.set(settingsKey(guildId), guildSettingsSchema.parse(settings));
}
