import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTENT_LIMIT, echoInput, fitContent } from "../../src/core/render/echo.js";
import { closeTimeZones } from "../../src/core/time-zones.js";

const hostile = fc.oneof(
	fc.string({ unit: "grapheme", maxLength: 300 }),
	fc.string({ unit: "binary", maxLength: 6000 }),
	fc
		.array(
			fc.constantFrom(
				"@everyone",
				"@here",
				"<@123456789012345678>",
				"<#1>",
				"```js\n",
				"**",
				"||",
				"\n",
				"> ",
				"# ",
				"\u0000",
				"é",
				"👩‍💻",
			),
			{
				maxLength: 400,
			},
		)
		.map((parts) => parts.join("")),
);

/** True when every surrogate in the text belongs to a pair, so Discord can decode it. */
const wellFormed = (text: string) =>
	!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe("echoing what a member typed", () => {
	it("GIVEN any option value THEN the echo is one line of at most 80 characters plus escapes, with no live mention or Markdown", () => {
		fc.assert(
			fc.property(hostile, (typed) => {
				const echo = echoInput(typed);
				expect(echo).not.toMatch(/[\n\r]/);
				expect(echo.includes(String.fromCharCode(0))).toBe(false);
				expect(echo).not.toMatch(/@everyone|@here|<@|<#/);
				expect(echo).not.toMatch(/(?<!\\)[`*|>]/);
				const unescaped = echo.replaceAll(/\\(.)/gu, "$1").replaceAll("\u200b", "");
				expect([...unescaped].length).toBeLessThanOrEqual(81);
			}),
			{ numRuns: 2_000 },
		);
	});

	it("GIVEN a short, plain value THEN it is echoed unchanged", () => {
		expect(echoInput("Europe/Paaris")).toBe("Europe/Paaris");
		expect(echoInput("routing")).toBe("routing");
	});

	it("GIVEN any reply text THEN it fits Discord's 2,000 characters without splitting a character", () => {
		fc.assert(
			fc.property(fc.string({ unit: "binary", maxLength: 9000 }), (text) => {
				const fitted = fitContent(text);
				expect(fitted.length).toBeLessThanOrEqual(CONTENT_LIMIT);
				if (text.length <= CONTENT_LIMIT) expect(fitted).toBe(text);
				else expect(fitted.endsWith("…")).toBe(true);
				if (wellFormed(text)) expect(wellFormed(fitted)).toBe(true);
			}),
			{ numRuns: 500 },
		);
	});

	it("GIVEN a 6,000-character time zone THEN close matches still come back, from its first 64 characters", () => {
		expect(closeTimeZones(`Europe/Paaris${"x".repeat(6000)}`)).toHaveLength(5);
	});
});
