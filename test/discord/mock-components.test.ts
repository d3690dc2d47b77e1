import { describe, expect, it } from "vitest";
import {
	lobbyButtons,
	type MockClick,
	mockButtonId,
	noteModal,
	noteModalId,
	parseMockButton,
	parseNoteModal,
	turnButtons,
} from "../../src/discord/mock-components.js";

const SESSION = "1577494915137536018";

describe("mock interview custom ids", () => {
	it("GIVEN every kind of click THEN its custom id reads back as the same click, within Discord's 100 characters", () => {
		const clicks: MockClick[] = [
			{ action: "join" },
			{ action: "start" },
			{ action: "sheet", sessionId: SESSION, turn: 0 },
			{ action: "note", sessionId: SESSION, turn: 9 },
			{ action: "grade", sessionId: SESSION, turn: 3, grade: "partly" },
		];
		for (const click of clicks) {
			const id = mockButtonId(click);
			expect(id.length).toBeLessThanOrEqual(100);
			expect(parseMockButton(id)).toEqual(click);
		}
		expect(parseNoteModal(noteModalId(SESSION, 4))).toEqual({ sessionId: SESSION, turn: 4 });
	});

	it("GIVEN ids that are not ours or are malformed THEN they match nothing", () => {
		for (const id of [
			"dojo-pick:1",
			"mock:join:123",
			"mock:grade:123:1:great",
			`mock:grade:${SESSION}:-1:partly`,
			`mock:sheet:${SESSION}`,
			`mock:sheet:${SESSION}:1:extra`,
			"mock:sheet:abc:1",
			"mock:unknown",
		]) {
			expect(parseMockButton(id)).toBeUndefined();
		}
		expect(parseNoteModal("mock-note:abc:1")).toBeUndefined();
		expect(parseNoteModal(`mock-note:${SESSION}`)).toBeUndefined();
	});

	it("GIVEN a question THEN its row has the sheet, three grades and the note until graded, then the sheet and the note", () => {
		const labels = (graded: boolean) =>
			turnButtons(SESSION, 0, { graded })[0]?.components.map((button) => ("label" in button ? button.label : ""));
		expect(labels(false)).toEqual(["Answer sheet", "Strong", "Partly", "Missed", "Note"]);
		expect(labels(true)).toEqual(["Answer sheet", "Note"]);
		expect(lobbyButtons()[0]?.components.map((button) => ("label" in button ? button.label : ""))).toEqual([
			"Join",
			"Start",
		]);
	});

	it("GIVEN a note already given THEN the form opens with it, within Discord's modal limits", () => {
		const modal = noteModal(SESSION, 2, "earlier note");
		expect(modal.title.length).toBeLessThanOrEqual(45);
		expect(modal.components).toHaveLength(1);
		expect(modal.components[0]).toMatchObject({
			component: { value: "earlier note", max_length: 500, required: true },
		});
	});
});
