/** The subset of Discord's embed object the bot sends; structurally an APIEmbed. */
export interface EmbedField {
	name: string;
	value: string;
	inline?: boolean;
}

export interface Embed {
	title?: string;
	description?: string;
	color?: number;
	fields?: EmbedField[];
	footer?: { text: string };
	/** An image, here always a file of the same message: `attachment://name.png`. */
	image?: { url: string };
	/** ISO 8601; Discord shows it beside the footer in each reader's own time zone. */
	timestamp?: string;
}

/** Discord's documented embed limits (Channel resource, "Embed Limits"). */
export const EMBED_LIMITS = {
	title: 256,
	description: 4096,
	fields: 25,
	fieldName: 256,
	fieldValue: 1024,
	footerText: 2048,
	totalPerMessage: 6000,
	embedsPerMessage: 10,
} as const;

export interface LimitViolation {
	/** Which embed (0-based) and which part broke the limit, e.g. "embeds.1.description". */
	where: string;
	length: number;
	limit: number;
}

function embedLength(embed: Embed): number {
	const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
	return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + fields;
}

export function checkEmbedLimits(embeds: readonly Embed[]): LimitViolation[] {
	const violations: LimitViolation[] = [];
	const check = (where: string, length: number, limit: number) => {
		if (length > limit) violations.push({ where, length, limit });
	};
	check("embeds", embeds.length, EMBED_LIMITS.embedsPerMessage);
	embeds.forEach((embed, index) => {
		check(`embeds.${index}.title`, embed.title?.length ?? 0, EMBED_LIMITS.title);
		check(`embeds.${index}.description`, embed.description?.length ?? 0, EMBED_LIMITS.description);
		check(`embeds.${index}.footer`, embed.footer?.text.length ?? 0, EMBED_LIMITS.footerText);
		check(`embeds.${index}.fields`, embed.fields?.length ?? 0, EMBED_LIMITS.fields);
		embed.fields?.forEach((field, fieldIndex) => {
			check(`embeds.${index}.fields.${fieldIndex}.name`, field.name.length, EMBED_LIMITS.fieldName);
			check(`embeds.${index}.fields.${fieldIndex}.value`, field.value.length, EMBED_LIMITS.fieldValue);
		});
	});
	check(
		"message",
		embeds.reduce((sum, embed) => sum + embedLength(embed), 0),
		EMBED_LIMITS.totalPerMessage,
	);
	return violations;
}
