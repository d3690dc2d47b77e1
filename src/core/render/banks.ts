import type { BankSummary } from "../bank/bank.js";
import type { ImportOutcome } from "../bank/import.js";
import { type BankProblem, formatProblem } from "../bank/problem.js";
import { CHOICE_EMOJI } from "../emoji.js";
import type { Suggestion, SuggestionProblem } from "../suggestions.js";
import { EMBED_LIMITS, type Embed } from "./embed.js";

/** A reply, and the full text as a file when the reply alone cannot hold it. */
export interface TextReply {
	content: string;
	file?: { name: string; text: string };
}

const MESSAGE_LIMIT = 2_000;
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
const code = (text: string) => `\`${text.replaceAll("`", "ˋ")}\``;

/** Names the ids a change touched, as many as fit a line. */
function idList(ids: readonly string[], room = 400): string {
	const shown: string[] = [];
	let used = 0;
	for (const id of ids) {
		if (used + id.length + 4 > room) break;
		shown.push(code(id));
		used += id.length + 4;
	}
	const more = ids.length - shown.length;
	return `${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

export function renderProblems(intro: string, problems: readonly BankProblem[], fileName: string): TextReply {
	const lines = problems.map((problem) => `- ${formatProblem(problem).replaceAll("`", "ˋ")}`);
	const full = `${intro}\n${lines.join("\n")}\nNothing was stored. Fix these and import the file again; \`npm run bank:check\` shows the same list.`;
	if (full.length <= MESSAGE_LIMIT) return { content: full };
	const shown: string[] = [];
	for (const line of lines) {
		if ([intro, ...shown, line].join("\n").length > MESSAGE_LIMIT - 300) break;
		shown.push(line);
	}
	return {
		content: `${intro}\n${shown.join("\n")}\n…and ${problems.length - shown.length} more, all listed in the attached file. Nothing was stored.`,
		file: { name: `${fileName.replace(/\.[^.]+$/, "")}-problems.txt`, text: problems.map(formatProblem).join("\n") },
	};
}

export function renderImportOutcome(outcome: ImportOutcome, fileName: string): TextReply {
	if (outcome.kind === "invalid") {
		return renderProblems(
			`**${fileName.replaceAll("*", "")}** has ${plural(outcome.problems.length, "problem")}:`,
			outcome.problems,
			fileName,
		);
	}
	if (outcome.kind === "exists") {
		return {
			content: `This server already has a bank ${code(outcome.bank.id)} (${plural(outcome.bank.questions, "question")}). Run \`/bank import\` again with \`replace: True\` to update it in place: rotations, reviews and stats of questions whose ids stay are kept. Nothing was changed.`,
		};
	}
	const { bank } = outcome;
	const head = outcome.created
		? `Imported the bank ${code(bank.id)} · **${bank.title}**: ${plural(bank.sections, "section")}, ${plural(bank.questions, "question")}.`
		: `Updated the bank ${code(bank.id)} · **${bank.title}** in place: ${plural(bank.sections, "section")}, ${plural(bank.questions, "question")}.`;
	const changes = outcome.created
		? []
		: [
				`Added ${outcome.added.length}${outcome.added.length > 0 ? `: ${idList(outcome.added)}` : ""}.`,
				`Changed ${outcome.changed.length}${outcome.changed.length > 0 ? `: ${idList(outcome.changed)}` : ""}.`,
				`Removed ${outcome.removed.length}${outcome.removed.length > 0 ? `: ${idList(outcome.removed)}` : ""}.`,
				`Unchanged ${outcome.unchanged}.`,
			];
	const next = bank.enabled
		? `Ask one with \`/question bank:${bank.id}\`.`
		: `It is disabled here; \`/bank enable bank:${bank.id}\` turns it on.`;
	return { content: [head, ...changes, next].join("\n") };
}

export function renderBankList(banks: readonly BankSummary[]): Embed {
	const line = (bank: BankSummary) =>
		`${bank.enabled ? "🟢" : "⚪"} **${bank.title}** · ${code(bank.id)} · ${plural(bank.sections, "section")}, ${plural(bank.questions, "question")}${bank.enabled ? "" : " · disabled"}`;
	const builtIn = banks.filter((bank) => bank.origin === "built-in");
	const own = banks.filter((bank) => bank.origin === "server");
	const parts = [
		"**Built in**",
		...(builtIn.length > 0 ? builtIn.map(line) : ["none"]),
		"",
		"**This server's own**",
		...(own.length > 0 ? own.map(line) : ["none yet: `/bank import` adds one, `/suggest` proposes a question"]),
	];
	const enabled = banks.filter((bank) => bank.enabled);
	return {
		title: "Question banks",
		description: parts.join("\n").slice(0, EMBED_LIMITS.description),
		color: 0x5865f2,
		footer: {
			text: `${plural(enabled.length, "bank")} enabled · ${plural(
				enabled.reduce((sum, bank) => sum + bank.questions, 0),
				"question",
			)} to ask`,
		},
	};
}

export function renderSuggestionProblems(problems: readonly SuggestionProblem[]): string {
	const lines = problems.map((problem) => `- ${problem.field}: ${problem.message}`);
	return `Your suggestion was not sent:\n${lines.join("\n")}\nRun /suggest again; the form starts empty, so keep your text until it is sent.`;
}

/** A suggestion as a moderator reviews it: its text as written, in an embed so nothing in it can ping. */
export function renderSuggestion(suggestion: Suggestion, waiting: number): Embed {
	const { question } = suggestion;
	const choices =
		question.kind === "choice"
			? (question.choices ?? [])
					.map((choice, index) => `${CHOICE_EMOJI[index]} ${choice}${index === question.correct ? " ✅" : ""}`)
					.join("\n")
			: "(an open question: members think it through, then grade themselves)";
	return {
		title: `Suggestion from a member · ${question.difficulty}`,
		description: `${question.prompt}\n\n${choices}`.slice(0, EMBED_LIMITS.description),
		color: 0xfee75c,
		fields: [
			{ name: "Suggested by", value: `<@${suggestion.authorId}>` },
			{ name: "Answer", value: question.answer.slice(0, EMBED_LIMITS.fieldValue) },
		],
		footer: { text: `${suggestion.id} · ${plural(waiting, "suggestion")} waiting` },
		timestamp: new Date(suggestion.createdAt).toISOString(),
	};
}
