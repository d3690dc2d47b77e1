import type { DojoContext } from "./context.js";
import { followServerTimeZone } from "./daily/runner.js";
import { type GuildSettings, guildSettingsSchema, loadSettings, saveSettings } from "./settings.js";

/**
 * /dojo settings: applies the changes given, saves only when something changed, and moves a daily that
 * follows the server's time zone when that zone changes.
 */
export async function changeSettings(
	ctx: Pick<DojoContext, "store" | "clock">,
	guildId: string,
	changes: Partial<GuildSettings>,
): Promise<{ settings: GuildSettings; changed: boolean }> {
	const current = await loadSettings(ctx, guildId);
	const settings = guildSettingsSchema.parse({ ...current, ...changes });
	const changed = JSON.stringify(settings) !== JSON.stringify(current);
	if (!changed) return { settings, changed };
	await saveSettings(ctx, guildId, settings);
	if (settings.timeZone !== current.timeZone) await followServerTimeZone(ctx, guildId);
	return { settings, changed };
}
