import { Client, GatewayIntentBits, Options, Partials } from "discord.js";

/** Ten minutes between sweeps: long enough to cost nothing, short enough to keep a busy bot lean. */
const SWEEP_SECONDS = 600;
/** discord.js's default margin on every rate-limit reset, which it adds twice before a bucket's next request. */
const DEFAULT_RESET_OFFSET_MS = 50;

/**
 * The reaction bucket (one per channel, every reaction route) allows one request per quarter second, and
 * hidden picks spend it on one removal per member. discord.js waits the reset Discord announces, counted
 * from the response's arrival, and then its margin twice over (100 ms by default): 40% more than the
 * limit itself. The arrival is already later than Discord's own clock started, so no margin is needed.
 */
const resetOffset = (route: string) => (route.includes("/reactions/") ? 0 : DEFAULT_RESET_OFFSET_MS);

/**
 * Guilds and reactions only: no privileged intent, so the bot needs no review to grow. The partials
 * let reactions on messages posted before a restart reach the bot at all.
 *
 * The cache keeps what the bot reads (guilds, channels, roles and its own member, for permissions)
 * and drops what it never uses; members and users that reactions bring in are swept, since the next
 * reaction carries them again. Round state lives in the store, never in the cache.
 *
 * The shards are always given, from the validated configuration, so that discord.js does not take them
 * from SHARDS and SHARD_COUNT in the environment unchecked. With SHARD_IDS, they are this host's share of
 * SHARD_COUNT, so shards can run on several hosts.
 */
export function createDiscordClient(apiUrl: string, sharding: { shards: number[]; shardCount: number }): Client {
	return new Client({
		shards: sharding.shards,
		shardCount: sharding.shardCount,
		intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
		partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User, Partials.GuildMember],
		rest: { api: apiUrl, offset: resetOffset },
		allowedMentions: { parse: [] },
		makeCache: Options.cacheWithLimits({
			...Options.DefaultMakeCacheSettings,
			MessageManager: 25,
			GuildEmojiManager: 0,
			GuildStickerManager: 0,
			GuildScheduledEventManager: 0,
			StageInstanceManager: 0,
			PresenceManager: 0,
			VoiceStateManager: 0,
			ThreadMemberManager: 0,
		}),
		sweepers: {
			...Options.DefaultSweeperSettings,
			messages: { interval: SWEEP_SECONDS, lifetime: SWEEP_SECONDS },
			users: { interval: SWEEP_SECONDS, filter: () => (user) => user.id !== user.client.user.id },
			guildMembers: { interval: SWEEP_SECONDS, filter: () => (member) => member.id !== member.client.user.id },
		},
	});
}
