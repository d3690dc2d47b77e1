import type {
	AutocompleteInteraction,
	ChatInputCommandInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { DojoContext } from "../src/core/context.js";

/** Guild-only: every command works on a guild's rotation, rounds and scores. */
export type GuildCommandInteraction = ChatInputCommandInteraction<"cached" | "raw">;
export type GuildAutocompleteInteraction = AutocompleteInteraction<"cached" | "raw">;

export interface Command {
	readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	execute(interaction: GuildCommandInteraction, ctx: DojoContext): Promise<void>;
	autocomplete?(interaction: GuildAutocompleteInteraction, ctx: DojoContext): Promise<void>;
}
