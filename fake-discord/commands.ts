import type { APIApplicationCommand, RESTPutAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import { ApplicationCommandType } from "discord-api-types/v10";
import { invalidFormBody } from "./errors.js";
import type { World } from "./state.js";

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Problem = { path: Array<string | number>; code: string; message: string };

function validateOptions(options: unknown[] | undefined, path: Array<string | number>, problems: Problem[]) {
	if (!options) return;
	if (options.length > 25)
		problems.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
	options.forEach((raw, index) => {
		const option = raw as { name?: string; description?: string; choices?: unknown[]; options?: unknown[] };
		const at = [...path, index];
		if (!option.name || !NAME.test(option.name) || option.name !== option.name.toLowerCase()) {
			problems.push({
				path: [...at, "name"],
				code: "APPLICATION_COMMAND_INVALID_NAME",
				message: "Command name is invalid",
			});
		}
		if (!option.description || option.description.length > 100) {
			problems.push({
				path: [...at, "description"],
				code: "BASE_TYPE_BAD_LENGTH",
				message: "Must be between 1 and 100 in length.",
			});
		}
		if ((option.choices?.length ?? 0) > 25) {
			problems.push({
				path: [...at, "choices"],
				code: "BASE_TYPE_MAX_LENGTH",
				message: "Must be 25 or fewer in length.",
			});
		}
		validateOptions(option.options, [...at, "options"], problems);
	});
}

/**
 * Bulk overwrite as Discord does it, globally or in one guild: validate all, keep ids of commands whose
 * name stays, drop the rest (an empty list removes every command in that scope).
 */
export function overwriteCommands(
	world: World,
	existing: APIApplicationCommand[],
	body: RESTPutAPIApplicationCommandsJSONBody,
	guildId: string | undefined,
): APIApplicationCommand[] {
	const problems: Problem[] = [];
	body.forEach((command, index) => {
		if (!NAME.test(command.name) || command.name !== command.name.toLowerCase()) {
			problems.push({
				path: [index, "name"],
				code: "APPLICATION_COMMAND_INVALID_NAME",
				message: "Command name is invalid",
			});
		}
		const description = "description" in command ? command.description : "";
		if ((command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput) {
			if (!description || description.length > 100) {
				problems.push({
					path: [index, "description"],
					code: "BASE_TYPE_BAD_LENGTH",
					message: "Must be between 1 and 100 in length.",
				});
			}
		}
		validateOptions("options" in command ? command.options : undefined, [index, "options"], problems);
	});
	if (body.length > 100)
		problems.push({ path: [], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 100 or fewer in length." });
	const names = body.map((command) => `${command.type ?? ApplicationCommandType.ChatInput}:${command.name}`);
	if (new Set(names).size < names.length) {
		problems.push({
			path: [],
			code: "APPLICATION_COMMANDS_DUPLICATE_NAME",
			message: "Application command names must be unique",
		});
	}
	if (problems.length > 0) throw invalidFormBody(problems);
	return body.map((command) => {
		const previous = existing.find((entry) => entry.name === command.name);
		return {
			id: previous?.id ?? world.nextId(),
			application_id: world.applicationId,
			version: world.nextId(),
			type: command.type ?? ApplicationCommandType.ChatInput,
			name: command.name,
			name_localizations: null,
			description: "description" in command ? (command.description ?? "") : "",
			description_localizations: null,
			default_member_permissions: command.default_member_permissions ?? null,
			dm_permission: true,
			contexts: command.contexts ?? null,
			integration_types: command.integration_types ?? [0],
			nsfw: command.nsfw ?? false,
			...("options" in command && command.options ? { options: command.options } : {}),
			...(guildId ? { guild_id: guildId } : {}),
		} as APIApplicationCommand;
	});
}
