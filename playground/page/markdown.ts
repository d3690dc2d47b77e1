import { parse } from "discord-markdown-parser";

type Node = { type: string; content?: unknown; [key: string]: unknown };

export interface MarkdownContext {
	/** Display names by user id, for mentions. */
	names: Map<string, string>;
	channelNames: Map<string, string>;
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
			return element("span", "mention", "@role");
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

/** Discord's Markdown as DOM nodes built from the parser's tree: text is never parsed as HTML. */
export function renderMarkdown(text: string, context: MarkdownContext): HTMLElement {
	return renderNodes(parse(text, "extended") as Node[], context, element("div", "markdown"));
}
