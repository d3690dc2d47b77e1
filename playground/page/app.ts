import type { APIApplicationCommand, APIApplicationCommandOption, APIEmbed, APIMessage } from "discord-api-types/v10";
import { renderMarkdown } from "./markdown.js";

interface Member {
	id: string;
	name: string;
	admin: boolean;
}
interface State {
	guildId: string;
	botId: string;
	members: Member[];
	roles: Array<{ id: string; name: string }>;
	channels: Array<{ id: string; name: string; messages: ShownMessage[] }>;
	commands: APIApplicationCommand[];
}
type ShownMessage = APIMessage & { reactors: Record<string, string[]> };

/** What the page reads of an interaction's answer; the reply itself arrives with the channel's messages. */
interface Reply {
	responded: boolean;
	data?: { choices?: Array<{ name: string; value: string | number }> };
}
interface SentOption {
	name: string;
	type: number;
	value?: unknown;
	focused?: boolean;
	options?: SentOption[];
}

const SUBCOMMAND = 1;
const APPLICATION_COMMAND = 2;
const OPTION_TYPES = { string: 3, integer: 4, boolean: 5, user: 6, channel: 7, role: 8, number: 10 } as const;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const actorSelect = $<HTMLSelectElement>("actor");
const commandSelect = $<HTMLSelectElement>("command-name");
const subcommandSelect = $<HTMLSelectElement>("subcommand");
const optionsBox = $<HTMLSpanElement>("command-options");

let state: State | undefined;
let channelId = "";
const messagesBox = $<HTMLElement>("messages");
/**
 * Whether the view keeps the newest message in sight: true until the member scrolls up to read, and
 * again once they are back at the bottom. Decided when they scroll, not when a message arrives,
 * since the form growing under a tall command moves the bottom out of sight without any scrolling.
 */
let following = true;
const scrollToNewest = () => {
	messagesBox.scrollTop = messagesBox.scrollHeight;
};
messagesBox.addEventListener("scroll", () => {
	following = messagesBox.scrollHeight - messagesBox.scrollTop - messagesBox.clientHeight < 40;
});
// The box shrinks when the command form grows (a tall /daily set) and grows back; the newest stays in view.
new ResizeObserver(() => {
	if (following) scrollToNewest();
}).observe(messagesBox);
/** Commands the bot never answered, shown to the member who sent them. */
const unanswered: Array<{ channelId: string; userId: string; at: number }> = [];

const actor = () => actorSelect.value;
const names = () =>
	new Map([...(state?.members ?? []).map((m) => [m.id, m.name] as const), [state?.botId ?? "", "Interview Dojo"]]);
const channelNames = () => new Map((state?.channels ?? []).map((c) => [c.id, c.name] as const));
const roleNames = () => new Map((state?.roles ?? []).map((r) => [r.id, r.name] as const));
const markdown = (text: string) =>
	renderMarkdown(text, { names: names(), channelNames: channelNames(), roleNames: roleNames() });

async function post(path: string, body: unknown): Promise<Reply> {
	const response = await fetch(path, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify(body),
	});
	return (await response.json()) as Reply;
}

function el(tag: string, className?: string, text?: string): HTMLElement {
	const created = document.createElement(tag);
	if (className) created.className = className;
	if (text !== undefined) created.textContent = text;
	return created;
}

const attachmentUrl = (message: APIMessage, attachmentId: string) => `/attachments/${message.id}/${attachmentId}`;

/** A picture the bot uploaded, shown as Discord shows it; the server serves only PNGs inline. */
function picture(message: APIMessage, attachment: APIMessage["attachments"][number]): HTMLElement {
	const image = document.createElement("img");
	image.className = "attachment-image";
	image.src = attachmentUrl(message, attachment.id);
	image.alt = attachment.description ?? attachment.filename;
	return image;
}

/** The attachment an embed's `attachment://name` image points at, as Discord resolves it. */
function embedPicture(message: APIMessage, embed: APIEmbed) {
	const url = embed.image?.url ?? "";
	if (!url.startsWith("attachment://")) return undefined;
	return message.attachments.find((attachment) => attachment.filename === url.slice("attachment://".length));
}

