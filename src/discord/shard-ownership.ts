import { type Client, ShardClientUtil } from "discord.js";

/**
 * Whether this process's shards receive a guild's events, by Discord's formula. Work that needs the
 * guild's cached channels and roles (dailies, deadline reveals) is done by the owning shard only.
 * Undefined when this process runs every shard.
 */
export function createGuildOwnership(client: Client): ((guildId: string) => boolean) | undefined {
	const { shards, shardCount = 1 } = client.options;
	const own = new Set(Array.isArray(shards) ? shards : [0]);
	// A process that runs every shard owns every guild; callers then skip the check and its store read.
	if (own.size >= shardCount) return undefined;
	return (guildId) => own.has(ShardClientUtil.shardIdForGuildId(guildId, shardCount));
}
