import {
	type APIActionRowComponent,
	type APIButtonComponent,
	type APIModalInteractionResponseCallbackData,
	ButtonStyle,
	ComponentType,
	TextInputStyle,
} from "discord.js";
import { GRADE_EMOJI } from "../core/emoji.js";
import { MOCK_GRADE_LABELS, MOCK_NOTE_MAX } from "../core/mock/grades.js";
import { GRADES, type Grade } from "../core/scoring/points.js";

/**
 * What a mock interview button does. A question's buttons carry the session (the thread's id) and the
 * turn, so a click after a restart finds everything in the store: `mock:grade:<session>:<turn>:<grade>`.
 * The lobby's carry nothing: the session is the message they sit on, whose id the thread took, and
 * which must be posted before its id is known.
 */
export type MockClick =
	| { action: "join" | "start" }
	| { action: "sheet" | "note"; sessionId: string; turn: number }
	| { action: "grade"; sessionId: string; turn: number; grade: Grade };

const BUTTON_PREFIX = "mock:";
const NOTE_MODAL_PREFIX = "mock-note:";
export const NOTE_INPUT_ID = "note";
const SNOWFLAKE = /^\d{1,20}$/;

export function mockButtonId(click: MockClick): string {
	switch (click.action) {
		case "join":
		case "start":
			return `${BUTTON_PREFIX}${click.action}`;
		case "sheet":
		case "note":
			return `${BUTTON_PREFIX}${click.action}:${click.sessionId}:${click.turn}`;
		case "grade":
			return `${BUTTON_PREFIX}${click.action}:${click.sessionId}:${click.turn}:${click.grade}`;
	}
}

const turnOf = (raw: string | undefined) => {
	const turn = Number(raw);
	return Number.isInteger(turn) && turn >= 0 && turn < 100 ? turn : undefined;
};

/** The click a mock interview button stands for, or undefined for any other custom id. */
export function parseMockButton(customId: string): MockClick | undefined {
	if (!customId.startsWith(BUTTON_PREFIX)) return undefined;
	const [action, sessionId = "", rawTurn, grade] = customId.slice(BUTTON_PREFIX.length).split(":");
	if (action === "join" || action === "start") return sessionId === "" ? { action } : undefined;
	if (!SNOWFLAKE.test(sessionId)) return undefined;
	const turn = turnOf(rawTurn);
	if (turn === undefined) return undefined;
	if (action === "sheet" || action === "note") return grade === undefined ? { action, sessionId, turn } : undefined;
	if (action === "grade" && (GRADES as readonly string[]).includes(grade ?? "")) {
		return { action, sessionId, turn, grade: grade as Grade };
	}
	return undefined;
}

const button = (
	custom: MockClick,
	label: string,
	style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger,
	emoji?: string,
): APIButtonComponent => ({
	type: ComponentType.Button,
	style,
	custom_id: mockButtonId(custom),
	label,
	...(emoji ? { emoji: { name: emoji } } : {}),
});

const row = (components: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> => ({
	type: ComponentType.ActionRow,
	components,
});

export function lobbyButtons(): APIActionRowComponent<APIButtonComponent>[] {
	return [
		row([
			button({ action: "join" }, "Join", ButtonStyle.Primary),
			button({ action: "start" }, "Start", ButtonStyle.Success),
		]),
	];
}

const GRADE_STYLES: Record<Grade, ButtonStyle.Success | ButtonStyle.Primary | ButtonStyle.Danger> = {
	"got-it": ButtonStyle.Success,
	partly: ButtonStyle.Primary,
	missed: ButtonStyle.Danger,
};

/** Under a question: the answer sheet, the three grades until one is given, and the note. */
export function turnButtons(
	sessionId: string,
	turn: number,
	options: { graded: boolean },
): APIActionRowComponent<APIButtonComponent>[] {
	const grades = options.graded
		? []
		: GRADES.map((grade) =>
				button(
					{ action: "grade", sessionId, turn, grade },
					MOCK_GRADE_LABELS[grade],
					GRADE_STYLES[grade],
					GRADE_EMOJI[grade],
				),
			);
	return [
		row([
			button({ action: "sheet", sessionId, turn }, "Answer sheet", ButtonStyle.Secondary, "📋"),
			...grades,
			button({ action: "note", sessionId, turn }, "Note", ButtonStyle.Secondary, "📝"),
		]),
	];
}

export function noteModalId(sessionId: string, turn: number): string {
	return `${NOTE_MODAL_PREFIX}${sessionId}:${turn}`;
}

export function parseNoteModal(customId: string): { sessionId: string; turn: number } | undefined {
	if (!customId.startsWith(NOTE_MODAL_PREFIX)) return undefined;
	const [sessionId = "", rawTurn] = customId.slice(NOTE_MODAL_PREFIX.length).split(":");
	const turn = turnOf(rawTurn);
	return SNOWFLAKE.test(sessionId) && turn !== undefined ? { sessionId, turn } : undefined;
}

/** The note form: one paragraph for the recap, prefilled with the note already given. */
export function noteModal(sessionId: string, turn: number, current?: string): APIModalInteractionResponseCallbackData {
	return {
		custom_id: noteModalId(sessionId, turn),
		title: `Note on question ${turn + 1}`,
		components: [
			{
				type: ComponentType.Label,
				label: "Your note for the recap",
				description: "What went well, what to work on. The whole group sees it in the recap.",
				component: {
					type: ComponentType.TextInput,
					custom_id: NOTE_INPUT_ID,
					style: TextInputStyle.Paragraph,
					min_length: 1,
					max_length: MOCK_NOTE_MAX,
					required: true,
					...(current ? { value: current } : {}),
				},
			},
		],
	};
}
