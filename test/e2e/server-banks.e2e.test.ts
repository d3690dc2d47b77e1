import { InteractionResponseType } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
	askQuestion,
	booleanOption,
	channelOption,
	ephemeralText,
	LETTERS,
	LIGHTBULB,
	type Option,
	questionIdOf,
	react,
	runCommand,
	stringOption,
	subcommand,
	waitForReveal,
} from "../../harness/rounds.js";
import type { DojoRun, World } from "../../harness/world.js";
import { parseBankFile } from "../../src/core/bank/parse.js";
import { useDojoPerFile } from "./per-file.js";

let world: World;
let run: DojoRun;
useDojoPerFile((started, dojo) => {
	world = started;
	run = dojo;
});

const ATTACHMENT = 11;
const attachmentOption = (name: string, id: string): Option => ({ name, type: ATTACHMENT, value: id });

interface GroupQuestion {
	id: string;
	prompt?: string;
}

/** A study group's own bank: choice questions whose right answer is always B. */
function groupBank(questions: GroupQuestion[]): string {
	return stringify({
		id: "group-flask",
		title: "Our Flask questions",
		sections: [{ id: "group-basics", title: "Group basics" }],
		questions: questions.map((question) => ({
			id: question.id,
			section: "group-basics",
			difficulty: "easy",
			kind: "choice",
			prompt: question.prompt ?? `Which holds for ${question.id}?`,
			choices: ["Not this one", "This one", "Neither"],
			correct: 1,
			answer: `The second choice, for ${question.id}.`,
		})),
	});
}

const FIRST = [{ id: "group-one" }, { id: "group-two" }, { id: "group-three" }];

/** Runs /bank <sub> with a file attached, as a member would, and waits for the deferred reply's text. */
async function importFile(userId: string, fileName: string, text: string, replace?: boolean) {
	const file = world.discord.attachFile(fileName, text, "application/x-yaml");
	const result = await runCommand(world, {
		userId,
		name: "bank",
		options: [
			subcommand("import", [
				attachmentOption("file", file.id),
				...(replace === undefined ? [] : [booleanOption("replace", replace)]),
			]),
		],
	});
	if (result.type !== InteractionResponseType.DeferredChannelMessageWithSource) return { result, content: "" };
	const original = await world.discord.waitFor(
		() => (result.original()?.content ? result.original() : undefined),
		10_000,
	);
	return { result, content: original.content };
}

function bank(userId: string, sub: string, options: Option[] = []) {
	return runCommand(world, { userId, name: "bank", options: [subcommand(sub, options)] });
}

/** What /question's bank option offers for what was typed. */
async function offeredBanks(typed: string): Promise<Array<{ name: string; value: string }>> {
	const offered = await world.discord.sendAutocomplete({
		guildId: world.guildId,
		channelId: world.practice,
		userId: world.alice,
		name: "question",
		options: [stringOption("bank", typed, true)],
	});
	return (offered.data as { choices: Array<{ name: string; value: string }> }).choices;
}

async function listText(): Promise<string> {
	const listed = await bank(world.bob, "list");
	return (listed.data as { embeds: Array<{ description: string }> }).embeds[0]?.description ?? "";
}

