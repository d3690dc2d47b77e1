import type { Command } from "../src/discord/command.js";
import { bankCommand } from "./bank.js";
import { dailyCommand } from "./daily.js";
import { dojoCommand } from "./dojo.js";
import { helpCommand } from "./help.js";
import { leaderboardCommand } from "./leaderboard.js";
import { mockCommand } from "./mock.js";
import { practiceCommand } from "./practice.js";
import { questionCommand } from "./question.js";
import { reviewCommand } from "./review.js";
import { sectionsCommand } from "./sections.js";
import { statsCommand } from "./stats.js";
import { suggestCommand } from "./suggest.js";

/** Every slash command the bot registers, in the order Discord lists them. */
export const COMMANDS: readonly Command[] = [
	questionCommand,
	sectionsCommand,
	leaderboardCommand,
	statsCommand,
	reviewCommand,
	practiceCommand,
	mockCommand,
	suggestCommand,
	dailyCommand,
	bankCommand,
	dojoCommand,
	helpCommand,
];
