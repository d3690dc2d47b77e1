export interface RecentKeys {
	has(key: string): boolean;
	add(key: string): void;
}

/** A set that forgets its oldest keys beyond `limit`, for facts worth remembering but cheap to look up again. */
export function createRecentKeys(limit: number): RecentKeys {
	const keys = new Set<string>();
	return {
		has: (key) => keys.has(key),
		add(key) {
			keys.delete(key);
			keys.add(key);
			if (keys.size > limit) {
				const oldest = keys.values().next();
				if (!oldest.done) keys.delete(oldest.value);
			}
		},
	};
}
