import { z } from "zod";

export const DIFFICULTIES = ["easy", "medium", "advanced"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

const slug = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]{2,63}$/, "must be 3-64 characters of a-z, 0-9 and '-', starting with a letter or digit");

const text = (max: number) =>
	z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** Text shown in an embed: a code block it opens must close, or the rest of the embed renders as code. */
const markdownText = (max: number) =>
	text(max).refine((value) => (value.match(/```/g) ?? []).length % 2 === 0, "opens a ``` code block it never closes");

/** A choice is one lettered line; a line break or code block in it would break the letter list. */
const choiceText = text(200)
	.refine((value) => !/[\r\n]/.test(value), "must be one line")
	.refine((value) => !value.includes("```"), "must not contain ``` (use `single backticks` for code)");

const codeSchema = z.strictObject({
	language: z.string().regex(/^[a-z0-9+#-]{1,20}$/, "must be a short lowercase language name such as python"),
	source: text(1800).refine(
		(source) => !source.includes("```"),
		"must not contain ``` (it would close the code block)",
	),
});

const baseQuestion = {
	id: slug,
	section: slug,
	difficulty: z.enum(DIFFICULTIES),
	prompt: markdownText(1500),
	code: codeSchema.optional(),
	answer: markdownText(3500),
	tags: z
		.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "must be a lowercase tag"))
		.max(10)
		.default([]),
};

const choiceQuestionSchema = z
	.strictObject({
		...baseQuestion,
		kind: z.literal("choice"),
		choices: z.array(choiceText).min(2, "needs at least 2 choices").max(4, "allows at most 4 choices"),
		correct: z.number().int("must be a whole number"),
		/** The exact output of `code.source`, for "predict the output" questions checked by running them. */
		output: z.string().optional(),
	})
	.superRefine((question, ctx) => {
		if (question.correct < 0 || question.correct >= question.choices.length) {
			ctx.addIssue({
				code: "custom",
				path: ["correct"],
				message: `must be the 0-based index of a choice (0 to ${question.choices.length - 1}), got ${question.correct}`,
			});
		}
		if (question.output !== undefined && question.code === undefined) {
			ctx.addIssue({ code: "custom", path: ["output"], message: "needs `code` to run" });
		}
	});

const openQuestionSchema = z.strictObject({
	...baseQuestion,
	kind: z.literal("open"),
});

export const questionSchema = z.discriminatedUnion("kind", [choiceQuestionSchema, openQuestionSchema], {
	error: (issue) => (issue.code === "invalid_union" ? "kind must be choice or open" : undefined),
});

export const bankFileSchema = z.strictObject({
	id: slug,
	title: text(100),
	description: text(300).optional(),
	sections: z
		.array(z.strictObject({ id: slug, title: text(80) }))
		.min(1, "needs at least one section")
		.max(25, "allows at most 25 sections (Discord lists at most 25 choices)"),
	questions: z.array(questionSchema),
});

export type BankFile = z.infer<typeof bankFileSchema>;
export type Question = z.infer<typeof questionSchema>;
export type ChoiceQuestion = Extract<Question, { kind: "choice" }>;
export type Section = BankFile["sections"][number];
