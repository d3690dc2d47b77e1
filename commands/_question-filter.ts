import type { SlashCommandStringOption } from "discord.js";
import type { BankSection, BankSummary } from "../src/core/bank/bank.js";
import { DIFFICULTIES, type Difficulty } from "../src/core/bank/schema.js";
import { listBanks, resolveBank, resolveSection } from "../src/core/catalogue.js";
import type { DojoContext } from "../src/core/context.js";
import { UserFacingError } from "../src/core/errors.js";
import { echoInput } from "../src/core/render/echo.js";
import type { QuestionFilter } from "../src/core/selection.js";
import type { GuildCommandInteraction } from "../src/discord/command.js";

/** The `section` option /question and /daily share: autocompleted, a title typed by hand works too. */
export const sectionOption = (option: SlashCommandStringOption) =>
	option.setName("section").setDescription("Only questions from this section").setAutocomplete(true);

/** The `bank` option: one of the server's enabled banks, built-in or its own. */
export const bankFilterOption = (option: SlashCommandStringOption) =>
	option.setName("bank").setDescription("Only questions from this bank").setAutocomplete(true);

export const difficultyOption = (option: SlashCommandStringOption) =>
	option
		.setName("difficulty")
		.setDescription("Only questions of this difficulty")
		.addChoices(...DIFFICULTIES.map((difficulty) => ({ name: difficulty, value: difficulty })));

const isDifficulty = (value: string | null): value is Difficulty =>
	(DIFFICULTIES as readonly (string | null)[]).includes(value);

/**
 * Reads `bank` and `section`, when the command has them; an unknown one, or a section from another
 * bank than the one chosen, is the member's mistake, explained with what there is.
 */
export function readBankAndSection(
	interaction: GuildCommandInteraction,
	ctx: Pick<DojoContext, "bank">,
): { bank?: BankSummary; section?: BankSection } {
	const sectionInput = interaction.options.getString("section");
	const bankInput = interaction.options.getString("bank");
	const section = sectionInput === null ? undefined : resolveSection(ctx.bank, sectionInput);
	if (sectionInput !== null && !section) {
		const known = ctx.bank.sections.map((entry) => `“${entry.title}”`).join(", ");
		throw new UserFacingError(`There is no section called “${echoInput(sectionInput)}”. Sections: ${known}.`);
	}
	const bank = bankInput === null ? undefined : resolveBank(ctx.bank, bankInput);
	if (bankInput !== null && !bank) {
		const known = listBanks(ctx.bank)
			.map((entry) => `“${entry.title}”`)
			.join(", ");
		throw new UserFacingError(`There is no bank called “${echoInput(bankInput)}”. Banks: ${known}.`);
	}
	if (section && bank && section.bankId !== bank.id) {
		throw new UserFacingError(`The section “${section.title}” is not in the bank “${bank.title}”.`);
	}
	return { ...(bank ? { bank } : {}), ...(section ? { section } : {}) };
}

/** Reads `bank`, `section` and `difficulty` into the filter the rotation takes. */
export function readQuestionFilter(
	interaction: GuildCommandInteraction,
	ctx: Pick<DojoContext, "bank">,
): { filter: QuestionFilter; section?: BankSection; bank?: BankSummary } {
	const { bank, section } = readBankAndSection(interaction, ctx);
	const difficulty = interaction.options.getString("difficulty");
	return {
		filter: {
			...(bank ? { bank: bank.id } : {}),
			...(section ? { section: section.id } : {}),
			...(isDifficulty(difficulty) ? { difficulty } : {}),
		},
		...(section ? { section } : {}),
		...(bank ? { bank } : {}),
	};
}
