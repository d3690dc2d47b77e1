import { type ButtonInteraction, MessageFlags } from "discord.js";
import type { ButtonRoute } from "./component-routes.js";

/** Every confirmation button's custom id starts with one of these; the rest names the answer. */
const CONFIRM_PREFIXES = ["dojo-reset-", "dojo-confirm-"];

/** The custom ids of a yes/no pair for a new confirmation; the dispatcher routes them here. */
export const CONFIRM_IDS = { yes: "dojo-confirm-yes", no: "dojo-confirm-no" } as const;

interface Waiting {
	memberId: string;
	resolve(click: ButtonInteraction | undefined): void;
}

export interface Confirmations {
	/** The route the dispatcher sends confirmation clicks to. */
	readonly route: ButtonRoute;
	/**
	 * Waits for the asking member's click on the buttons of the reply to `interactionId`. Call it before
	 * sending the reply: a click can reach the bot before the reply's own response does.
	 */
	waitFor(interactionId: string, memberId: string, timeoutMs: number): Promise<ButtonInteraction | undefined>;
}

/**
 * Yes/no buttons under a command's private reply, matched to the waiting command through the reply's
 * interaction metadata rather than a collector attached after the reply, which missed a quick click.
 */
export function createConfirmations(): Confirmations {
	const waiting = new Map<string, Waiting>();
	return {
		route: {
			name: "confirm",
			matches: (customId) => CONFIRM_PREFIXES.some((prefix) => customId.startsWith(prefix)),
			async handle(interaction) {
				const asked = interaction.message.interactionMetadata?.id;
				const entry = asked === undefined ? undefined : waiting.get(asked);
				if (!entry) {
					await interaction.reply({
						content: "This question is no longer waiting for an answer. Run the command again.",
						flags: MessageFlags.Ephemeral,
					});
					return;
				}
				if (entry.memberId !== interaction.user.id) {
					await interaction.reply({
						content: "Only the member who asked can answer this.",
						flags: MessageFlags.Ephemeral,
					});
					return;
				}
				if (asked !== undefined) waiting.delete(asked);
				entry.resolve(interaction);
			},
		},
		waitFor(interactionId, memberId, timeoutMs) {
			return new Promise((resolve) => {
				const timer = setTimeout(() => {
					waiting.delete(interactionId);
					resolve(undefined);
				}, timeoutMs);
				timer.unref();
				waiting.set(interactionId, {
					memberId,
					resolve: (click) => {
						clearTimeout(timer);
						resolve(click);
					},
				});
			});
		},
	};
}
