import {
	type ButtonInteraction,
	DiscordAPIError,
	type Interaction,
	MessageFlags,
	type ModalSubmitInteraction,
	RESTJSONErrorCodes,
	type RepliableInteraction,
} from "discord.js";
import type { Command } from "../../commands/_command.js";
import type { DojoContext } from "../core/context.js";
import { UserFacingError } from "../core/errors.js";
import { StoreUnavailableError } from "../core/ports.js";
import { fitContent } from "../core/render/echo.js";
import type { ButtonRoute, ModalRoute } from "./component-routes.js";

/** Discord errors an admin can fix, explained in words they can act on. */
const FIXABLE_DISCORD_ERRORS: Partial<Record<number, string>> = {
	[RESTJSONErrorCodes.MissingAccess]: "I can't see this channel. Ask a server admin to let my role view it.",
	[RESTJSONErrorCodes.MissingPermissions]:
		"I'm missing a permission in this channel (Send Messages, Embed Links, Add Reactions or Read Message History; in threads Create Public Threads or Send Messages in Threads).",
	[RESTJSONErrorCodes.UnknownChannel]: "That channel no longer exists.",
	[RESTJSONErrorCodes.UnknownMessage]: "That message no longer exists.",
};

export function createInteractionHandler(
	commands: readonly Command[],
	routes: { buttons: readonly ButtonRoute[]; modals: readonly ModalRoute[] },
	ctx: DojoContext,
) {
	const byName = new Map(commands.map((command) => [command.data.name, command]));

	return async (interaction: Interaction): Promise<void> => {
		if (interaction.isButton()) {
			const route = routes.buttons.find((candidate) => candidate.matches(interaction.customId));
			if (route) await handleRoute(route, interaction, ctx, "button");
			return;
		}
		if (interaction.isModalSubmit()) {
			const route = routes.modals.find((candidate) => candidate.matches(interaction.customId));
			if (route) await handleRoute(route, interaction, ctx, "modal");
			return;
		}
		if (!interaction.isChatInputCommand() && !interaction.isAutocomplete()) return;
		const command = byName.get(interaction.commandName);
		const logger = ctx.logger.child({
			interactionId: interaction.id,
			command: interaction.commandName,
			guildId: interaction.guildId,
			userId: interaction.user.id,
		});
		const started = ctx.clock.now();

		if (interaction.isAutocomplete()) {
			try {
				if (!command?.autocomplete || !interaction.inGuild()) await interaction.respond([]);
				else await command.autocomplete(interaction, { ...ctx, logger });
			} catch (error) {
				logger.warn({ err: error }, "autocomplete failed");
			}
			return;
		}

		try {
			if (!command) throw new UserFacingError("I don't know that command any more. Try again in a minute.");
			if (!interaction.inGuild()) throw new UserFacingError("Interview Dojo works inside a server, not in DMs.");
			await command.execute(interaction, { ...ctx, logger });
			const durationMs = ctx.clock.now() - started;
			logger.info({ durationMs }, "command handled");
			ctx.metrics.commandHandled(interaction.commandName, "ok", durationMs / 1000);
		} catch (error) {
			const known = error instanceof UserFacingError;
			const durationMs = ctx.clock.now() - started;
			if (known) logger.info({ reason: error.message, durationMs }, "command refused");
			else if (error instanceof StoreUnavailableError)
				logger.warn({ reason: error.message, durationMs }, "store unavailable");
			else logger.error({ err: error, durationMs }, "command failed");
			ctx.metrics.commandHandled(interaction.commandName, known ? "refused" : "failed", durationMs / 1000);
			await replyWithError(interaction, explain(error, interaction.id), logger);
		}
	};
}

/** A button or modal route, with the logging, metrics and error replies commands get. */
async function handleRoute<T extends ButtonInteraction | ModalSubmitInteraction>(
	route: { name: string; handle(interaction: T, ctx: DojoContext): Promise<void> },
	interaction: T,
	ctx: DojoContext,
	kind: "button" | "modal",
): Promise<void> {
	const logger = ctx.logger.child({
		interactionId: interaction.id,
		[kind]: route.name,
		guildId: interaction.guildId,
		userId: interaction.user.id,
	});
	const started = ctx.clock.now();
	const metric = `${kind}:${route.name}`;
	try {
		await route.handle(interaction, { ...ctx, logger });
		ctx.metrics.commandHandled(metric, "ok", (ctx.clock.now() - started) / 1000);
	} catch (error) {
		const known = error instanceof UserFacingError;
		if (error instanceof StoreUnavailableError) logger.warn({ reason: error.message }, "store unavailable");
		else if (!known) logger.error({ err: error }, `${kind} failed`);
		ctx.metrics.commandHandled(metric, known ? "refused" : "failed", (ctx.clock.now() - started) / 1000);
		await replyWithError(interaction, explain(error, interaction.id), logger);
	}
}

const STORE_UNAVAILABLE =
	"Scores are temporarily unavailable: my database is not answering. Nothing you did was lost; try again in a minute.";

function explain(error: unknown, interactionId: string): string {
	if (error instanceof UserFacingError) return error.message;
	if (error instanceof StoreUnavailableError) return STORE_UNAVAILABLE;
	if (error instanceof DiscordAPIError && typeof error.code === "number") {
		const fixable = FIXABLE_DISCORD_ERRORS[error.code];
		if (fixable) return fixable;
	}
	return `Something went wrong on my side. If it keeps happening, give the bot's operator this reference: \`${interactionId}\`.`;
}

async function replyWithError(
	interaction: RepliableInteraction,
	content: string,
	logger: DojoContext["logger"],
): Promise<void> {
	const payload = {
		content: fitContent(content),
		flags: MessageFlags.Ephemeral,
		allowedMentions: { parse: [] },
	} as const;
	try {
		if (interaction.replied || interaction.deferred) await interaction.followUp(payload);
		else await interaction.reply(payload);
	} catch (error) {
		logger.warn({ err: error }, "could not tell the member about the error");
	}
}
