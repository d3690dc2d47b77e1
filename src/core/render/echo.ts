/** Discord's limit on a message's content. */
export const CONTENT_LIMIT = 2_000;

const ECHO_LIMIT = 80;
const MARKDOWN = /[\\*_~`|>[\]()#-]/g;
const INVISIBLE_OR_BREAKING = /[\p{Cc}\p{Zl}\p{Zp}\s]+/gu;
/** A zero-width space after "@" or "<" keeps the text as typed but stops Discord reading a mention. */
const MENTION_START = /@(?=everyone|here)|<(?=[@#])/g;

/**
 * What a member typed, made safe to quote back: one line, at most 80 characters, Markdown and
 * mentions shown literally. Allowed mentions already stop pings; this keeps the reply looking right.
 */
export function echoInput(text: string, limit = ECHO_LIMIT): string {
	const line = text.replace(INVISIBLE_OR_BREAKING, " ").trim();
	const characters = [...line];
	const short = characters.length > limit ? `${characters.slice(0, limit).join("")}…` : line;
	return short.replace(MARKDOWN, "\\$&").replace(MENTION_START, "$&\u200b");
}

/** Text cut to Discord's content limit without splitting a character, marked when cut. */
export function fitContent(text: string, limit = CONTENT_LIMIT): string {
	const characters = [...text];
	if (text.length <= limit) return text;
	let kept = "";
	for (const character of characters) {
		if (kept.length + character.length > limit - 1) break;
		kept += character;
	}
	return `${kept}…`;
}
