import {
	DiscordAPIError,
	type Interaction,
	MessageFlags,
	RESTJSONErrorCodes,
	type RepliableInteraction,
} from "discord.js";
import { type DojoContext, inGuild } from "../core/context.js";
import { UserFacingError } from "../core/errors.js";
import { StoreUnavailableError } from "../core/ports.js";
import { fitContent } from "../core/render/echo.js";
import type { Command, CommandContext } from "./command.js";
import type { ButtonRoute, ModalRoute } from "./component-routes.js";
import type { NameBook } from "./member-names.js";
import { tellPendingNotice } from "./practice-notices.js";

/** Discord errors an admin can fix, explained in words they can act on. */
const FIXABLE_DISCORD_ERRORS: Partial<Record<number, string>> = {
	[RESTJSONErrorCodes.MissingAccess]: "I can't see this channel. Ask a server admin to let my role view it.",
	[RESTJSONErrorCodes.MissingPermissions]:
		"I'm missing a permission in this channel (Send Messages, Embed Links, Add Reactions or Read Message History).",
	[RESTJSONErrorCodes.UnknownChannel]: "That channel no longer exists.",
	[RESTJSONErrorCodes.UnknownMessage]: "That message no longer exists.",
};

export function createInteractionHandler(
	commands: readonly Command[],
	routes: { buttons: readonly ButtonRoute[]; modals: readonly ModalRoute[] },
	ctx: CommandContext,
	names?: NameBook,
) {
	const byName = new Map(commands.map((command) => [command.data.name, command]));

	return async (interaction: Interaction): Promise<void> => {
		if (names && interaction.inGuild() && (interaction.isButton() || interaction.isChatInputCommand())) {
			names.note(interaction.guildId, interaction.user, interaction.member);
			if (interaction.isChatInputCommand()) {
				const resolved = interaction.options.resolved;
				for (const user of resolved?.users?.values() ?? []) {
					names.note(interaction.guildId, user, resolved?.members?.get(user.id));
				}
			}
		}
		if (interaction.isButton()) {
			const route = routes.buttons.find((candidate) => candidate.matches(interaction.customId));
			if (!route) return;
			const logger = loggerFor(ctx, interaction, { button: route.name });
			await answerOrExplain("button", `button:${route.name}`, interaction, { ...ctx, logger }, async () =>
				route.handle(interaction, await serverContext(interaction, { ...ctx, logger })),
			);
			return;
		}
		if (interaction.isModalSubmit()) {
			const route = routes.modals.find((candidate) => candidate.matches(interaction.customId));
			if (!route) return;
			const logger = loggerFor(ctx, interaction, { modal: route.name });
			await answerOrExplain("modal", `modal:${route.name}`, interaction, { ...ctx, logger }, async () =>
				route.handle(interaction, await serverContext(interaction, { ...ctx, logger })),
			);
			return;
		}
		if (!interaction.isChatInputCommand() && !interaction.isAutocomplete()) return;
		const command = byName.get(interaction.commandName);
		const logger = loggerFor(ctx, interaction, { command: interaction.commandName });

		if (interaction.isAutocomplete()) {
			try {
				if (!command?.autocomplete || !interaction.inGuild()) await interaction.respond([]);
				else await command.autocomplete(interaction, await serverContext(interaction, { ...ctx, logger }));
			} catch (error) {
				logger.warn({ err: error }, "autocomplete failed");
			}
			return;
		}

		await answerOrExplain("command", interaction.commandName, interaction, { ...ctx, logger }, async () => {
			if (!command) throw new UserFacingError("I don't know that command any more. Try again in a minute.");
			if (!interaction.inGuild()) throw new UserFacingError("Interview Dojo works inside a server, not in DMs.");
			await command.execute(interaction, await serverContext(interaction, { ...ctx, logger }));
			await tellPendingNotice(interaction, ctx, logger);
		});
	};
}

/** In a server, the context carries that server's banks: built-in ones it kept on, and its own. */
function serverContext(interaction: Interaction, ctx: CommandContext): Promise<CommandContext> {
	return interaction.guildId ? inGuild(ctx, interaction.guildId) : Promise.resolve(ctx);
}

function loggerFor(ctx: DojoContext, interaction: Interaction, what: Record<string, string>) {
	return ctx.logger.child({
		interactionId: interaction.id,
		...what,
		guildId: interaction.guildId,
		userId: interaction.user.id,
	});
}

/**
 * Runs a command or button handler and counts how it went; whatever it throws, the member gets a
 * private answer they can act on (their mistake as worded, the store being down, or a reference).
 */
async function answerOrExplain(
	kind: "command" | "button" | "modal",
	metric: string,
	interaction: RepliableInteraction,
	ctx: DojoContext,
	work: () => Promise<void>,
): Promise<void> {
	const { logger } = ctx;
	const started = ctx.clock.now();
	try {
		await work();
		const durationMs = ctx.clock.now() - started;
		logger.info({ durationMs }, `${kind} handled`);
		ctx.metrics.commandHandled(metric, "ok", durationMs / 1000);
	} catch (error) {
		const known = error instanceof UserFacingError;
		const durationMs = ctx.clock.now() - started;
		if (known) logger.info({ reason: error.message, durationMs }, `${kind} refused`);
		else if (error instanceof StoreUnavailableError)
			logger.warn({ reason: error.message, durationMs }, "store unavailable");
		else logger.error({ err: error, durationMs }, `${kind} failed`);
		ctx.metrics.commandHandled(metric, known ? "refused" : "failed", durationMs / 1000);
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
