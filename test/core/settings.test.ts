import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from "../../src/core/settings.js";
import { createMemoryStore } from "../../src/store/memory-store.js";

describe("guild settings", () => {
	it("GIVEN a new guild THEN the defaults apply: 3 votes, 10 minutes, self-graded points on, UTC, reactions, no cooldown", async () => {
		const ctx = { store: createMemoryStore() };
		expect(await loadSettings(ctx, "g1")).toEqual({
			revealVotes: 3,
			revealAfterMinutes: 10,
			selfGradedPoints: true,
			timeZone: "UTC",
			picks: "reactions",
			memberCooldownSeconds: 0,
			channelCooldownSeconds: 0,
		});
	});

	it("GIVEN settings stored before picks and cooldowns existed THEN they load with those defaults", async () => {
		const ctx = { store: createMemoryStore() };
		await ctx.store.set("settings:g1", {
			revealVotes: 2,
			revealAfterMinutes: 5,
			selfGradedPoints: false,
			timeZone: "UTC",
		});
		expect(await loadSettings(ctx, "g1")).toMatchObject({
			revealVotes: 2,
			picks: "reactions",
			memberCooldownSeconds: 0,
		});
	});

	it("GIVEN saved settings THEN they come back; GIVEN a zone that does not exist THEN nothing is saved", async () => {
		const ctx = { store: createMemoryStore() };
		await saveSettings(ctx, "g1", { ...DEFAULT_SETTINGS, timeZone: "Europe/Berlin", revealVotes: 5 });
		expect(await loadSettings(ctx, "g1")).toMatchObject({ timeZone: "Europe/Berlin", revealVotes: 5 });
		await expect(saveSettings(ctx, "g1", { ...DEFAULT_SETTINGS, timeZone: "Europe/Atlantis" })).rejects.toThrow(
			"must be an IANA time zone",
		);
		expect((await loadSettings(ctx, "g1")).timeZone).toBe("Europe/Berlin");
	});
});
