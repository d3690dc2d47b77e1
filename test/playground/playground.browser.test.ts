import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../harness/free-port.js";
import { SCREENSHOTS, SCREENSHOTS_REQUESTED } from "../support/screenshots.js";
import { type RunningPlayground, startPlayground, stopPlaygrounds } from "./playground-process.js";

const CHROMIUM = "/usr/bin/chromium";
/** For the steps that wait on the bot: a compile or a test suite elsewhere on the machine slows it down. */
const PATIENT = { timeout: 60_000 };

/** A bank a server imports through the page: one section, one question, so /question can only ask that. */
const TINY_BANK = `id: tiny-teapot-bank
title: Tiny teapot bank
sections:
  - id: tiny-status
    title: Status codes
questions:
  - id: tiny-teapot
    section: tiny-status
    difficulty: easy
    kind: choice
    prompt: Which HTTP status says the server is a teapot?
    choices:
      - "200"
      - "404"
      - "418"
    correct: 2
    answer: "418, from an April Fools' RFC."
`;
/** Its broken twin: a choice index past the choices, a difficulty there is none of, a section nobody declared. */
const BROKEN_BANK = `id: tiny-broken-bank
title: Tiny broken bank
sections:
  - id: tiny-broken-status
    title: Status codes
questions:
  - id: tiny-broken-teapot
    section: no-such-section
    difficulty: easy
    kind: choice
    prompt: Which HTTP status says the server is a teapot?
    choices:
      - "200"
      - "404"
      - "418"
    correct: 9
    answer: "418, from an April Fools' RFC."
  - id: tiny-broken-open
    section: tiny-broken-status
    difficulty: hard
    kind: open
    prompt: Why have a status for teapots?
    answer: A joke that stayed.
`;
const lineOf = (text: string, line: string) => text.split("\n").indexOf(line) + 1;

function chromiumMissing(): boolean {
	if (spawnSync(CHROMIUM, ["--version"]).status === 0) return false;
	if (process.env.CI) throw new Error("chromium is not installed; CI must install it (see .ci/run)");
	if (SCREENSHOTS_REQUESTED) throw new Error("npm run screenshots needs chromium (apt-get install -y chromium)");
	console.warn("chromium not found: skipping the playground browser test (apt-get install -y chromium)");
	return true;
}

