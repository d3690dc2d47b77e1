import { PermissionFlagsBits } from "discord.js";
import { UserFacingError } from "../src/core/errors.js";
import type { GuildCommandInteraction } from "../src/discord/command.js";

/**
 * Servers can change who sees a command; Manage Server is checked here again whatever they chose.
 * `what` names the part refused, for a command whose other parts are for everyone ("/bank import").
 */
export function requireManageGuild(interaction: GuildCommandInteraction, what = `/${interaction.commandName}`): void {
	if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
		throw new UserFacingError(`${what} is for members with the Manage Server permission.`);
	}
}
