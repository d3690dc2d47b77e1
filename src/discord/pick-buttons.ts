import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from "discord.js";
import type { ChoiceQuestion } from "../core/bank/schema.js";
import { CHOICE_EMOJI } from "../core/emoji.js";

/** Every pick button's custom id starts with this, so the dispatcher can tell them from other buttons. */
const PICK_PREFIX = "dojo-pick:";

/**
 * One button per choice, lettered as the embed letters them. The custom id carries only the choice: the
 * round is the message the button sits on, so a click after a restart still finds it in the store.
 */
export function pickButtons(question: ChoiceQuestion): APIActionRowComponent<APIButtonComponent>[] {
	return [
		{
			type: ComponentType.ActionRow,
			components: question.choices.map((_, index) => ({
				type: ComponentType.Button,
				style: ButtonStyle.Secondary,
				custom_id: `${PICK_PREFIX}${index}`,
				emoji: { name: CHOICE_EMOJI[index] },
			})),
		},
	];
}

/** The choice a pick button stands for, or undefined for any other button. */
export function pickedChoice(customId: string): number | undefined {
	if (!customId.startsWith(PICK_PREFIX)) return undefined;
	const choice = Number(customId.slice(PICK_PREFIX.length));
	return Number.isInteger(choice) && choice >= 0 && choice < CHOICE_EMOJI.length ? choice : undefined;
}