describe.skipIf(chromiumMissing())("playground in a real browser", () => {
	let playground: RunningPlayground;
	let browser: Browser;
	let page: Page;
	const dialogs: string[] = [];

	beforeAll(async () => {
		playground = await startPlayground([
			"--reset",
			"--port",
			String(await freePort()),
			"--data",
			mkdtempSync(join(tmpdir(), "dojo-playground-")),
			"--banks",
			"test/playground/banks",
		]);
		browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
		page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
		page.on("dialog", (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		await page.goto(playground.url);
		await page.waitForSelector("#command-name option", { state: "attached" });
	}, 180_000);
	afterAll(async () => {
		await browser?.close();
		await stopPlaygrounds();
	});

	/** Only `npm run screenshots` writes the README's pictures; a plain run leaves the checkout as it was. */
	const screenshot = async (path: string, showing?: Locator) => {
		if (!SCREENSHOTS_REQUESTED) return;
		// The page redraws its messages on every update, so what was found may be replaced before it is
		// scrolled to; it is looked up again until the scroll lands.
		if (showing) {
			const scrolled = () =>
				showing.scrollIntoViewIfNeeded({ timeout: 2_000 }).then(
					() => true,
					() => false,
				);
			await expect.poll(scrolled).toBe(true);
		}
		await page.screenshot({ path });
	};

	const actAs = (name: string) => page.selectOption("#actor", { label: name });
	const command = async (name: string, options: Record<string, string> = {}, subcommand?: string) => {
		await page.selectOption("#command-name", name);
		if (subcommand) await page.selectOption("#subcommand", subcommand);
		for (const [option, value] of Object.entries(options)) {
			await page.fill(`#command-options [name="${option}"]`, value);
		}
		await page.click("#command > button");
	};
	const chip = (emoji: string) =>
		page.locator("article.message").last().locator(".reactions button", { hasText: emoji });

	it("GIVEN a member THEN /question with a section from autocomplete posts a round; a pick and the admin's 💡 reveal it", async () => {
		await actAs("Grace");
		await page.selectOption("#command-name", "question");
		await page.fill('#command-options [name="section"]', "rout");
		await page.waitForSelector('#choices-section option[value="pg-routing"]', { state: "attached" });
		await command("question", { section: "pg-routing" });
		const round = page.locator("article.message").last();
		await expect.poll(() => round.locator(".embed .title").first().textContent()).toContain("Routing");
		await chip("💡").waitFor();
		await screenshot(SCREENSHOTS.round);

		await chip("🇧").click();
		await expect.poll(() => chip("🇧").getAttribute("class")).toBe("mine");
		await actAs("Ada (admin)");
		await chip("💡").click();
		await expect.poll(() => page.locator("article.message").last().textContent()).toContain("Answer: 🇧");
		const revealed = await page.locator("article.message").last().textContent();
		expect(revealed).toContain("Right: @Grace");
		expect(revealed).toContain("🇦 0 · 🇧 1 · 🇨 0 (1 pick)");
		await screenshot(SCREENSHOTS.reveal);
	});

	it("GIVEN the reveal THEN /leaderboard shows the member with their points", async () => {
		await actAs("Grace");
		await command("leaderboard");
		await expect.poll(() => page.locator("#messages").textContent()).toContain("Leaderboard");
		expect(await page.locator("article.message").last().textContent()).toMatch(/@Grace · \d+ pts/);
		await screenshot(SCREENSHOTS.leaderboard);
	});

	it("GIVEN the admin's /dojo export THEN the private reply carries a JSON file to download", async () => {
		await actAs("Ada (admin)");
		await command("dojo", {}, "export");
		const link = page.locator("article.ephemeral").last().locator("a[download]");
		await link.waitFor();
		const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
		const file = await download.path();
		const exported = JSON.parse(readFileSync(file, "utf8")) as { members: Array<{ memberId: string }> };
		expect(exported.members.length).toBeGreaterThan(0);
	});

	it("GIVEN a bad section THEN only the member who asked sees the explanation", async () => {
		await actAs("Linus");
		await command("question", { section: "nope" });
		await expect.poll(() => page.locator("article.ephemeral").last().textContent()).toContain("There is no section");
		expect(await page.locator("article.ephemeral").last().textContent()).toContain("Only you can see this");
		await actAs("Margaret");
		expect(await page.locator("#messages").textContent()).not.toContain("There is no section");
	});

	it("GIVEN two members THEN one mock question runs in its thread: join, start, the private answer sheet, a note through the modal, a grade", async () => {
		const inMessage = (text: string) => page.locator("article.message", { hasText: text }).last();
		const buttonIn = (message: ReturnType<typeof inMessage>, label: string) =>
			message.locator(".components button", { hasText: label });
		await actAs("Grace");
		await page.locator("nav button", { hasText: "# practice" }).click();
		await command("mock", { section: "pg-interview", questions: "3", minutes: "5" }, "start");
		const lobby = inMessage("Mock interview · Interview");
		await buttonIn(lobby, "Join").waitFor();
		await actAs("Linus");
		await buttonIn(lobby, "Join").click();
		await expect.poll(() => lobby.textContent()).toContain("Members (2/8)");
		await actAs("Grace");
		await buttonIn(lobby, "Start").click();
		await expect.poll(() => lobby.textContent()).toContain("Under way since");

		await page.locator("nav button.thread", { hasText: "Mock interview · Interview" }).click();
		const question = inMessage("Question 1 of 3");
		await expect.poll(() => question.textContent()).toContain("@Grace answers, @Linus interviews");
		expect(await page.locator("#channel-title").textContent()).toMatch(/^# practice › 🧵 Mock interview · Interview/);

		await actAs("Linus");
		await buttonIn(question, "Answer sheet").click();
		const sheet = page.locator("article.ephemeral", { hasText: "What a strong answer covers" });
		await sheet.waitFor();
		expect(await sheet.textContent()).toContain("Only you can see this");
		await buttonIn(question, "Note").click();
		await page.locator("dialog#modal").waitFor();
		expect(await page.locator("#modal-title").textContent()).toBe("Note on question 1");
		await page.fill('#modal-fields textarea[name="note"]', "Good structure; say what you would measure first.");
		await page.click("#modal-submit");
		await page.locator("article.ephemeral", { hasText: "Saved your note on question 1" }).waitFor();
		await buttonIn(question, "Strong").click();
		await expect.poll(() => question.textContent()).toContain("Graded ✅ Strong by @Linus");
		await inMessage("Question 2 of 3").waitFor();
		await screenshot(SCREENSHOTS.mock, page.locator("article.ephemeral", { hasText: "What a strong answer covers" }));

		await actAs("Grace");
		expect(await page.locator("#messages").textContent()).not.toContain("What a strong answer covers");
		await command("mock", {}, "stop");
		const recap = inMessage("Recap");
		await expect.poll(() => recap.textContent()).toContain("Stopped early by @Grace");
		expect(await recap.textContent()).toContain("Good structure; say what you would measure first.");
		await expect.poll(() => page.locator("#channel-title").textContent()).toContain("(archived)");
		await screenshot(SCREENSHOTS.mockRecap);
		await page.locator("nav button", { hasText: "# practice" }).click();
	});

	it("GIVEN a bank item full of HTML, a javascript: link and a long code block THEN it renders as text and runs nothing", async () => {
		await actAs("Linus");
		await command("question", { id: "pg-hostile" });
		await expect
			.poll(() => page.locator("article.message").last().textContent())
			.toContain("<script>alert('prompt')</script>");
		const messages = page.locator("#messages");
		expect(await messages.locator("script, img, iframe").count()).toBe(0);
		expect(await messages.locator('a[href^="javascript"]').count()).toBe(0);
		expect(await page.locator("article.message").last().locator("pre").textContent()).toContain("line 0000");
		expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
		expect(dialogs).toEqual([]);
	});

	it("GIVEN a round with code THEN a line says who asked, the code's first line is not indented and no extra blank line follows it", async () => {
		await actAs("Margaret");
		await command("question", { id: "pg-markdown" });
		const round = page.locator("article.message").last();
		await expect.poll(() => round.locator(".embed .title").first().textContent()).toContain("Markdown");
		expect(await round.locator(".invocation").textContent()).toBe("Margaret used /question");
		const pre = round.locator(".embed pre").first();
		expect(await pre.textContent()).toBe('word = "ab"\nprint(word * 2)');
		const lineStarts = await pre.evaluate((node) => {
			const text = node.querySelector("code")?.firstChild;
			if (!text?.textContent) return [];
			const leftOf = (offset: number) => {
				const range = node.ownerDocument.createRange();
				range.setStart(text, offset);
				range.setEnd(text, offset + 1);
				return range.getBoundingClientRect().left;
			};
			return [leftOf(0), leftOf(text.textContent.indexOf("\n") + 1)];
		});
		expect(lineStarts).toHaveLength(2);
		expect(lineStarts[0]).toBe(lineStarts[1]);
		// "```\n\n🇦 abab": one blank line between the code and the choices, as in Discord.
		const breaksAfter = await pre.evaluate((node) => {
			let count = 0;
			for (let next = node.nextSibling; next?.nodeName === "BR"; next = next.nextSibling) count++;
			return count;
		});
		expect(breaksAfter).toBe(1);
	});

	it("GIVEN the answer revealed THEN its - and * lines are a list, nested where indented, and a dash without a space stays text", async () => {
		await chip("🇦").click();
		await actAs("Ada (admin)");
		await chip("💡").click();
		await expect.poll(() => page.locator("article.message").last().textContent()).toContain("Answer: 🇦");
		const answer = page.locator("article.message").last().locator(".embed").nth(1).locator(".markdown").first();
		const items = answer.locator(":scope > ul > li");
		expect(await items.count()).toBe(3);
		expect(await items.nth(0).locator("code").allTextContents()).toEqual(['"ab" * 2', '"abab"']);
		expect(await items.nth(1).locator("strong").textContent()).toBe("a number");
		expect(await items.nth(1).locator(":scope > ul > li").allTextContents()).toEqual(["nested under the second point"]);
		expect(await items.nth(2).textContent()).toBe("a star marks an item as well");
		expect(await answer.textContent()).toContain("-not an item, no space");
		expect(await answer.locator("li", { hasText: "-not an item" }).count()).toBe(0);
	});

	it("GIVEN the tall /daily set form THEN the newest message stays in view, role is a picker of the server's roles, and the reply names the role picked", async () => {
		await actAs("Ada (admin)");
		const newestInView = () =>
			page.locator("#messages").evaluate((box) => {
				const newest = box.lastElementChild;
				return newest !== null && newest.getBoundingClientRect().bottom <= box.getBoundingClientRect().bottom + 2;
			});
		expect(await newestInView()).toBe(true);
		await page.selectOption("#command-name", "daily");
		await page.selectOption("#subcommand", "set");
		expect(await newestInView()).toBe(true);

		const role = page.locator('#command-options select[name="role"]');
		expect(await role.locator("option").allTextContents()).toEqual(["", "@everyone", "@Admin"]);
		await page.selectOption('#command-options [name="channel"]', { label: "daily" });
		await page.fill('#command-options [name="time"]', "08:30");
		await page.fill('#command-options [name="timezone"]', "Europe/Berlin");
		await role.selectOption({ label: "@Admin" });
		await page.click("#command > button");
		const reply = page.locator("article.ephemeral").last();
		await expect.poll(() => reply.textContent()).toContain("Mentions: @Admin");
		expect(await reply.locator(".invocation").textContent()).toBe("Ada (admin) used /daily set");
		await expect.poll(newestInView).toBe(true);
	});

	it("GIVEN a member scrolled up to read THEN a new message does not pull the view down", async () => {
		await actAs("Grace");
		const messages = page.locator("#messages");
		await messages.evaluate((box) => {
			box.scrollTop = 0;
		});
		const before = await page.locator("article").count();
		await command("leaderboard");
		await expect.poll(() => page.locator("article").count()).toBeGreaterThan(before);
		expect(await messages.evaluate((box) => box.scrollTop)).toBe(0);
	});

	it("GIVEN /stats and /leaderboard image:true THEN their PNG cards show in the page, at their stated sizes", async () => {
		const size = (image: ReturnType<typeof page.locator>) =>
			// Runs in the page; the test's own types have no DOM, so the image is read by its properties.
			image.evaluate((element) => {
				const shown = element as unknown as { complete: boolean; naturalWidth: number; naturalHeight: number };
				return shown.complete ? [shown.naturalWidth, shown.naturalHeight] : [];
			});
		await actAs("Grace");
		await command("stats");
		const card = page.locator("article.ephemeral").last().locator("img.attachment-image");
		await card.waitFor();
		await expect.poll(() => size(card)).toEqual([800, 520]);
		await screenshot(SCREENSHOTS.stats, card);

		await page.selectOption("#command-name", "leaderboard");
		await page.selectOption('#command-options [name="image"]', "true");
		await page.click("#command > button");
		const board = page.locator("article.message").last().locator("img.attachment-image");
		await board.waitFor();
		await expect.poll(() => size(board)).toEqual([800, 560]);
	});

	it("GIVEN the admin picks a bank file in the page THEN /bank import takes it, /question asks from it, and a broken file gets its problems by line", async () => {
		const folder = mkdtempSync(join(tmpdir(), "dojo-playground-import-"));
		writeFileSync(join(folder, "teapot.yaml"), TINY_BANK);
		writeFileSync(join(folder, "broken.yaml"), BROKEN_BANK);
		const importFile = async (file: string) => {
			await page.selectOption("#command-name", "bank");
			await page.selectOption("#subcommand", "import");
			await page.setInputFiles('#command-options input[type="file"][name="file"]', join(folder, file));
			await page.click("#command > button");
		};
		await actAs("Ada (admin)");
		await page.locator("nav button", { hasText: "# practice" }).click();

		await importFile("teapot.yaml");
		const imported = page.locator("article.ephemeral", { hasText: "Imported the bank" }).last();
		await imported.waitFor(PATIENT);
		const said = await imported.textContent();
		expect(said).toContain("tiny-teapot-bank · Tiny teapot bank: 1 section, 1 question.");
		expect(said).toContain("Only you can see this");
		expect(await imported.locator(".invocation").textContent()).toBe("Ada (admin) used /bank import");

		await actAs("Grace");
		await command("question", { bank: "tiny-teapot-bank" });
		const round = page.locator("article.message", { hasText: "Which HTTP status says the server is a teapot?" });
		await round.last().waitFor(PATIENT);
		expect(await round.last().locator(".embed .title").first().textContent()).toContain("Status codes");

		await actAs("Ada (admin)");
		await importFile("broken.yaml");
		const refused = page.locator("article.ephemeral", { hasText: "broken.yaml has 2 problems" }).last();
		await refused.waitFor(PATIENT);
		// Each problem is a "- " line of the reply, which renders as a list as in Discord.
		expect(await refused.locator("li").allTextContents()).toEqual([
			`broken.yaml: questions.0.correct: must be the 0-based index of a choice (0 to 2), got 9 (line ${lineOf(BROKEN_BANK, "    correct: 9")})`,
			expect.stringMatching(
				new RegExp(
					`^broken\\.yaml: questions\\.1\\.difficulty: .+ \\(line ${lineOf(BROKEN_BANK, "    difficulty: hard")}\\)$`,
				),
			),
		]);
		expect(await refused.textContent()).toContain("Nothing was stored.");
		await expect.poll(() => page.locator("#messages").textContent(), PATIENT).not.toContain("thinking…");
	}, 180_000);

	it("GIVEN a member's /suggest through its form WHEN the admin rejects it in /bank review with a reason THEN the member finds the reason in their DMs", async () => {
		await actAs("Grace");
		await page.locator("nav button", { hasText: "# practice" }).click();
		await command("suggest");
		await page.locator("dialog#modal").waitFor(PATIENT);
		expect(await page.locator("#modal-title").textContent()).toBe("Suggest a question");
		expect(await page.locator("#modal-fields textarea, #modal-fields input").count()).toBe(4);
		await page.fill('#modal-fields [name="prompt"]', "Which status means I'm a teapot, in a suggestion?");
		await page.fill('#modal-fields [name="choices"]', "200\n*418\n500");
		await page.fill('#modal-fields [name="answer"]', "418, from RFC 2324.");
		await page.click("#modal-submit");
		await page
			.locator("article.ephemeral", { hasText: "Your question is waiting for the moderators" })
			.waitFor(PATIENT);

		await actAs("Ada (admin)");
		await command("bank", { bank: "tiny-teapot-bank" }, "review");
		const review = page.locator("article.ephemeral", { hasText: "in a suggestion?" }).last();
		await review.locator(".components button", { hasText: "Approve into" }).waitFor(PATIENT);
		await review.locator(".components button", { hasText: "Reject" }).click();
		await page.locator("dialog#modal").waitFor(PATIENT);
		expect(await page.locator("#modal-title").textContent()).toBe("Reject this suggestion");
		await page.fill('#modal-fields textarea[name="reason"]', "We have this one already.");
		await page.click("#modal-submit");
		await page.locator("article.ephemeral", { hasText: "Rejected; the member was told privately" }).waitFor(PATIENT);

		await actAs("Grace");
		const inbox = page.locator("nav button.dm");
		await expect.poll(() => inbox.textContent(), PATIENT).toBe("✉ Direct messages (1)");
		await inbox.click();
		expect(await page.locator("#channel-title").textContent()).toBe("✉ Direct messages with Interview Dojo");
		const dm = page.locator("article.message").last();
		expect(await dm.textContent()).toContain("Reason from the moderators: We have this one already.");
		expect(await page.locator("#command > button").isDisabled()).toBe(true);
		await actAs("Linus");
		expect(await page.locator("#messages").textContent()).toContain("Interview Dojo has sent you no direct messages.");
		await page.locator("nav button", { hasText: "# practice" }).click();
		expect(await page.locator("#command > button").isDisabled()).toBe(false);
	}, 180_000);

	it("GIVEN an upload with no file name, or past Discord's 10 MB THEN the playground refuses it and stores nothing", async () => {
		const upload = (query: string, bytes: Uint8Array) =>
			fetch(`${playground.url}api/attachment${query}`, { method: "POST", body: bytes });
		const unnamed = await upload("", new TextEncoder().encode("id: x"));
		expect(unnamed.status).toBe(400);
		expect(((await unnamed.json()) as { error: string }).error).toContain("name the file");
		const huge = await upload("?filename=huge.yaml", new Uint8Array(10 * 1024 * 1024 + 1));
		expect(huge.status).toBe(413);
		const named = await upload("?filename=dir%2Fbank.yaml", new TextEncoder().encode("id: x"));
		expect(await named.json()).toMatchObject({ filename: "bank.yaml", size: 5 });
	});
});
