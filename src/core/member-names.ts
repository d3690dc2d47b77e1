import { z } from "zod";
import type { DojoContext } from "./context.js";

const nameSchema = z.string().max(200);

/**
 * The name a member last showed in the guild, kept whenever they use the bot, so an image can show
 * names without asking Discord for each member on every render.
 */
const nameKey = (guildId: string, memberId: string) => `name:${guildId}:${memberId}`;

export async function rememberName(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	memberId: string,
	name: string,
): Promise<void> {
	await ctx.store.set(nameKey(guildId, memberId), name.slice(0, 200));
}

/** Stored names of these members; one never seen has a stand-in made from the end of their id. */
export async function readNames(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	memberIds: readonly string[],
): Promise<Map<string, string>> {
	const names = await Promise.all(memberIds.map((id) => ctx.store.get(nameKey(guildId, id), nameSchema)));
	return new Map(memberIds.map((id, index) => [id, names[index] ?? `member …${id.slice(-4)}`]));
}
