import type { APIApplicationCommand, APIApplicationCommandOption, APIEmbed, APIMessage } from "discord-api-types/v10";
import { renderMarkdown } from "./markdown.js";

interface Member {
	id: string;
	name: string;
	admin: boolean;
}
interface Thread {
	id: string;
	name: string;
	archived: boolean;
	messages: ShownMessage[];
}
interface Channel {
	id: string;
	name: string;
	messages: ShownMessage[];
	threads: Thread[];
}
interface State {
	guildId: string;
	botId: string;
	members: Member[];
	roles: Array<{ id: string; name: string }>;
	channels: Channel[];
	/** What the bot sent each member by DM, by member id. */
	directMessages: Record<string, ShownMessage[]>;
	commands: APIApplicationCommand[];
}
type ShownMessage = APIMessage & { reactors: Record<string, string[]> };

/** A text input of a modal, in either layout Discord accepts (a Label around it, or an Action Row). */
interface ModalInput {
	type: number;
	custom_id: string;
	style?: number;
	label?: string;
	value?: string;
	placeholder?: string;
	required?: boolean;
	min_length?: number;
	max_length?: number;
}
interface ModalComponent {
	type: number;
	label?: string;
	description?: string;
	component?: ModalInput;
	components?: ModalInput[];
}

/** What the page reads of an interaction's answer; the reply itself arrives with the channel's messages. */
interface Reply {
	responded: boolean;
	error?: string;
	/** 9 when the bot answered with a modal, which the page then opens. */
	type?: number;
	interactionId?: string;
	data?: {
		choices?: Array<{ name: string; value: string | number }>;
		title?: string;
		components?: ModalComponent[];
	};
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
const MODAL_RESPONSE = 9;
const LABEL = 18;
const ACTION_ROW = 1;
const TEXT_INPUT = 4;
const PARAGRAPH = 2;
const OPTION_TYPES = {
	string: 3,
	integer: 4,
	boolean: 5,
	user: 6,
	channel: 7,
	role: 8,
	number: 10,
	attachment: 11,
} as const;
/** The view of the acting member's DMs with the bot; each member has their own, so it is no channel id. */
const DIRECT_MESSAGES = "dm";

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
/** Interactions the bot never answered (or the server refused), shown to the member who sent them. */
const unanswered: Array<{ channelId: string; userId: string; at: number; text: string }> = [];
const NO_ANSWER = "The application did not respond.";

const actor = () => actorSelect.value;
const names = () =>
	new Map([...(state?.members ?? []).map((m) => [m.id, m.name] as const), [state?.botId ?? "", "Interview Dojo"]]);
const threads = () =>
	(state?.channels ?? []).flatMap((channel) => channel.threads.map((thread) => ({ thread, channel })));
const channelNames = () =>
	new Map([
		...(state?.channels ?? []).map((c) => [c.id, c.name] as const),
		...threads().map(({ thread }) => [thread.id, thread.name] as const),
	]);
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
	else if (((message.flags ?? 0) & LOADING) !== 0) row.append(el("div", "loading", "Interview Dojo is thinking…"));
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
		link.title = `${attachment.filename} · ${attachment.size.toLocaleString()} bytes`;
		const holder = el("div", "attachment-file");
		holder.append(link);
		row.append(holder);
	}
	for (const component of message.components ?? []) {
		const bar = el("div", "components");
		for (const button of "components" in component ? component.components : []) {
			if (!("custom_id" in button)) continue;
			const emoji = "emoji" in button ? button.emoji?.name : undefined;
			const label = "label" in button ? button.label : undefined;
			const clickable = el("button", undefined, [emoji, label].filter(Boolean).join(" ")) as HTMLButtonElement;
			clickable.onclick = () => void click(message, String(button.custom_id));
			bar.append(clickable);
		}
		row.append(bar);
	}
	if (message.thread) {
		const { id, name } = message.thread;
		const chip = el("button", "thread-chip", `🧵 ${"name" in message.thread ? name : "thread"}`) as HTMLButtonElement;
		chip.onclick = () => {
			channelId = id;
			render();
		};
		row.append(chip);
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
/** A deferred reply the bot has not edited yet: Discord shows "is thinking…" in its place. */
const LOADING = 128;
const isPrivate = (message: APIMessage) => ((message.flags ?? 0) & EPHEMERAL) !== 0;

function renderPrivate(message: ShownMessage): HTMLElement {
	const row = renderMessage(message, { reactions: false });
	row.classList.add("ephemeral");
	row.append(el("div", "ephemeral-note", "Only you can see this"));
	return row;
}

/** An interaction the bot never answered leaves no message; the member still sees that it failed. */
function renderUnanswered(text: string): HTMLElement {
	const row = el("article", "message ephemeral");
	row.append(el("span", "author", "Interview Dojo"), el("div", undefined, text));
	row.append(el("div", "ephemeral-note", "Only you can see this"));
	return row;
}

function navButton(label: string, id: string, className: string): HTMLButtonElement {
	const button = el("button", `${className}${id === channelId ? " current" : ""}`, label) as HTMLButtonElement;
	button.onclick = () => {
		channelId = id;
		following = true;
		render();
	};
	return button;
}

/** The acting member's DMs with the bot: what it sent them privately (a reviewed suggestion, say). */
function renderDirectMessages(): void {
	const messages = state?.directMessages[actor()] ?? [];
	$("channel-title").textContent = "✉ Direct messages with Interview Dojo";
	const shown = messages.map((message) => renderMessage(message, { reactions: false }));
	messagesBox.replaceChildren(
		...(shown.length > 0 ? shown : [el("p", "note", "Interview Dojo has sent you no direct messages.")]),
	);
	if (following) scrollToNewest();
}

function render(): void {
	if (!state) return;
	const nav = $("channels");
	const dms = state.directMessages[actor()]?.length ?? 0;
	// Discord takes no command of this bot in a DM; the form waits for a channel.
	$<HTMLButtonElement>("send").disabled = channelId === DIRECT_MESSAGES;
	nav.replaceChildren(
		navButton(`✉ Direct messages${dms > 0 ? ` (${dms})` : ""}`, DIRECT_MESSAGES, "dm"),
		...state.channels.flatMap((channel) => [
			navButton(`# ${channel.name}`, channel.id, "channel"),
			...channel.threads.map((thread) =>
				navButton(
					`🧵 ${thread.name}${thread.archived ? " (archived)" : ""}`,
					thread.id,
					thread.archived ? "thread archived" : "thread",
				),
			),
		]),
	);
	if (channelId === DIRECT_MESSAGES) {
		renderDirectMessages();
		return;
	}
	const channel = state.channels.find((candidate) => candidate.id === channelId);
	const inThread = threads().find(({ thread }) => thread.id === channelId);
	$("channel-title").textContent = inThread
		? `# ${inThread.channel.name} › 🧵 ${inThread.thread.name}${inThread.thread.archived ? " (archived)" : ""}`
		: `# ${channel?.name ?? ""}`;
	const messages = inThread ? inThread.thread.messages : (channel?.messages ?? []);
	const timeline: Array<{ at: number; node: HTMLElement }> = messages
		.filter((message) => !isPrivate(message) || message.interaction_metadata?.user.id === actor())
		.map((message) => ({
			at: Date.parse(message.timestamp),
			node: isPrivate(message) ? renderPrivate(message) : renderMessage(message),
		}));
	// A thread opens with the message it was started from, as Discord shows it.
	const starter = inThread?.channel.messages.find((message) => message.id === channelId);
	if (starter) {
		const node = renderMessage(starter, { reactions: false });
		node.classList.add("starter");
		node.prepend(el("div", "starter-note", "The thread was started from this message"));
		timeline.push({ at: Date.parse(starter.timestamp), node });
	}
	for (const entry of unanswered) {
		if (entry.channelId === channelId && entry.userId === actor())
			timeline.push({ at: entry.at, node: renderUnanswered(entry.text) });
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

/** Notes an interaction that got no answer, and opens the modal of one answered with a modal. */
function handleReply(reply: Reply, sentIn: string): void {
	if (!reply.responded) {
		unanswered.push({ channelId: sentIn, userId: actor(), at: Date.now(), text: reply.error ?? NO_ANSWER });
	} else if (reply.type === MODAL_RESPONSE && reply.interactionId) {
		openModal(reply.interactionId, reply.data ?? {}, sentIn);
	}
}

async function click(message: APIMessage, customId: string): Promise<void> {
	const reply = await post("/api/button", {
		userId: actor(),
		channelId: message.channel_id,
		messageId: message.id,
		customId,
	});
	handleReply(reply, message.channel_id);
	await refresh();
}

const modalDialog = $<HTMLDialogElement>("modal");

/** The bot's modal as a form; submitting sends the values back as Discord's client does, cancelling sends nothing. */
function openModal(interactionId: string, modal: NonNullable<Reply["data"]>, sentIn: string): void {
	const form = $<HTMLFormElement>("modal-form");
	const fields = (modal.components ?? []).flatMap((component) => {
		if (component.type === LABEL && component.component?.type === TEXT_INPUT) {
			return [{ label: component.label ?? "", description: component.description, input: component.component }];
		}
		if (component.type === ACTION_ROW) {
			return (component.components ?? [])
				.filter((input) => input.type === TEXT_INPUT)
				.map((input) => ({ label: input.label ?? "", description: undefined, input }));
		}
		return [];
	});
	$("modal-title").textContent = modal.title ?? "";
	$("modal-fields").replaceChildren(
		...fields.map(({ label, description, input }) => {
			const box = el("label", "modal-field", label);
			if (description) box.append(el("span", "modal-description", description));
			const field = document.createElement(input.style === PARAGRAPH ? "textarea" : "input") as
				| HTMLInputElement
				| HTMLTextAreaElement;
			field.name = input.custom_id;
			field.required = input.required !== false;
			if (input.max_length !== undefined) field.maxLength = input.max_length;
			if (input.min_length !== undefined) field.minLength = input.min_length;
			if (input.placeholder) field.placeholder = input.placeholder;
			field.value = input.value ?? "";
			box.append(field);
			return box;
		}),
	);
	form.onsubmit = async (event) => {
		event.preventDefault();
		const values = Object.fromEntries(
			fields.map(({ input }) => [
				input.custom_id,
				(form.elements.namedItem(input.custom_id) as HTMLInputElement).value,
			]),
		);
		modalDialog.close();
		const reply = await post("/api/modal", { userId: actor(), interactionId, values });
		handleReply(reply, sentIn);
		await refresh();
	};
	$("modal-cancel").onclick = () => modalDialog.close();
	modalDialog.showModal();
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
			} else if (option.type === OPTION_TYPES.attachment) {
				// Discord's client uploads the file first and sends the command naming it; sendCommand does the same.
				input = document.createElement("input");
				input.type = "file";
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
		if (input instanceof HTMLInputElement && input.type === "file") continue;
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

/** Uploads the files picked for attachment options; each becomes the option naming the uploaded file. */
async function uploadFiles(): Promise<SentOption[]> {
	const options: SentOption[] = [];
	for (const input of optionsBox.querySelectorAll<HTMLInputElement>('input[type="file"]')) {
		const file = input.files?.[0];
		if (!file) continue;
		const response = await fetch(`/api/attachment?filename=${encodeURIComponent(file.name)}`, {
			method: "POST",
			headers: { "content-type": file.type || "application/octet-stream" },
			body: file,
		});
		const uploaded = (await response.json()) as { id?: string; error?: string };
		if (!response.ok || !uploaded.id) throw new Error(uploaded.error ?? `the upload failed (${response.status})`);
		options.push({ name: input.name, type: OPTION_TYPES.attachment, value: uploaded.id });
	}
	return options;
}

$("command").addEventListener("submit", async (event) => {
	event.preventDefault();
	const sentIn = channelId;
	if (sentIn === DIRECT_MESSAGES) return;
	let files: SentOption[];
	try {
		files = await uploadFiles();
	} catch (error) {
		const text = `Your file could not be uploaded: ${error instanceof Error ? error.message : String(error)}`;
		unanswered.push({ channelId: sentIn, userId: actor(), at: Date.now(), text });
		render();
		return;
	}
	const reply = await post("/api/command", {
		userId: actor(),
		channelId: sentIn,
		name: commandSelect.value,
		options: wrap([...readOptions(), ...files]),
	});
	handleReply(reply, sentIn);
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
