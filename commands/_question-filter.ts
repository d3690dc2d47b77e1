import type { SlashCommandStringOption } from "discord.js";
import type { BankSection } from "../src/core/bank/bank.js";
import { DIFFICULTIES, type Difficulty } from "../src/core/bank/schema.js";
import { resolveSection } from "../src/core/catalogue.js";
import type { DojoContext } from "../src/core/context.js";
import { UserFacingError } from "../src/core/errors.js";
import { echoInput } from "../src/core/render/echo.js";
import type { QuestionFilter } from "../src/core/selection.js";
import type { GuildCommandInteraction } from "../src/discord/command.js";

/** The `section` option /question and /daily share: autocompleted, a title typed by hand works too. */
export const sectionOption = (option: SlashCommandStringOption) =>
	option.setName("section").setDescription("Only questions from this section").setAutocomplete(true);

export const difficultyOption = (option: SlashCommandStringOption) =>
	option
		.setName("difficulty")
		.setDescription("Only questions of this difficulty")
		.addChoices(...DIFFICULTIES.map((difficulty) => ({ name: difficulty, value: difficulty })));

const isDifficulty = (value: string | null): value is Difficulty =>
	(DIFFICULTIES as readonly (string | null)[]).includes(value);

/** Reads `section` and `difficulty`; an unknown section is the member's mistake, explained with the list. */
export function readQuestionFilter(
	interaction: GuildCommandInteraction,
	ctx: Pick<DojoContext, "bank">,
): { filter: QuestionFilter; section?: BankSection } {
	const sectionInput = interaction.options.getString("section");
	const difficulty = interaction.options.getString("difficulty");
	const section = sectionInput === null ? undefined : resolveSection(ctx.bank, sectionInput);
	if (sectionInput !== null && !section) {
		const known = ctx.bank.sections.map((entry) => `“${entry.title}”`).join(", ");
		throw new UserFacingError(`There is no section called “${echoInput(sectionInput)}”. Sections: ${known}.`);
	}
	return {
		filter: {
			...(section ? { section: section.id } : {}),
			...(isDifficulty(difficulty) ? { difficulty } : {}),
		},
		...(section ? { section } : {}),
	};
}
