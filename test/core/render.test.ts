import { describe, expect, it } from "vitest";
import { checkEmbedLimits } from "../../src/core/render/embed.js";
import { renderQuestion, renderRevealed } from "../../src/core/render/question.js";
import { smallBank } from "./fixtures.js";

const bank = smallBank();
const section = (id: string) => {
	const found = bank.section(id);
	if (!found) throw new Error(id);
	return found;
};

describe("question rendering", () => {
	it("GIVEN a choice question THEN the embed shows section, difficulty, code, lettered choices and the id, not the answer", () => {
		const question = bank.question("demo-two");
		if (!question) throw new Error("fixture");
		const [embed] = renderQuestion(question, section("demo-basics"));
		expect(embed?.title).toBe("Demo basics · Medium");
		expect(embed?.description).toBe("And now?\n\n```python\nprint(1 + 1)\n```\n\n🇦 2\n🇧 11");
		expect(embed?.footer?.text).toMatch(/^demo-two · /);
		expect(JSON.stringify(embed)).not.toContain("Two.");
	});

	it("GIVEN the reveal THEN the right choice is marked and the full answer follows", () => {
		const question = bank.question("demo-one");
		if (!question) throw new Error("fixture");
		const [asked, answer] = renderRevealed(question, section("demo-basics"));
		expect(asked?.description).toContain("✅ **🇧 second**");
		expect(asked?.description).toContain("🇦 first");
		expect(answer).toMatchObject({ title: "Answer: 🇧", description: "**second**\n\nThe second one." });
	});

	it("GIVEN an open question THEN there are no choices and the reveal lists what a strong answer covers", () => {
		const question = bank.question("demo-three");
		if (!question) throw new Error("fixture");
		expect(renderQuestion(question, section("demo-basics"))[0]?.description).toBe("Discuss.");
		expect(renderRevealed(question, section("demo-basics"))[1]).toMatchObject({
			title: "What a strong answer covers",
			description: "Points to cover.",
		});
	});

	it("GIVEN embeds over Discord's limits THEN every broken limit is reported", () => {
		const violations = checkEmbedLimits([
			{ title: "t".repeat(257), description: "d".repeat(4097), fields: [{ name: "n", value: "v".repeat(1025) }] },
		]);
		expect(violations.map((violation) => violation.where)).toEqual([
			"embeds.0.title",
			"embeds.0.description",
			"embeds.0.fields.0.value",
		]);
		expect(checkEmbedLimits([{ title: "t".repeat(256), description: "d".repeat(4096) }])).toEqual([]);
	});

	it("GIVEN embeds within their own limits but over 6000 together THEN the message total is reported", () => {
		const half = { description: "d".repeat(3001) };
		expect(checkEmbedLimits([half, half])).toEqual([{ where: "message", length: 6002, limit: 6000 }]);
	});

	it("GIVEN a running round THEN the footer counts hidden picks, names the vote count and carries the deadline", () => {
		const question = bank.question("demo-one");
		if (!question) throw new Error("fixture");
		const status = { picks: 4, picksHidden: true, revealVotes: 3, revealDueAt: Date.UTC(2026, 10, 25, 9, 10) };
		const [hidden] = renderQuestion(question, section("demo-basics"), status);
		expect(hidden?.footer?.text).toBe(
			"demo-one · Pick a letter; picks stay hidden · 4 locked in · 💡 from the asker, a moderator or 3 members reveals · or by itself at",
		);
		expect(hidden?.timestamp).toBe("2026-11-25T09:10:00.000Z");
		const [visible] = renderQuestion(question, section("demo-basics"), { ...status, picksHidden: false });
		expect(visible?.footer?.text).toContain("picks are visible here (I can't manage messages in this channel)");
	});

	it("GIVEN a buttons round or a daily THEN the footer says so, and a daily names no asker", () => {
		const question = bank.question("demo-one");
		if (!question) throw new Error("fixture");
		const status = { picks: 2, picksHidden: true, picksVia: "buttons" as const, revealVotes: 3 };
		const [buttons] = renderQuestion(question, section("demo-basics"), status);
		expect(buttons?.footer?.text).toBe(
			"demo-one · Pick a button; only you see your pick · 2 locked in · 💡 from the asker, a moderator or 3 members reveals",
		);
		const [daily] = renderQuestion(question, section("demo-basics"), { ...status, askedByMember: false });
		expect(daily?.footer?.text).toContain("💡 from a moderator or 3 members reveals");
		expect(daily?.footer?.text).not.toContain("asker");
	});

	it("GIVEN results THEN the reveal shows picks per letter and who was right, cut to fit one field", () => {
		const question = bank.question("demo-one");
		if (!question) throw new Error("fixture");
		const award = (memberId: string, first = false) => ({ memberId, points: first ? 2 : 1, correct: true, first });
		const [, answer] = renderRevealed(question, section("demo-basics"), {
			counts: [1, 2, 0],
			correct: [award("11", true), award("22")],
		});
		expect(answer?.fields).toEqual([
			{ name: "Results", value: "🇦 1 · 🇧 2 · 🇨 0 (3 picks)\nRight: <@11> +2 (first), <@22> +1" },
		]);

		const crowd = Array.from({ length: 300 }, (_, index) => award(String(10n ** 18n + BigInt(index)), index === 0));
		const [, crowded] = renderRevealed(question, section("demo-basics"), { counts: [0, 300, 0], correct: crowd });
		const value = crowded?.fields?.[0]?.value ?? "";
		expect(value.length).toBeLessThanOrEqual(1024);
		expect(value).toMatch(/… and \d+ more$/);
		const [, nobody] = renderRevealed(question, section("demo-basics"), { counts: [0, 0, 0], correct: [] });
		expect(nobody?.fields?.[0]?.value).toBe("Nobody picked this time.");
	});

	it("GIVEN an open question revealed THEN it explains grading, and says when self-grades earn no points", () => {
		const question = bank.question("demo-three");
		if (!question) throw new Error("fixture");
		const [, graded] = renderRevealed(question, section("demo-basics"));
		expect(graded?.fields?.[0]).toEqual({
			name: "Grade yourself",
			value: "✅ got it · 🟨 partly · ❌ missed. Your first grade counts.",
		});
		const [, unpaid] = renderRevealed(question, section("demo-basics"), undefined, { selfGradedPoints: false });
		expect(unpaid?.fields?.[0]?.value).toContain("Self-grades earn no points here.");
	});
});
