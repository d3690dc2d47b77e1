/** Work started by events that shutdown should let finish before it closes the store. */
export interface InFlight {
	run<T>(task: () => Promise<T>): Promise<T>;
	readonly size: number;
	/** Waits for everything running to settle, or for `timeoutMs`; resolves with how many are still running. */
	drain(timeoutMs: number): Promise<number>;
}

export function createInFlight(): InFlight {
	const running = new Set<Promise<unknown>>();
	return {
		run(task) {
			const promise = task();
			// Tasks may share one promise (letters waiting as one run): it is tracked once, not once each.
			if (!running.has(promise)) {
				running.add(promise);
				const done = () => running.delete(promise);
				promise.then(done, done);
			}
			return promise;
		},
		get size() {
			return running.size;
		},
		async drain(timeoutMs) {
			let timer: NodeJS.Timeout | undefined;
			const timeout = new Promise<void>((resolve) => {
				timer = setTimeout(resolve, timeoutMs);
			});
			await Promise.race([Promise.allSettled([...running]), timeout]);
			clearTimeout(timer);
			return running.size;
		},
	};
}
