import type { ButtonInteraction, ModalSubmitInteraction } from "discord.js";
import type { DojoContext } from "../core/context.js";

/** A kind of button the dispatcher routes by custom id; collectors handle the rest (confirmations). */
export interface ButtonRoute {
	readonly name: string;
	matches(customId: string): boolean;
	handle(interaction: ButtonInteraction, ctx: DojoContext): Promise<void>;
}

/**
 * A kind of modal the dispatcher routes by custom id. Its custom id carries what the submit needs, so a
 * modal opened before a restart is still handled after it.
 */
export interface ModalRoute {
	readonly name: string;
	matches(customId: string): boolean;
	handle(interaction: ModalSubmitInteraction, ctx: DojoContext): Promise<void>;
}
