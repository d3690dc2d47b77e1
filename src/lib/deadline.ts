/** Settles like `call`, or rejects with `timedOut()` if `call` has not settled within `ms`. */
export function withinDeadline<T>(call: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(timedOut()), ms);
	});
	return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}

interface Waiting {
	dueAt: number;
	settled: boolean;
	reject: (error: Error) => void;
}

/**
 * `withinDeadline` for many calls that all get the same time, as a store's commands do: one timer for
 * all of them instead of a timer, a race and a cleanup per call. Calls share one deadline length, so they
 * fall due in the order they started; the timer waits for the oldest still pending and, when it fires,
 * times out every pending call that is due and waits for the next. A call times out at most `slackMs`
 * after its deadline (the timer is not moved for each call).
 */
export function createDeadlines(
	ms: number,
	timedOut: () => Error,
	now: () => number = performance.now.bind(performance),
) {
	const slackMs = Math.max(1, Math.round(ms / 100));
	const queue: Waiting[] = [];
	let head = 0;
	let timer: NodeJS.Timeout | undefined;

	function expire() {
		timer = undefined;
		const at = now();
		while (head < queue.length) {
			const oldest = queue[head] as Waiting;
			if (!oldest.settled && oldest.dueAt > at) break;
			head += 1;
			if (!oldest.settled) {
				oldest.settled = true;
				oldest.reject(timedOut());
			}
		}
		if (head === queue.length) {
			queue.length = 0;
			head = 0;
		} else if (head > 1024 && head * 2 > queue.length) {
			queue.splice(0, head);
			head = 0;
		}
		schedule(at);
	}

	function schedule(at: number) {
		// Settled calls at the front wait for the next expiry to be dropped; the timer runs for the oldest.
		const oldest = queue[head];
		if (timer !== undefined || oldest === undefined) return;
		timer = setTimeout(expire, Math.max(0, oldest.dueAt - at) + slackMs);
		// Pending store calls keep the process alive on their own; the timer need not.
		timer.unref();
	}

	return function within<T>(call: Promise<T>): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			const at = now();
			const waiting: Waiting = { dueAt: at + ms, settled: false, reject };
			queue.push(waiting);
			schedule(at);
			call.then(
				(value) => {
					if (waiting.settled) return;
					waiting.settled = true;
					resolve(value);
				},
				(error: unknown) => {
					if (waiting.settled) return;
					waiting.settled = true;
					reject(error);
				},
			);
		});
	};
}
