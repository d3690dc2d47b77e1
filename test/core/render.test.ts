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
});
