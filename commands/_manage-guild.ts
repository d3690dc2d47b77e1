import { PermissionFlagsBits } from "discord.js";
import { UserFacingError } from "../src/core/errors.js";
import type { GuildCommandInteraction } from "../src/discord/command.js";

/** Servers can change who sees a command; Manage Server is checked here again whatever they chose. */
export function requireManageGuild(interaction: GuildCommandInteraction): void {
	if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
		throw new UserFacingError(`/${interaction.commandName} is for members with the Manage Server permission.`);
	}
}
