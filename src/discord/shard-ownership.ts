import { type Client, ShardClientUtil } from "discord.js";

/**
 * Whether this process's shards receive a guild's events, by Discord's formula. Work that needs the
 * guild's cached channels and roles (dailies, deadline reveals) is done by the owning shard only.
 */
export function createGuildOwnership(client: Client): (guildId: string) => boolean {
	const { shards, shardCount } = client.options;
	const own = new Set(Array.isArray(shards) ? shards : [0]);
	return (guildId) => own.has(ShardClientUtil.shardIdForGuildId(guildId, shardCount ?? 1));
}
