import { schedule } from "node-cron";

/**
 * One node-cron task that runs `work` on every tick, never two at once. What is due lives in the
 * store, so a tick after a restart catches up and no per-guild or per-member timers pile up.
 */
export function startTicker(name: string, expression: string, work: () => Promise<void>) {
	let running: Promise<void> | undefined;
	const tick = () => {
		running ??= work().finally(() => {
			running = undefined;
		});
		return running;
	};
	const task = schedule(expression, tick, { name, noOverlap: true });
	return {
		tick,
		/** Stops the schedule and waits for a tick in progress, so shutdown never cuts a send in half. */
		async stop() {
			await task.stop();
			await running;
		},
	};
}