function renderEmbed(embed: APIEmbed, message: APIMessage): HTMLElement {
	const box = el("div", "embed");
	if (embed.color !== undefined) box.style.borderLeftColor = `#${embed.color.toString(16).padStart(6, "0")}`;
	if (embed.title) box.append(el("div", "title", embed.title));
	if (embed.description) box.append(markdown(embed.description));
	for (const field of embed.fields ?? []) {
		box.append(el("div", "field-name", field.name), markdown(field.value));
	}
	const footer = [embed.footer?.text, embed.timestamp ? new Date(embed.timestamp).toLocaleString() : undefined].filter(
		Boolean,
	);
	const image = embedPicture(message, embed);
	if (image) box.append(picture(message, image));
	if (footer.length > 0) box.append(el("div", "footer", footer.join(" · ")));
	return box;
}

/** Discord's line above a reply to a slash command: who ran it matters, the asker may reveal. */
function renderInvocation(message: ShownMessage): HTMLElement | undefined {
	const invoked = message.interaction;
	if (!invoked || invoked.type !== APPLICATION_COMMAND) return undefined;
	const line = el("div", "invocation");
	line.append(
		el("span", "who", names().get(invoked.user.id) ?? invoked.user.username),
		" used ",
		el("span", "command", `/${invoked.name}`),
	);
	return line;
}

function renderMessage(message: ShownMessage, show = { reactions: true }): HTMLElement {
	const row = el("article", "message");
	row.dataset.id = message.id;
	const invocation = renderInvocation(message);
	if (invocation) row.append(invocation);
	row.append(el("span", "author", names().get(message.author.id) ?? message.author.username));
	row.append(el("span", "time", new Date(message.timestamp).toLocaleTimeString()));
	if (message.content) row.append(markdown(message.content));
	for (const embed of message.embeds) row.append(renderEmbed(embed, message));
	const inEmbeds = new Set(message.embeds.map((embed) => embedPicture(message, embed)?.id));
	for (const attachment of message.attachments) {
		if (inEmbeds.has(attachment.id)) continue;
		if (attachment.content_type === "image/png") {
			row.append(picture(message, attachment));
			continue;
		}
		const link = el("a", undefined, `📎 ${attachment.filename}`) as HTMLAnchorElement;
		link.href = attachmentUrl(message, attachment.id);
		link.download = attachment.filename;
		const holder = el("div");
		holder.append(link);
		row.append(holder);
	}
	for (const component of message.components ?? []) {
		const bar = el("div", "components");
		for (const button of "components" in component ? component.components : []) {
			if (!("custom_id" in button)) continue;
			// Discord shows a button's emoji before its label; pick buttons carry only the letter emoji.
			const emoji = "emoji" in button ? (button.emoji?.name ?? "") : "";
			const label = "label" in button ? (button.label ?? "") : "";
			const clickable = el("button", undefined, [emoji, label].filter(Boolean).join(" ")) as HTMLButtonElement;
			clickable.onclick = () => void click(message, String(button.custom_id));
			bar.append(clickable);
		}
		row.append(bar);
	}
	if (!show.reactions) return row;
	const reactions = el("div", "reactions");
	for (const reaction of message.reactions ?? []) {
		const emoji = reaction.emoji.name ?? "";
		const who = message.reactors[emoji] ?? [];
		const chip = el(
			"button",
			who.includes(actor()) ? "mine" : undefined,
			`${emoji} ${reaction.count}`,
		) as HTMLButtonElement;
		chip.title = who.map((id) => names().get(id) ?? "someone").join(", ");
		chip.onclick = () => void react(message, emoji, !who.includes(actor()));
		reactions.append(chip);
	}
	const add = el("button", undefined, "+") as HTMLButtonElement;
	add.title = "add a reaction";
	add.onclick = () => {
		const emoji = prompt("Emoji to react with (🇦 🇧 🇨 🇩 💡 ✅ 🟨 ❌)");
		if (emoji) void react(message, emoji.trim(), true);
	};
	reactions.append(add);
	row.append(reactions);
	return row;
}

