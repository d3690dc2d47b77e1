/** Settles like `call`, or rejects with `timedOut()` if `call` has not settled within `ms`. */
export function withinDeadline<T>(call: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(timedOut()), ms);
	});
	return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}
