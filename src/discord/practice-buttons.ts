import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from "discord.js";
import { CHOICE_EMOJI, GRADE_EMOJI } from "../core/emoji.js";
import type { PracticeStep } from "../core/practice/session.js";
import { renderPracticeStep } from "../core/render/practice.js";
import { GRADES, type Grade } from "../core/scoring/points.js";

/** Every practice button's custom id starts with this, so the dispatcher can tell them from other buttons. */
const PREFIX = "practice:";

/**
 * What a click asks for. The custom id carries the ask id (the interaction that showed the question)
 * and the choice or grade; the ask itself is in the store, so a click after a restart still finds it.
 */
export type PracticeClick =
	| { action: "pick"; askId: string; choice: number }
	| { action: "show"; askId: string }
	| { action: "grade"; askId: string; grade: Grade }
	| { action: "next"; askId: string };

export function practiceCustomId(click: PracticeClick): string {
	const base = `${PREFIX}${click.action}:${click.askId}`;
	if (click.action === "pick") return `${base}:${click.choice}`;
	if (click.action === "grade") return `${base}:${click.grade}`;
	return base;
}

export function parsePracticeClick(customId: string): PracticeClick | undefined {
	if (!customId.startsWith(PREFIX)) return undefined;
	const [action, askId, argument] = customId.slice(PREFIX.length).split(":");
	if (!askId || !/^\d{1,20}$/.test(askId)) return undefined;
	if (action === "show" || action === "next") return { action, askId };
	if (action === "pick") {
		const choice = Number(argument);
		return Number.isInteger(choice) && choice >= 0 && choice < CHOICE_EMOJI.length
			? { action, askId, choice }
			: undefined;
	}
	if (action === "grade" && GRADES.includes(argument as Grade)) return { action, askId, grade: argument as Grade };
	return undefined;
}

type Row = APIActionRowComponent<APIButtonComponent>;

const button = (
	click: PracticeClick,
	label: string,
	style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
	emoji?: string,
): APIButtonComponent => ({
	type: ComponentType.Button,
	style,
	custom_id: practiceCustomId(click),
	label,
	...(emoji ? { emoji: { name: emoji } } : {}),
});

const row = (components: APIButtonComponent[]): Row => ({ type: ComponentType.ActionRow, components });

const GRADE_LABELS: Record<Grade, string> = { "got-it": "Got it", partly: "Partly", missed: "Missed" };

function buttonsFor(step: PracticeStep): Row[] {
	if (step.kind === "question") {
		const { question, askId } = step;
		if (question.kind === "open") return [row([button({ action: "show", askId }, "Show answer", ButtonStyle.Primary)])];
		return [
			row(
				question.choices.map((_, choice) =>
					button(
						{ action: "pick", askId, choice },
						`Choice ${"ABCD"[choice]}`,
						ButtonStyle.Secondary,
						CHOICE_EMOJI[choice],
					),
				),
			),
		];
	}
	if (step.kind === "answer-shown") {
		return [
			row(
				GRADES.map((grade) =>
					button(
						{ action: "grade", askId: step.askId, grade },
						GRADE_LABELS[grade],
						ButtonStyle.Secondary,
						GRADE_EMOJI[grade],
					),
				),
			),
		];
	}
	if (step.kind === "answered" && step.more) {
		const label = `Next question (${step.ask.position + 1} of ${step.ask.total})`;
		return [row([button({ action: "next", askId: step.askId }, label, ButtonStyle.Primary)])];
	}
	return [];
}

/** A practice step as message fields: the embeds core renders and the buttons that go on from it. */
export function practiceMessage(step: PracticeStep) {
	const { content, embeds } = renderPracticeStep(step);
	return { content: content ?? "", embeds, components: buttonsFor(step), allowedMentions: { parse: [] } };
}