describe("e2e: a server's own banks from Discord", () => {
	it("GIVEN a plain member THEN every admin subcommand is refused, even with the command shown to them, and list works", async () => {
		for (const [sub, options] of [
			["import", [attachmentOption("file", world.discord.attachFile("x.yaml", groupBank(FIRST)).id)]],
			["enable", [stringOption("bank", "e2e")]],
			["disable", [stringOption("bank", "e2e")]],
			["export", [stringOption("bank", "e2e")]],
			["remove", [stringOption("bank", "e2e")]],
			["review", []],
		] as const) {
			const result = await bank(world.bob, sub, [...options]);
			expect(ephemeralText(result.data)).toBe(`/bank ${sub} is for members with the Manage Server permission.`);
		}
		expect(await listText()).toContain("**End-to-end** · `e2e` · 3 sections");
		expect(world.discord.requests.some((request) => request.path.startsWith("/attachments/"))).toBe(false);
	});

	it("GIVEN an attachment that is not a bank THEN it is named and nothing is downloaded", async () => {
		const picture = world.discord.attachFile("diagram.png", new Uint8Array([137, 80, 78, 71]), "image/png");
		const result = await bank(world.admin, "import", [attachmentOption("file", picture.id)]);
		expect(ephemeralText(result.data)).toMatch(/^“diagram\.png” is not a bank file: attach the bank as YAML/);
		const tooBig = world.discord.attachFile("huge.yaml", `# ${"x".repeat(1_000_001)}\n`);
		expect(ephemeralText((await bank(world.admin, "import", [attachmentOption("file", tooBig.id)])).data)).toMatch(
			/^That file is 1\.00 MB; a bank file may be at most 1 MB/,
		);
		expect(world.discord.requests.some((request) => request.path.startsWith("/attachments/"))).toBe(false);
	});

	it("GIVEN a broken bank THEN every problem is named with its line, and nothing is stored", async () => {
		const bankFile = parse(groupBank(FIRST));
		bankFile.questions[0].correct = 7;
		bankFile.questions[1].section = "nowhere";
		bankFile.questions[2].id = "e2e-converter";
		const broken = stringify(bankFile);
		const { content } = await importFile(world.admin, "broken.yaml", broken);
		expect(content).toMatch(/^\*\*broken\.yaml\*\* has 3 problems:/);
		expect(content).toMatch(
			/- broken\.yaml: questions\.0\.correct: must be the 0-based index of a choice \(0 to 2\), got 7 \(line \d+\)/,
		);
		expect(content).toMatch(/- broken\.yaml: questions\.1\.section: unknown section "nowhere" .*\(line \d+\)/);
		expect(content).toMatch(
			/- broken\.yaml: questions\.2\.id: question id "e2e-converter" is already used in the built-in bank "e2e" \(line \d+\)/,
		);
		expect(content).toContain("Nothing was stored.");
		expect(await listText()).not.toContain("group-flask");
	});

	it("GIVEN a valid bank THEN it is imported, a question from it is asked and scored, and autocomplete offers it", async () => {
		const { content } = await importFile(world.admin, "group.yaml", groupBank(FIRST));
		expect(content).toBe(
			"Imported the bank `group-flask` · **Our Flask questions**: 1 section, 3 questions.\nAsk one with `/question bank:group-flask`.",
		);
		expect(await offeredBanks("our")).toEqual([{ name: "Our Flask questions (3 questions)", value: "group-flask" }]);
		const { message } = await askQuestion(world, world.alice, [stringOption("bank", "group-flask")]);
		expect(questionIdOf(message)).toMatch(/^group-/);
		react(world, message, world.carol, LETTERS[1] ?? "");
		react(world, message, world.bob, LETTERS[0] ?? "");
		await world.discord.waitFor(
			() => run.bot.logs.filter((line) => line.msg === "pick locked" && line.messageId === message.id).length === 2,
			10_000,
		);
		react(world, message, world.alice, LIGHTBULB);
		const revealed = await waitForReveal(world, message);
		expect(JSON.stringify(revealed.embeds[1])).toContain(`<@${world.carol}> +`);
		const review = await runCommand(world, { userId: world.bob, name: "review" });
		expect(JSON.stringify(review.data)).toContain(`\`${questionIdOf(message)}\``);
	});

	it("GIVEN a re-import with changes THEN replace is asked for, the changes are listed, and the history of unchanged ids stays", async () => {
		const changed = groupBank([
			{ id: "group-one", prompt: "Reworded: which holds?" },
			{ id: "group-two" },
			{ id: "group-four" },
		]);
		expect((await importFile(world.admin, "group.yaml", changed)).content).toMatch(
			/^This server already has a bank `group-flask` \(3 questions\)\. Run `\/bank import` again with `replace: True`/,
		);
		const { content } = await importFile(world.admin, "group.yaml", changed, true);
		expect(content).toContain("Updated the bank `group-flask` · **Our Flask questions** in place");
		expect(content).toContain("Added 1: `group-four`.");
		expect(content).toContain("Changed 1: `group-one`.");
		expect(content).toContain("Removed 1: `group-three`.");
		expect(content).toContain("Unchanged 1.");
		// Bob missed a question before the update; if it kept its id, his review still names it with its prompt.
		const review = JSON.stringify((await runCommand(world, { userId: world.bob, name: "review" })).data);
		const missed = /`(group-[a-z]+)`/.exec(review)?.[1];
		expect(missed).toBeDefined();
		// Prompts are echoed with Markdown escaped.
		if (missed === "group-two") expect(review).toContain(String.raw`Which holds for group\\-two?`);
	});

	it("GIVEN the built-in bank disabled THEN /question, /sections and autocomplete leave it out, and enabling brings it back", async () => {
		expect(ephemeralText((await bank(world.admin, "disable", [stringOption("bank", "e2e")])).data)).toMatch(
			/^\*\*End-to-end\*\* is disabled/,
		);
		for (let round = 0; round < 3; round++) {
			const { message } = await askQuestion(world, world.alice);
			expect(questionIdOf(message)).toMatch(/^group-/);
		}
		const refused = await runCommand(world, {
			userId: world.alice,
			name: "question",
			options: [stringOption("section", "e2e-routing")],
		});
		expect(ephemeralText(refused.data)).toBe("There is no section called “e2e\\-routing”. Sections: “Group basics”.");
		const sections = await runCommand(world, { userId: world.alice, name: "sections" });
		expect(JSON.stringify(sections.data)).not.toContain("e2e-routing");
		expect((await offeredBanks("")).map((choice) => choice.value)).toEqual(["group-flask"]);
		expect(await listText()).toContain("⚪ **End-to-end** · `e2e` · 3 sections, 5 questions · disabled");
		expect(ephemeralText((await bank(world.admin, "enable", [stringOption("bank", "e2e")])).data)).toMatch(
			/^\*\*End-to-end\*\* is enabled/,
		);
		const { message } = await askQuestion(world, world.alice, [stringOption("section", "e2e-routing")]);
		expect(questionIdOf(message)).toMatch(/^e2e-/);
	});

	it("GIVEN /daily set with a bank THEN the daily comes from that bank, and /daily status names it", async () => {
		const daily = (sub: string, options: Option[] = []) =>
			runCommand(world, { userId: world.admin, name: "daily", options: [subcommand(sub, options)] });
		const set = await daily("set", [
			channelOption("channel", world.hidden),
			stringOption("time", "03:00"),
			stringOption("bank", "group-flask"),
		]);
		expect(JSON.stringify(set.data)).toContain("Question of the day is on");
		const now = await daily("now");
		await world.discord.waitFor(() => now.original()?.content || undefined, 10_000);
		const posted = world.discord.channelMessages(world.hidden).filter((message) => questionIdOf(message));
		expect(posted.length).toBeGreaterThan(0);
		for (const message of posted) expect(questionIdOf(message)).toMatch(/^group-/);
		expect(JSON.stringify((await daily("status")).data)).toContain("Questions: bank Our Flask questions");
		expect(ephemeralText((await daily("off")).data)).toBe(
			"The question of the day is off. /daily set turns it on again.",
		);
	});

	it("GIVEN an export THEN the YAML imports back as the identical bank", async () => {
		const exported = await bank(world.admin, "export", [stringOption("bank", "group-flask")]);
		const original = await world.discord.waitFor(() => exported.original()?.attachments[0] && exported.original());
		const file = original.attachments[0];
		if (!file) throw new Error("no attachment");
		expect(file.filename).toBe("group-flask.yaml");
		const yaml = new TextDecoder().decode(world.discord.attachment(original.id, file.id));
		const reparsed = parseBankFile("export", yaml);
		const uploaded = parseBankFile(
			"upload",
			groupBank([{ id: "group-one", prompt: "Reworded: which holds?" }, { id: "group-two" }, { id: "group-four" }]),
		);
		expect(reparsed.ok && uploaded.ok && reparsed.bank).toEqual(uploaded.ok && uploaded.bank);
		const { content } = await importFile(world.admin, "group-flask.yaml", yaml, true);
		expect(content).toContain("Added 0.\nChanged 0.\nRemoved 0.\nUnchanged 3.");
		const builtIn = await bank(world.admin, "export", [stringOption("bank", "e2e")]);
		const builtInFile = await world.discord.waitFor(() => builtIn.original()?.attachments[0]);
		expect(builtInFile.filename).toBe("e2e.yaml");
	});

	it("GIVEN suggestions THEN an approved one is asked from the server's bank and a rejected one's author hears why", async () => {
		const opened = await runCommand(world, { userId: world.bob, name: "suggest" });
		expect(opened.type).toBe(InteractionResponseType.Modal);
		const sent = await world.discord.submitModal({
			interactionId: opened.interactionId,
			userId: world.bob,
			values: {
				prompt: "Which decorator registers a URL rule? <@&123> @everyone",
				choices: "@app.get_rule\n* @app.route\n@app.url",
				answer: "app.route adds a URL rule for the view it decorates.",
				difficulty: "easy",
			},
		});
		expect(ephemeralText(sent.data)).toMatch(/^Thanks! Your question is waiting for the moderators \(1 in the queue\)/);

		const review = await bank(world.admin, "review", [stringOption("bank", "group-flask")]);
		const shown = review.message;
		if (!shown) throw new Error("no review message");
		expect(shown.embeds[0]?.description).toContain("Which decorator registers a URL rule?");
		expect(shown.allowed_mentions).toEqual({ parse: [] });
		const approveId = JSON.stringify(shown.components).match(/"(bank-review:approve:[^"]+)"/)?.[1] ?? "";
		const approved = await world.discord.clickButton({
			guildId: world.guildId,
			userId: world.admin,
			message: shown,
			customId: approveId,
		});
		const content = (approved.data as { content: string }).content;
		const questionId = /as `(suggested-[a-z0-9]+)`/.exec(content)?.[1] ?? "";
		expect(content).toMatch(/^Approved into `group-flask` as `suggested-[a-z0-9]+`/);
		await world.discord.waitFor(() => world.discord.directMessages(world.bob).length > 0);
		expect(world.discord.directMessages(world.bob)[0]?.content).toMatch(/^Your suggested question for .* was approved/);
		const { message } = await askQuestion(world, world.alice, [stringOption("id", questionId)]);
		expect(message.embeds[0]?.description).toContain("Which decorator registers a URL rule?");

		const second = await runCommand(world, { userId: world.carol, name: "suggest" });
		await world.discord.submitModal({
			interactionId: second.interactionId,
			userId: world.carol,
			values: { prompt: "Is Flask a web framework?", choices: "", answer: "Yes, a small one.", difficulty: "" },
		});
		const next = await bank(world.admin, "review");
		const nextMessage = next.message;
		if (!nextMessage) throw new Error("no review message");
		const rejectId = JSON.stringify(nextMessage.components).match(/"(bank-review:reject:[^"]+)"/)?.[1] ?? "";
		const clicked = await world.discord.clickButton({
			guildId: world.guildId,
			userId: world.admin,
			message: nextMessage,
			customId: rejectId,
		});
		expect(clicked.type).toBe(InteractionResponseType.Modal);
		const rejected = await world.discord.submitModal({
			interactionId: clicked.interactionId,
			userId: world.admin,
			values: { reason: "Too broad for an interview question." },
		});
		expect((rejected.data as { content: string }).content).toMatch(/^Rejected; the member was told privately\./);
		await world.discord.waitFor(() => world.discord.directMessages(world.carol).length > 0);
		expect(world.discord.directMessages(world.carol)[0]?.content).toContain(
			"Reason from the moderators: Too broad for an interview question.",
		);
		expect(ephemeralText((await bank(world.admin, "review")).data)).toBe(
			"No suggestions are waiting. Members propose questions with /suggest.",
		);
	});

	it("GIVEN /bank remove THEN it asks first, and the bank is gone while what was asked from it stays", async () => {
		const builtIn = await bank(world.admin, "remove", [stringOption("bank", "e2e")]);
		expect(ephemeralText(builtIn.data)).toMatch(/is built in and cannot be removed; `\/bank disable` turns it off/);
		const prompt = await bank(world.admin, "remove", [stringOption("bank", "group-flask")]);
		expect(ephemeralText(prompt.data)).toMatch(/^Remove \*\*Our Flask questions\*\* \(`group-flask`, 4 questions\)/);
		const message = prompt.message;
		if (!message) throw new Error("no prompt");
		const removed = await world.discord.clickButton({
			guildId: world.guildId,
			userId: world.admin,
			message,
			customId: "dojo-confirm-yes",
		});
		expect((removed.data as { content: string }).content).toBe(
			"Removed **Our Flask questions**. What was asked from it stays in history.",
		);
		expect(await listText()).not.toContain("group-flask");
		const stats = await runCommand(world, { userId: world.carol, name: "stats" });
		expect(JSON.stringify(stats.data)).toMatch(/pts|points/);
	});
});