const EPHEMERAL = 64;
const isPrivate = (message: APIMessage) => ((message.flags ?? 0) & EPHEMERAL) !== 0;

function renderPrivate(message: ShownMessage): HTMLElement {
	const row = renderMessage(message, { reactions: false });
	row.classList.add("ephemeral");
	row.append(el("div", "ephemeral-note", "Only you can see this"));
	return row;
}

/** An interaction the bot never answered leaves no message; the member still sees that it failed. */
function renderUnanswered(): HTMLElement {
	const row = el("article", "message ephemeral");
	row.append(el("span", "author", "Interview Dojo"), el("div", undefined, "The application did not respond."));
	row.append(el("div", "ephemeral-note", "Only you can see this"));
	return row;
}

function render(): void {
	if (!state) return;
	const nav = $("channels");
	nav.replaceChildren(
		...state.channels.map((channel) => {
			const button = el(
				"button",
				channel.id === channelId ? "current" : undefined,
				`# ${channel.name}`,
			) as HTMLButtonElement;
			button.onclick = () => {
				channelId = channel.id;
				following = true;
				render();
			};
			return button;
		}),
	);
	const channel = state.channels.find((candidate) => candidate.id === channelId);
	$("channel-title").textContent = `# ${channel?.name ?? ""}`;
	const timeline: Array<{ at: number; node: HTMLElement }> = (channel?.messages ?? [])
		.filter((message) => !isPrivate(message) || message.interaction_metadata?.user.id === actor())
		.map((message) => ({
			at: Date.parse(message.timestamp),
			node: isPrivate(message) ? renderPrivate(message) : renderMessage(message),
		}));
	for (const entry of unanswered) {
		if (entry.channelId === channelId && entry.userId === actor())
			timeline.push({ at: entry.at, node: renderUnanswered() });
	}
	timeline.sort((a, b) => a.at - b.at);
	messagesBox.replaceChildren(...timeline.map((entry) => entry.node));
	if (following) scrollToNewest();
}

async function refresh(): Promise<void> {
	state = (await (await fetch("/api/state")).json()) as State;
	channelId ||= state.channels[0]?.id ?? "";
	if (actorSelect.options.length === 0) {
		actorSelect.append(...state.members.map((member) => new Option(member.name, member.id)));
		renderCommandPicker();
	}
	render();
}

async function react(message: APIMessage, emoji: string, add: boolean): Promise<void> {
	await post("/api/reaction", { userId: actor(), channelId: message.channel_id, messageId: message.id, emoji, add });
}

async function click(message: APIMessage, customId: string): Promise<void> {
	const reply = await post("/api/button", {
		userId: actor(),
		channelId: message.channel_id,
		messageId: message.id,
		customId,
	});
	if (!reply.responded) unanswered.push({ channelId: message.channel_id, userId: actor(), at: Date.now() });
	await refresh();
}

function currentOptions(): APIApplicationCommandOption[] {
	const command = state?.commands.find((candidate) => candidate.name === commandSelect.value);
	const options = command?.options ?? [];
	const sub = options.find((option) => option.type === SUBCOMMAND && option.name === subcommandSelect.value);
	return sub && "options" in sub ? (sub.options ?? []) : options.filter((option) => option.type !== SUBCOMMAND);
}

function renderCommandPicker(): void {
	commandSelect.replaceChildren(
		...(state?.commands ?? []).map((command) => new Option(`/${command.name}`, command.name)),
	);
	commandSelect.onchange = renderSubcommands;
	subcommandSelect.onchange = renderOptionInputs;
	renderSubcommands();
}

