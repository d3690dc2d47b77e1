import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord-api-types/v10";
import { z } from "zod";
import type { FakeDiscord } from "../fake-discord/index.js";

/** The ids of the playground's guild, channels and members, kept so a restart rebuilds the same server. */
const idsSchema = z.object({
	guild: z.string(),
	adminRole: z.string(),
	channels: z.object({ practice: z.string(), quiz: z.string(), daily: z.string() }),
	members: z.array(z.object({ id: z.string(), name: z.string(), admin: z.boolean() })),
});

export type PlaygroundWorld = z.infer<typeof idsSchema>;

const MEMBERS = [
	{ name: "Ada (admin)", admin: true },
	{ name: "Grace", admin: false },
	{ name: "Linus", admin: false },
	{ name: "Margaret", admin: false },
];

/**
 * A study group's server: #practice where the bot may not manage messages (picks stay visible),
 * #quiz where it may (picks are hidden), #daily for the question of the day, an admin with Manage
 * Server and plain members.
 */
export function buildWorld(discord: FakeDiscord, folder: string): PlaygroundWorld {
	const file = join(folder, "world.json");
	const saved = existsSync(file) ? idsSchema.safeParse(JSON.parse(readFileSync(file, "utf8"))) : undefined;
	const ids = saved?.success ? saved.data : undefined;
	const members = MEMBERS.map((member, index) => ({
		...member,
		id: discord.createUser({ username: member.name, ...(ids?.members[index] ? { id: ids.members[index].id } : {}) }),
	}));
	const [owner] = members;
	const { id: guild } = discord.createGuild({
		name: "Interview Dojo playground",
		...(owner ? { ownerId: owner.id } : {}),
		...(ids ? { id: ids.guild } : {}),
	});
	const adminRole = discord.createRole(guild, {
		name: "Admin",
		permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageMessages,
		...(ids ? { id: ids.adminRole } : {}),
	});
	for (const member of members.slice(1)) discord.addMember(guild, member.id, member.admin ? [adminRole] : []);
	if (owner) discord.addMember(guild, owner.id, [adminRole]);
	const channel = (name: string, key: keyof PlaygroundWorld["channels"], manage = false) =>
		discord.createChannel(guild, {
			name,
			...(manage
				? { overwrites: [{ id: discord.botUserId, type: 1 as const, allow: PermissionFlagsBits.ManageMessages }] }
				: {}),
			...(ids ? { id: ids.channels[key] } : {}),
		});
	const world: PlaygroundWorld = {
		guild,
		adminRole,
		channels: {
			practice: channel("practice", "practice"),
			quiz: channel("quiz", "quiz", true),
			daily: channel("daily", "daily"),
		},
		members: members.map(({ id, name, admin }) => ({ id, name, admin })),
	};
	writeFileSync(file, `${JSON.stringify(world, null, "\t")}\n`);
	return world;
}
