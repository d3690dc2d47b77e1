import type { Interaction } from "discord.js";
import { MessageFlags } from "discord.js";
import { describe, expect, it } from "vitest";
import { UserFacingError } from "../../src/core/errors.js";
import { StoreUnavailableError } from "../../src/core/ports.js";
import type { Command, CommandContext } from "../../src/discord/command.js";
import type { ButtonRoute } from "../../src/discord/component-routes.js";
import { createConfirmations } from "../../src/discord/confirmations.js";
import { createInteractionHandler } from "../../src/discord/interactions.js";
import { coreContext } from "../core/fixtures.js";

interface Sent {
	via: "reply" | "followUp" | "respond";
	payload: unknown;
}

/**
 * The parts of a discord.js interaction the dispatcher reads, hand-written: the dispatcher only asks what
 * kind it is, who sent it where, and answers through reply, followUp or respond.
 */
function fakeInteraction(
	kind: "command" | "autocomplete" | "button" | "modal",
	options: { commandName?: string; customId?: string; guildId?: string | null; deferred?: boolean } = {},
) {
	const sent: Sent[] = [];
	const interaction = {
		id: "interaction-1",
		commandName: options.commandName ?? "ping",
		customId: options.customId ?? "",
		guildId: options.guildId === undefined ? "g1" : options.guildId,
		user: { id: "u1" },
		replied: false,
		deferred: options.deferred ?? false,
		isButton: () => kind === "button",
		isModalSubmit: () => kind === "modal",
		isChatInputCommand: () => kind === "command",
		isAutocomplete: () => kind === "autocomplete",
		inGuild: () => (options.guildId === undefined ? true : options.guildId !== null),
		async reply(payload: unknown) {
			sent.push({ via: "reply", payload });
			interaction.replied = true;
		},
		async followUp(payload: unknown) {
			sent.push({ via: "followUp", payload });
		},
		async respond(payload: unknown) {
			sent.push({ via: "respond", payload });
		},
	};
	return { interaction: interaction as unknown as Interaction, sent };
}

function setup(run: Command["execute"], buttons: ButtonRoute[] = []) {
	const { ctx, logged } = coreContext(Date.UTC(2026, 11, 1));
	const outcomes: string[] = [];
	const metrics = {
		...ctx.metrics,
		commandHandled: (name: string, outcome: string) => outcomes.push(`${name}:${outcome}`),
	};
	const command: Command = {
		data: { name: "ping", description: "test" },
		execute: run,
		async autocomplete(interaction) {
			await interaction.respond([{ name: "one", value: "one" }]);
		},
	};
	const commandCtx: CommandContext = {
		...ctx,
		metrics,
		postDaily: async () => ({ ok: false, problem: "unused" }),
		confirmations: createConfirmations(),
	};
	return { handle: createInteractionHandler([command], { buttons, modals: [] }, commandCtx), outcomes, logged };
}

const privately = (content: string) => ({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });

describe("the interaction dispatcher", () => {
	it("GIVEN a known command THEN it runs with a logger of its own and counts as handled", async () => {
		let ran = false;
		const { handle, outcomes, logged } = setup(async (_interaction, ctx) => {
			ran = ctx.logger !== undefined;
		});
		await handle(fakeInteraction("command").interaction);
		expect(ran).toBe(true);
		expect(outcomes).toEqual(["ping:ok"]);
		expect(logged).toContain("command handled");
	});

	it("GIVEN a member's mistake THEN they are told privately, as it was worded, and nothing pings", async () => {
		const { handle, outcomes } = setup(async () => {
			throw new UserFacingError("There is no section called “x”.");
		});
		const { interaction, sent } = fakeInteraction("command");
		await handle(interaction);
		expect(sent).toEqual([{ via: "reply", payload: privately("There is no section called “x”.") }]);
		expect(outcomes).toEqual(["ping:refused"]);
	});

	it("GIVEN the store down THEN the member hears it is temporarily unavailable; GIVEN a bug THEN a reference, not a stack", async () => {
		const down = setup(async () => {
			throw new StoreUnavailableError(new Error("ECONNREFUSED"));
		});
		const first = fakeInteraction("command");
		await down.handle(first.interaction);
		expect(JSON.stringify(first.sent)).toContain("Scores are temporarily unavailable");

		const bug = setup(async () => {
			throw new TypeError("cannot read properties of undefined");
		});
		const second = fakeInteraction("command");
		await bug.handle(second.interaction);
		expect(JSON.stringify(second.sent)).toContain("give the bot's operator this reference: `interaction-1`");
		expect(JSON.stringify(second.sent)).not.toContain("cannot read properties");
		expect(bug.outcomes).toEqual(["ping:failed"]);
	});

	it("GIVEN an error after the reply was deferred THEN the explanation is a follow-up, cut to Discord's 2,000 characters", async () => {
		const { handle } = setup(async () => {
			throw new UserFacingError("x".repeat(5_000));
		});
		const { interaction, sent } = fakeInteraction("command", { deferred: true });
		await handle(interaction);
		expect(sent[0]?.via).toBe("followUp");
		expect((sent[0]?.payload as { content?: string } | undefined)?.content).toHaveLength(2_000);
	});

	it("GIVEN a command from a DM or a command the bot no longer has THEN it explains instead of running", async () => {
		let ran = false;
		const { handle } = setup(async () => {
			ran = true;
		});
		const dm = fakeInteraction("command", { guildId: null });
		await handle(dm.interaction);
		expect(dm.sent).toEqual([
			{ via: "reply", payload: privately("Interview Dojo works inside a server, not in DMs.") },
		]);
		const stale = fakeInteraction("command", { commandName: "gone" });
		await handle(stale.interaction);
		expect(JSON.stringify(stale.sent)).toContain("I don't know that command any more");
		expect(ran).toBe(false);
	});

	it("GIVEN autocomplete THEN the command answers it; GIVEN an unknown one THEN an empty list", async () => {
		const { handle } = setup(async () => undefined);
		const known = fakeInteraction("autocomplete");
		await handle(known.interaction);
		expect(known.sent).toEqual([{ via: "respond", payload: [{ name: "one", value: "one" }] }]);
		const unknown = fakeInteraction("autocomplete", { commandName: "gone" });
		await handle(unknown.interaction);
		expect(unknown.sent).toEqual([{ via: "respond", payload: [] }]);
	});

	it("GIVEN a button THEN the route that claims its custom id handles it; other buttons are left to their collectors", async () => {
		const handled: string[] = [];
		const route: ButtonRoute = {
			name: "pick",
			matches: (customId) => customId.startsWith("dojo-pick:"),
			async handle(interaction) {
				handled.push(interaction.customId);
				if (interaction.customId === "dojo-pick:9") throw new UserFacingError("No such choice.");
			},
		};
		const { handle, outcomes } = setup(async () => undefined, [route]);
		await handle(fakeInteraction("button", { customId: "dojo-pick:1" }).interaction);
		const confirm = fakeInteraction("button", { customId: "another-bots-button" });
		await handle(confirm.interaction);
		const refused = fakeInteraction("button", { customId: "dojo-pick:9" });
		await handle(refused.interaction);
		expect(handled).toEqual(["dojo-pick:1", "dojo-pick:9"]);
		expect(confirm.sent).toEqual([]);
		expect(refused.sent).toEqual([{ via: "reply", payload: privately("No such choice.") }]);
		expect(outcomes).toEqual(["button:pick:ok", "button:pick:refused"]);
	});
});
