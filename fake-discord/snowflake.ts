const DISCORD_EPOCH = 1_420_070_400_000n;

/** Snowflakes shaped like Discord's: milliseconds since its epoch, shifted, plus a counter. */
export function createSnowflakes(now: () => number): () => string {
	let increment = 0n;
	return () => {
		increment = (increment + 1n) & 0xfffn;
		return (((BigInt(Math.floor(now())) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
	};
}

/** Discord's sharding formula: which shard receives a guild's events. */
export function shardOf(guildId: string, shardCount: number): number {
	return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
