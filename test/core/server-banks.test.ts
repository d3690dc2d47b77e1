import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { importServerBank, SERVER_BANK_LIMITS } from "../../src/core/bank/import.js";
import { exportBank, removeServerBank, setBankEnabled } from "../../src/core/bank/manage.js";
import { parseBankFile } from "../../src/core/bank/parse.js";
import { formatProblem } from "../../src/core/bank/problem.js";
import { inGuild } from "../../src/core/context.js";
import { takeNextQuestion } from "../../src/core/rotation.js";
import { coreContext } from "./fixtures.js";

const GUILD = "g1";

interface TestQuestion {
	id: string;
	section?: string;
	prompt?: string;
	choices?: string[];
	correct?: number;
}

function bankYaml(id: string, questions: TestQuestion[], section = `${id}-basics`): string {
	return stringify({
		id,
		title: `Bank ${id}`,
		sections: [{ id: section, title: `Basics of ${id}` }],
		questions: questions.map((question) => ({
			id: question.id,
			section: question.section ?? section,
			difficulty: "easy",
			kind: "choice",
			prompt: question.prompt ?? `What is ${question.id}?`,
			choices: question.choices ?? ["this", "that", "neither"],
			correct: question.correct ?? 1,
			answer: `It is that, for ${question.id}.`,
		})),
	});
}

const numbered = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, index) => ({ id: `${prefix}-${String(index).padStart(4, "0")}` }));

function upload(text: string, replace = false, fileName = "ours.yaml") {
	return { guildId: GUILD, memberId: "mod", fileName, text, replace };
}

