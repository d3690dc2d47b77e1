import type {
	AutocompleteInteraction,
	ChatInputCommandInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { DojoContext } from "../core/context.js";
import type { DailyPoster } from "../core/daily/runner.js";
import type { Confirmations } from "./confirmations.js";

/** Guild-only: every command works on a guild's rotation, rounds and scores. */
export type GuildCommandInteraction = ChatInputCommandInteraction<"cached" | "raw">;
export type GuildAutocompleteInteraction = AutocompleteInteraction<"cached" | "raw">;

/** The core context plus the Discord services built once at start that a command may call. */
export interface CommandContext extends DojoContext {
	/** Posts a guild's question of the day; the same poster the daily ticker uses. */
	readonly postDaily: DailyPoster;
	/** Yes/no buttons a command waits on (the leaderboard reset). */
	readonly confirmations: Confirmations;
}

/** One slash command: its registration data, and how it runs and autocompletes. */
export interface Command {
	readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	execute(interaction: GuildCommandInteraction, ctx: CommandContext): Promise<void>;
	autocomplete?(interaction: GuildAutocompleteInteraction, ctx: CommandContext): Promise<void>;
}
