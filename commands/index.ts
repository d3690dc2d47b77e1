import type { Command } from "./_command.js";
import { helpCommand } from "./help.js";
import { questionCommand } from "./question.js";
import { sectionsCommand } from "./sections.js";

/** Every slash command the bot registers, in the order Discord lists them. */
export const COMMANDS: readonly Command[] = [questionCommand, sectionsCommand, helpCommand];
