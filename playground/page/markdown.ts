import { parse } from "discord-markdown-parser";

type Node = { type: string; content?: unknown; [key: string]: unknown };

export interface MarkdownContext {
	/** Display names by user id, for mentions. */
	names: Map<string, string>;
	channelNames: Map<string, string>;
	roleNames: Map<string, string>;
}

const element = (tag: string, className?: string, text?: string): HTMLElement => {
	const created = document.createElement(tag);
	if (className) created.className = className;
	if (text !== undefined) created.textContent = text;
	return created;
};

/** Links open only for http(s); anything else (javascript:, data:) is shown as text. */
function safeLink(target: unknown, children: Node[], context: MarkdownContext): HTMLElement {
	const href = typeof target === "string" ? target : "";
	if (!/^https?:\/\//i.test(href)) return renderNodes(children, context, element("span"));
	const link = element("a") as HTMLAnchorElement;
	link.href = href;
	link.rel = "noopener noreferrer";
	link.target = "_blank";
	return renderNodes(children, context, link);
}

function timestamp(node: Node): HTMLElement {
	const when = new Date(Number(node.timestamp) * 1000);
	const format = String(node.format ?? "f");
	const text =
		format === "R"
			? new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }).format(
					Math.round((when.getTime() - Date.now()) / 60_000),
					"minute",
				)
			: when.toLocaleString(undefined, format === "t" || format === "T" ? { timeStyle: "short" } : {});
	const time = element("time", "mention", text);
	time.setAttribute("datetime", when.toISOString());
	return time;
}

function renderNode(node: Node, context: MarkdownContext): globalThis.Node {
	const children = Array.isArray(node.content) ? (node.content as Node[]) : [];
	switch (node.type) {
		case "text":
			return document.createTextNode(String(node.content ?? ""));
		case "br":
		case "newline":
			return element("br");
		case "strong":
			return renderNodes(children, context, element("strong"));
		case "em":
			return renderNodes(children, context, element("em"));
		case "underline":
			return renderNodes(children, context, element("u"));
		case "strikethrough":
		case "strike":
			return renderNodes(children, context, element("s"));
		case "inlineCode":
			return element("code", undefined, String(node.content ?? ""));
		case "codeBlock": {
			const pre = element("pre");
			const code = element("code", node.lang ? `language-${String(node.lang)}` : undefined, String(node.content ?? ""));
			pre.append(code);
			return pre;
		}
		case "blockQuote":
			return renderNodes(children, context, element("blockquote"));
		case "heading":
			return renderNodes(children, context, element(`h${Math.min(3, Number(node.level) || 1) + 2}`));
		case "spoiler": {
			const spoiler = renderNodes(children, context, element("span", "spoiler"));
			spoiler.addEventListener("click", () => spoiler.classList.add("shown"));
			return spoiler;
		}
		case "user":
			return element("span", "mention", `@${context.names.get(String(node.id)) ?? "unknown member"}`);
		case "channel":
			return element("span", "mention", `#${context.channelNames.get(String(node.id)) ?? "unknown channel"}`);
		case "role":
			return element("span", "mention", `@${context.roleNames.get(String(node.id)) ?? "unknown role"}`);
		case "everyone":
			return element("span", "mention", "@everyone");
		case "here":
			return element("span", "mention", "@here");
		case "timestamp":
			return timestamp(node);
		case "twemoji":
			return document.createTextNode(String(node.name ?? ""));
		case "emoji":
			return document.createTextNode(`:${String(node.name ?? "emoji")}:`);
		case "link":
		case "url":
		case "autolink":
			return safeLink(node.target, children, context);
		default:
			return children.length > 0
				? renderNodes(children, context, element("span"))
				: document.createTextNode(typeof node.content === "string" ? node.content : "");
	}
}

function renderNodes(nodes: Node[], context: MarkdownContext, into: HTMLElement): HTMLElement {
	for (const node of nodes) into.append(renderNode(node, context));
	return into;
}

/** Discord's list markers: "- " or "* " at the start of a line, indented to nest. */
const LIST_MARKER = /^( *)[-*] +/;

/** The parser's top-level nodes cut at its line breaks, with neighbouring text joined. */
function lines(nodes: Node[]): Node[][] {
	const result: Node[][] = [[]];
	for (const node of nodes) {
		const line = result.at(-1) ?? [];
		if (node.type === "br" || node.type === "newline") {
			result.push([]);
			continue;
		}
		const last = line.at(-1);
		if (node.type === "text" && last?.type === "text") last.content = `${String(last.content)}${String(node.content)}`;
		else line.push({ ...node });
	}
	return result;
}

/** The indent and the rest of the line when it is a list item; its marker is taken off its text. */
function listItem(line: Node[]): { depth: number; content: Node[] } | undefined {
	const [first, ...rest] = line;
	const marker = first?.type === "text" ? LIST_MARKER.exec(String(first.content)) : null;
	if (!first || !marker) return undefined;
	const text = String(first.content).slice(marker[0].length);
	// A marker with nothing after it is just text, as on Discord; "- **bold**" is an item.
	if (text.trim() === "" && rest.length === 0) return undefined;
	return { depth: marker[1]?.length ?? 0, content: [{ type: "text", content: text }, ...rest] };
}

/** Code blocks end their own line: the line break the parser keeps after one would add a blank line. */
const BLOCKS = new Set(["codeBlock", "list"]);

/**
 * Discord's Markdown as DOM nodes built from the parser's tree: text is never parsed as HTML. The
 * parser has no list rule, so lines starting with "- " or "* " become lists here.
 */
export function renderMarkdown(text: string, context: MarkdownContext): HTMLElement {
	const into = element("div", "markdown");
	/** The open lists, outermost first, each with the indent its items have. */
	let lists: Array<{ depth: number; list: HTMLElement }> = [];
	let previous: string | undefined;
	for (const line of lines(parse(text, "extended") as Node[])) {
		const item = listItem(line);
		if (item) {
			lists = lists.filter((open) => open.depth <= item.depth);
			const parent = lists.at(-1);
			if (!parent || parent.depth < item.depth) {
				const list = element("ul");
				(parent?.list.lastElementChild ?? into).append(list);
				lists.push({ depth: item.depth, list });
			}
			lists.at(-1)?.list.append(renderNodes(item.content, context, element("li")));
			previous = "list";
			continue;
		}
		lists = [];
		if (previous !== undefined && !BLOCKS.has(previous)) into.append(element("br"));
		renderNodes(line, context, into);
		previous = line.at(-1)?.type ?? "text";
	}
	return into;
}
