import { PermissionFlagsBits } from "discord-api-types/v10";

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

export interface Overwrite {
	id: string;
	type: 0 | 1;
	allow: bigint;
	deny: bigint;
}

export interface PermissionSubject {
	guildId: string;
	ownerId: string;
	userId: string;
	/** The member's role ids, without @everyone. */
	roleIds: readonly string[];
	rolePermissions: (roleId: string) => bigint;
	overwrites: readonly Overwrite[];
}

/** Discord's documented order: base from roles, Administrator wins, then @everyone, role and member overwrites. */
export function computePermissions(subject: PermissionSubject): bigint {
	if (subject.userId === subject.ownerId) return ALL_PERMISSIONS;
	let base = subject.rolePermissions(subject.guildId);
	for (const roleId of subject.roleIds) base |= subject.rolePermissions(roleId);
	if (base & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;

	let permissions = base;
	const everyone = subject.overwrites.find((o) => o.id === subject.guildId);
	if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;
	let allow = 0n;
	let deny = 0n;
	for (const overwrite of subject.overwrites) {
		if (overwrite.type === 0 && subject.roleIds.includes(overwrite.id)) {
			allow |= overwrite.allow;
			deny |= overwrite.deny;
		}
	}
	permissions = (permissions & ~deny) | allow;
	const member = subject.overwrites.find((o) => o.type === 1 && o.id === subject.userId);
	if (member) permissions = (permissions & ~member.deny) | member.allow;
	// Without View Channel nothing else in the channel applies.
	if (!(permissions & PermissionFlagsBits.ViewChannel)) return 0n;
	return permissions;
}