function renderSubcommands(): void {
	const command = state?.commands.find((candidate) => candidate.name === commandSelect.value);
	const subs = (command?.options ?? []).filter((option) => option.type === SUBCOMMAND);
	subcommandSelect.hidden = subs.length === 0;
	subcommandSelect.replaceChildren(...subs.map((sub) => new Option(sub.name, sub.name)));
	renderOptionInputs();
}

/** What a user, channel or role option offers, as Discord's pickers list them; other options are typed. */
function pickerEntries(type: number): Array<{ id: string; name: string }> | undefined {
	if (type === OPTION_TYPES.user) return state?.members ?? [];
	if (type === OPTION_TYPES.channel) return state?.channels ?? [];
	if (type === OPTION_TYPES.role) {
		return (state?.roles ?? []).map(({ id, name }) => ({ id, name: name.startsWith("@") ? name : `@${name}` }));
	}
	return undefined;
}

function renderOptionInputs(): void {
	optionsBox.replaceChildren(
		...currentOptions().map((option) => {
			const label = el("label", "option", `${option.name}${option.required ? "" : " (optional)"}`);
			let input: HTMLInputElement | HTMLSelectElement;
			const choices = "choices" in option ? (option.choices ?? []) : [];
			const entries = pickerEntries(option.type);
			if (choices.length > 0 || option.type === OPTION_TYPES.boolean) {
				input = document.createElement("select");
				input.append(new Option("", ""));
				const values =
					option.type === OPTION_TYPES.boolean
						? [
								{ name: "true", value: "true" },
								{ name: "false", value: "false" },
							]
						: choices;
				for (const choice of values) input.append(new Option(choice.name, String(choice.value)));
			} else if (entries) {
				input = document.createElement("select");
				input.append(new Option("", ""));
				for (const entry of entries) input.append(new Option(entry.name, entry.id));
			} else {
				input = document.createElement("input");
				input.type = option.type === OPTION_TYPES.integer || option.type === OPTION_TYPES.number ? "number" : "text";
				if ("autocomplete" in option && option.autocomplete) attachAutocomplete(input, option.name);
			}
			input.name = option.name;
			input.dataset.type = String(option.type);
			label.append(input);
			return label;
		}),
	);
}

function attachAutocomplete(input: HTMLInputElement, name: string): void {
	const list = document.createElement("datalist");
	list.id = `choices-${name}`;
	input.setAttribute("list", list.id);
	input.after(list);
	input.addEventListener("input", async () => {
		const reply = await post("/api/autocomplete", {
			userId: actor(),
			channelId,
			name: commandSelect.value,
			options: wrap(readOptions(name)),
		});
		list.replaceChildren(...(reply.data?.choices ?? []).map((choice) => new Option(choice.name, String(choice.value))));
	});
	queueMicrotask(() => input.parentElement?.append(list));
}

function readOptions(focused?: string): SentOption[] {
	const options: SentOption[] = [];
	for (const input of optionsBox.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")) {
		if (input.value === "" && input.name !== focused) continue;
		const type = Number(input.dataset.type);
		const value =
			type === OPTION_TYPES.integer || type === OPTION_TYPES.number
				? Number(input.value)
				: type === OPTION_TYPES.boolean
					? input.value === "true"
					: input.value;
		options.push({ name: input.name, type, value, ...(input.name === focused ? { focused: true } : {}) });
	}
	return options;
}

const wrap = (options: SentOption[]): SentOption[] =>
	subcommandSelect.hidden ? options : [{ name: subcommandSelect.value, type: SUBCOMMAND, options }];

$("command").addEventListener("submit", async (event) => {
	event.preventDefault();
	const sentIn = channelId;
	const reply = await post("/api/command", {
		userId: actor(),
		channelId: sentIn,
		name: commandSelect.value,
		options: wrap(readOptions()),
	});
	if (!reply.responded) unanswered.push({ channelId: sentIn, userId: actor(), at: Date.now() });
	await refresh();
});
actorSelect.addEventListener("change", render);

function connect(): void {
	const socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/live`);
	socket.onmessage = () => void refresh();
	socket.onclose = () => setTimeout(connect, 1_000);
}

await refresh();
connect();