describe("a server's own banks", () => {
	it("GIVEN a valid bank THEN it is stored, seen by that server only, and its questions are asked", async () => {
		const { ctx } = coreContext(1_000);
		const outcome = await importServerBank(ctx, upload(bankYaml("ours", numbered("ours-q", 3))));
		expect(outcome).toMatchObject({ kind: "imported", created: true, bank: { id: "ours", questions: 3 } });
		const mine = await inGuild(ctx, GUILD);
		expect(mine.bank.banks.map((bank) => `${bank.id}:${bank.origin}`)).toEqual(["demo:built-in", "ours:server"]);
		const asked = await takeNextQuestion(mine, GUILD, { bank: "ours" });
		expect(asked?.id).toMatch(/^ours-q-/);
		const other = await inGuild(ctx, "g2");
		expect(other.bank.banks.map((bank) => bank.id)).toEqual(["demo"]);
		expect(other.bank.question("ours-q-0000")).toBeUndefined();
	});

	it("GIVEN a broken bank THEN every problem names its path and line, and nothing is stored", async () => {
		const { ctx } = coreContext(1_000);
		const text = bankYaml("broken", [
			{ id: "broken-one", correct: 9 },
			{ id: "broken-two", section: "nowhere" },
			{ id: "broken-two" },
			{ id: "demo-one" },
			{ id: "broken-five", choices: ["one\nline two", "b"] },
		]);
		const outcome = await importServerBank(ctx, upload(text, false, "broken.yaml"));
		if (outcome.kind !== "invalid") throw new Error(`expected problems, got ${outcome.kind}`);
		const lines = outcome.problems.map(formatProblem);
		expect(lines).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/^broken\.yaml: questions\.0\.correct: must be the 0-based index of a choice \(0 to 2\), got 9 \(line \d+\)$/,
				),
				expect.stringMatching(/^broken\.yaml: questions\.1\.section: unknown section "nowhere" .*\(line \d+\)$/),
				expect.stringMatching(/^broken\.yaml: questions\.2\.id: duplicate question id "broken-two" \(line \d+\)$/),
				expect.stringMatching(
					/questions\.3\.id: question id "demo-one" is already used in the built-in bank "demo" \(line \d+\)$/,
				),
				expect.stringMatching(/questions\.4\.choices\.0: must be one line \(line \d+\)$/),
			]),
		);
		expect((await inGuild(ctx, GUILD)).bank.banks.map((bank) => bank.id)).toEqual(["demo"]);
	});

	it("GIVEN the limits THEN a bank at each limit imports and one past it is refused", async () => {
		const { ctx } = coreContext(1_000);
		const atLimit = await importServerBank(
			ctx,
			upload(bankYaml("big", numbered("big-q", SERVER_BANK_LIMITS.questionsPerBank))),
		);
		expect(atLimit).toMatchObject({ kind: "imported", bank: { questions: 500 } });
		const past = await importServerBank(ctx, upload(bankYaml("bigger", numbered("bigger-q", 501))));
		expect(past.kind === "invalid" && past.problems.map((problem) => problem.message)).toEqual([
			"has 501 questions; a server's bank may have at most 500 (split it into several banks)",
		]);
		// 4 banks of 500 reach the server's 2,000 exactly; one more question is one too many.
		for (const name of ["bank-two", "bank-three", "bank-four"]) {
			expect((await importServerBank(ctx, upload(bankYaml(name, numbered(`${name}-q`, 500))))).kind).toBe("imported");
		}
		const overServer = await importServerBank(ctx, upload(bankYaml("bank-five", [{ id: "bank-five-q" }])));
		expect(overServer.kind === "invalid" && overServer.problems.map((problem) => problem.message)).toEqual([
			"this server's banks would hold 2,001 questions (2,000 in its other banks); a server may have at most 2,000 (remove a bank with /bank remove first)",
		]);

		const { ctx: many } = coreContext(1_000);
		for (let index = 0; index < SERVER_BANK_LIMITS.banksPerServer; index++) {
			const id = `bank-${index}`;
			expect((await importServerBank(many, upload(bankYaml(id, [{ id: `${id}-q` }])))).kind).toBe("imported");
		}
		const oneMore = await importServerBank(many, upload(bankYaml("bank-extra", [{ id: "bank-extra-q" }])));
		expect(oneMore.kind === "invalid" && oneMore.problems[0]?.message).toMatch(
			/has 25 banks of its own, the most it may have/,
		);

		const padding = "x".repeat(SERVER_BANK_LIMITS.fileBytes);
		const tooBig = await importServerBank(many, upload(`# ${padding}\n${bankYaml("huge", [{ id: "huge-q" }])}`));
		expect(tooBig.kind === "invalid" && tooBig.problems[0]?.message).toMatch(/may be at most 1 MB/);
	});

	it("GIVEN a re-import with changes THEN replace is required, and the diff names what was added, changed and removed while rotation history of kept ids stays", async () => {
		const { ctx } = coreContext(1_000);
		await importServerBank(ctx, upload(bankYaml("ours", [{ id: "ours-a" }, { id: "ours-b" }, { id: "ours-c" }])));
		const mine = await inGuild(ctx, GUILD);
		const first = await takeNextQuestion(mine, GUILD, { bank: "ours" });
		const changed = bankYaml("ours", [{ id: "ours-a", prompt: "Reworded?" }, { id: "ours-b" }, { id: "ours-d" }]);
		expect((await importServerBank(ctx, upload(changed))).kind).toBe("exists");
		const outcome = await importServerBank(ctx, upload(changed, true));
		expect(outcome).toMatchObject({
			kind: "imported",
			created: false,
			added: ["ours-d"],
			changed: ["ours-a"],
			removed: ["ours-c"],
			unchanged: 1,
		});
		// The rotation still knows the question asked before the update: the cycle goes on, not over.
		const after = await inGuild(ctx, GUILD);
		const next = [
			await takeNextQuestion(after, GUILD, { bank: "ours" }),
			await takeNextQuestion(after, GUILD, { bank: "ours" }),
		].map((question) => question?.id);
		if (first?.id !== "ours-c") expect(next).not.toContain(first?.id);
	});

	it("GIVEN a disabled built-in bank THEN only enabled banks are offered, old rounds still find their question, and the last enabled bank cannot be turned off", async () => {
		const { ctx } = coreContext(1_000);
		expect((await setBankEnabled(ctx, GUILD, "demo", false)).kind).toBe("last-enabled");
		await importServerBank(ctx, upload(bankYaml("ours", [{ id: "ours-a" }])));
		expect((await setBankEnabled(ctx, GUILD, "demo", false)).kind).toBe("changed");
		const mine = await inGuild(ctx, GUILD);
		expect(mine.bank.questions.map((question) => question.id)).toEqual(["ours-a"]);
		expect(mine.bank.question("demo-one")?.id).toBe("demo-one");
		expect(mine.bank.askable("demo-one")).toBeUndefined();
		expect((await setBankEnabled(ctx, GUILD, "demo", true)).kind).toBe("changed");
		expect((await inGuild(ctx, GUILD)).bank.askable("demo-one")?.id).toBe("demo-one");
	});

	it("GIVEN an export THEN it parses back to the same bank, built-in or the server's own", async () => {
		const { ctx } = coreContext(1_000);
		const ours = bankYaml("ours", numbered("ours-q", 4));
		await importServerBank(ctx, upload(ours));
		const originals = { ours: parseBankFile("ours.yaml", ours), demo: { ok: true, bank: ctx.banks.builtInFiles[0] } };
		for (const [id, original] of Object.entries(originals)) {
			const exported = await exportBank(ctx, GUILD, id);
			if (!exported) throw new Error(`no export of ${id}`);
			const reparsed = parseBankFile(exported.fileName, exported.yaml);
			if (!reparsed.ok || !original.ok) throw new Error(`${id} does not parse`);
			expect(reparsed.bank).toEqual(original.bank);
			expect(parse(exported.yaml).questions[0]).not.toHaveProperty("tags");
		}
		const reimport = await importServerBank(ctx, upload((await exportBank(ctx, GUILD, "ours"))?.yaml ?? "", true));
		expect(reimport).toMatchObject({ added: [], changed: [], removed: [], unchanged: 4 });
	});

	it("GIVEN an import and a disable at the same moment THEN neither change is written over by the other", async () => {
		const { ctx } = coreContext(1_000);
		await importServerBank(ctx, upload(bankYaml("ours", [{ id: "ours-a" }])));
		const [imported, disabled] = await Promise.all([
			importServerBank(ctx, upload(bankYaml("second", [{ id: "second-a" }]))),
			setBankEnabled(ctx, GUILD, "demo", false),
		]);
		expect([imported.kind, disabled.kind]).toEqual(["imported", "changed"]);
		const banks = (await inGuild(ctx, GUILD)).bank.banks.map((bank) => `${bank.id}:${bank.enabled}`);
		expect(banks).toEqual(["demo:false", "ours:true", "second:true"]);
	});

	it("GIVEN a removal THEN the server's bank is gone, and a built-in bank cannot be removed", async () => {
		const { ctx } = coreContext(1_000);
		await importServerBank(ctx, upload(bankYaml("ours", [{ id: "ours-a" }])));
		expect((await removeServerBank(ctx, GUILD, "demo")).kind).toBe("built-in");
		expect((await removeServerBank(ctx, GUILD, "ours")).kind).toBe("removed");
		expect((await inGuild(ctx, GUILD)).bank.banks.map((bank) => bank.id)).toEqual(["demo"]);
		expect((await removeServerBank(ctx, GUILD, "ours")).kind).toBe("unknown");
	});
});
