import type { DojoContext } from "../core/context.js";
import { type DailyPoster, runDueDailies } from "../core/daily/runner.js";
import { startTicker } from "./ticker.js";

/** Posts whatever dailies are due on each tick, for every guild this process owns. */
export function startDailyTicker(
	ctx: DojoContext,
	post: DailyPoster,
	options: { expression: string; ownsGuild?: ((guildId: string) => boolean) | undefined },
) {
	return startTicker("dailies", options.expression, async () => {
		try {
			const runs = await runDueDailies(ctx, post, options.ownsGuild ? { ownsGuild: options.ownsGuild } : {});
			if (runs.length > 0) ctx.logger.debug({ dailies: runs.length }, "daily tick");
		} catch (error) {
			ctx.logger.error({ err: error }, "daily tick failed");
		}
	});
}
