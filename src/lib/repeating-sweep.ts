/** A sweep that runs now and then on an interval, never twice at once. */
export interface RepeatingSweep {
	/** Runs a sweep, or joins the one in progress; resolves with what it handled. */
	sweep(): Promise<number>;
	/** Stops the interval and waits for a sweep in progress, so shutdown never cuts one in half. */
	stop(): Promise<void>;
}

/**
 * Runs `sweepOnce` every `intervalMs` (the timer does not keep the process alive). A failed sweep is
 * handed to `onError` and counts as having handled nothing; the next interval tries again.
 */
export function startRepeatingSweep(
	sweepOnce: () => Promise<number>,
	options: { intervalMs: number; onError: (error: unknown) => void },
): RepeatingSweep {
	let running: Promise<number> | undefined;
	const sweep = () => {
		running ??= sweepOnce()
			.catch((error: unknown) => {
				options.onError(error);
				return 0;
			})
			.finally(() => {
				running = undefined;
			});
		return running;
	};
	const timer = setInterval(() => void sweep(), options.intervalMs);
	timer.unref();
	return {
		sweep,
		async stop() {
			clearInterval(timer);
			await running;
		},
	};
}
