import { schedule } from "node-cron";
import type { DojoContext } from "../core/context.js";
import { type DailyPoster, runDueDailies } from "../core/daily/runner.js";

/**
 * One node-cron task for every guild: each tick posts whatever is due. The due times live in the store,
 * so a tick after a restart catches up (within the grace window) and no per-guild timers pile up.
 */
export function startDailyTicker(
	ctx: DojoContext,
	post: DailyPoster,
	options: { expression: string; ownsGuild?: ((guildId: string) => boolean) | undefined },
) {
	let running: Promise<void> | undefined;
	const runTick = async () => {
		try {
			const runs = await runDueDailies(ctx, post, options.ownsGuild ? { ownsGuild: options.ownsGuild } : {});
			if (runs.length > 0) ctx.logger.debug({ dailies: runs.length }, "daily tick");
		} catch (error) {
			ctx.logger.error({ err: error }, "daily tick failed");
		}
	};
	const tick = () => {
		running ??= runTick().finally(() => {
			running = undefined;
		});
		return running;
	};
	const task = schedule(options.expression, tick, { name: "dailies", noOverlap: true });
	return {
		tick,
		/** Stops the schedule and waits for a tick in progress, so shutdown never cuts a post in half. */
		async stop() {
			await task.stop();
			await running;
		},
	};
}
