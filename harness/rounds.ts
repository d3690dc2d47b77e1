import type { APIMessage } from "discord-api-types/v10";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { World } from "./world.js";

export const LIGHTBULB = "💡";
export const LETTERS = ["🇦", "🇧", "🇨", "🇩"];

export interface Option {
	name: string;
	type: number;
	value?: unknown;
	focused?: boolean;
	options?: Option[];
}

export function stringOption(name: string, value: string, focused = false): Option {
	return { name, type: ApplicationCommandOptionType.String, value, ...(focused ? { focused } : {}) };
}

export const integerOption = (name: string, value: number): Option => ({
	name,
	type: ApplicationCommandOptionType.Integer,
	value,
});
export const booleanOption = (name: string, value: boolean): Option => ({
	name,
	type: ApplicationCommandOptionType.Boolean,
	value,
});
export const userOption = (name: string, value: string): Option => ({
	name,
	type: ApplicationCommandOptionType.User,
	value,
});
export const channelOption = (name: string, value: string): Option => ({
	name,
	type: ApplicationCommandOptionType.Channel,
	value,
});
export const subcommand = (name: string, options: Option[] = []): Option => ({
	name,
	type: ApplicationCommandOptionType.Subcommand,
	options,
});

/** The question id a round shows in its footer. */
export function questionIdOf(message: APIMessage | undefined): string | undefined {
	return message?.embeds[0]?.footer?.text.split(" · ")[0];
}

export function botReactions(message: APIMessage | undefined): string[] {
	return (message?.reactions ?? []).filter((reaction) => reaction.me).map((reaction) => reaction.emoji.name ?? "");
}

/** Runs a slash command as a member of the world's guild, in the practice channel unless told otherwise. */
export function runCommand(
	world: World,
	input: { userId: string; name: string; options?: Option[]; channelId?: string },
) {
	return world.discord.sendCommand({
		guildId: world.guildId,
		channelId: input.channelId ?? world.practice,
		userId: input.userId,
		name: input.name,
		options: input.options ?? [],
	});
}

/** Runs /question as a member and waits until the bot has added its 💡, the last of its reactions. */
export async function askQuestion(world: World, userId: string, options: Option[] = [], channelId?: string) {
	const result = await runCommand(world, { userId, name: "question", options, ...(channelId ? { channelId } : {}) });
	const message = result.message;
	if (!result.responded || !message || result.ephemeral) {
		throw new Error(`/question did not post a round: ${JSON.stringify(result.data)}`);
	}
	await world.discord.waitFor(() =>
		botReactions(world.discord.getMessage(message.channel_id, message.id)).includes(LIGHTBULB),
	);
	return { result, message };
}

export function ephemeralText(data: unknown): string {
	const content = (data as { content?: string } | undefined)?.content;
	if (typeof content !== "string") throw new Error(`expected an ephemeral text reply, got ${JSON.stringify(data)}`);
	return content;
}

/** Resolves with the round's message once the reveal has edited it to carry the answer embed. */
export function waitForReveal(world: World, message: APIMessage, timeoutMs?: number): Promise<APIMessage> {
	return world.discord.waitFor(() => {
		const current = world.discord.getMessage(message.channel_id, message.id);
		return current?.embeds.length === 2 ? current : undefined;
	}, timeoutMs);
}

export function react(world: World, message: APIMessage, userId: string, emoji: string): void {
	world.discord.addReaction({ userId, channelId: message.channel_id, messageId: message.id, emoji });
}

/** One member adding and taking off letters (🇦 🇧 🇨 in turn) `pairs` times; `during(i)` runs after pair i. */
export function spamLetters(
	world: World,
	message: APIMessage,
	userId: string,
	pairs: number,
	during?: (pair: number) => void,
): void {
	for (let i = 0; i < pairs; i++) {
		const emoji = LETTERS[i % 3] ?? "🇦";
		react(world, message, userId, emoji);
		world.discord.removeReaction({ userId, channelId: message.channel_id, messageId: message.id, emoji });
		during?.(i);
	}
}
