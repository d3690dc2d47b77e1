import { assembleBank } from "../../src/core/bank/assemble.js";
import type { Bank } from "../../src/core/bank/bank.js";
import { type BankLibrary, createBankLibrary } from "../../src/core/bank/library.js";
import { parseBankFile } from "../../src/core/bank/parse.js";
import type { Clock, DojoMetrics, Logger, Store } from "../../src/core/ports.js";
import type { RoundRecord } from "../../src/core/rounds.js";
import { createMemoryStore } from "../../src/store/memory-store.js";

export const SMALL_BANK_YAML = `
id: demo
title: Demo
sections:
  - id: demo-basics
    title: Demo basics
  - id: demo-advanced
    title: Demo advanced
questions:
  - id: demo-one
    section: demo-basics
    difficulty: easy
    kind: choice
    prompt: Which one?
    choices: [first, second, third]
    correct: 1
    answer: The second one.
  - id: demo-two
    section: demo-basics
    difficulty: medium
    kind: choice
    prompt: And now?
    code:
      language: python
      source: print(1 + 1)
    choices: ["2", "11"]
    correct: 0
    answer: Two.
  - id: demo-three
    section: demo-basics
    difficulty: easy
    kind: open
    prompt: Discuss.
    answer: Points to cover.
  - id: demo-four
    section: demo-advanced
    difficulty: advanced
    kind: open
    prompt: Discuss more.
    answer: More points.
`;

export function bankFrom(...files: Array<[name: string, text: string]>): ReturnType<typeof assembleBank> {
	return assembleBank(files.map(([name, text]) => parseBankFile(name, text)));
}

export function smallBank(): Bank {
	return smallBankFiles().bank;
}

function smallBankFiles() {
	const assembled = bankFrom(["demo.yaml", SMALL_BANK_YAML]);
	if (assembled.problems.length > 0) throw new Error(`fixture bank is invalid: ${JSON.stringify(assembled.problems)}`);
	return assembled;
}

/** The bank library a core context carries: the small bank built in, servers' own banks in `store`. */
export function smallLibrary(store: Store, clock: Clock, logger: Logger = recordingLogger()): BankLibrary {
	return createBankLibrary({ store, clock, logger }, smallBankFiles().files);
}

/** A Logger that keeps each message, so tests can assert what was reported. */
export function recordingLogger(): Logger & { messages: string[] } {
	const messages: string[] = [];
	const record = (_fields: object, message: string) => {
		messages.push(message);
	};
	const logger = { messages, debug: record, info: record, warn: record, error: record, child: () => logger };
	return logger;
}

/** Metrics that only count, so a test can see what the core reported. */
export function countingMetrics(): DojoMetrics & { dailies: boolean[] } {
	const dailies: boolean[] = [];
	return {
		dailies,
		commandHandled: () => undefined,
		pickLocked: () => undefined,
		roundRevealed: () => undefined,
		dailyAttempted: (posted) => {
			dailies.push(posted);
		},
	};
}

/** A core context on a memory store and the small bank, with a clock the test moves by hand. */
export function coreContext(startsAt: number) {
	let now = startsAt;
	const clock = { now: () => now };
	const logger = recordingLogger();
	const store = createMemoryStore(clock);
	const banks = smallLibrary(store, clock, logger);
	const ctx = {
		store,
		bank: banks.builtIn,
		banks,
		clock,
		logger,
		random: Math.random,
		metrics: countingMetrics(),
	};
	return {
		ctx,
		logged: logger.messages,
		advance: (ms: number) => {
			now += ms;
		},
	};
}

/** A /question round in guild g1 for demo-one, message m1, asked by "asker". */
export function sampleRound(postedAt: number, overrides: Partial<RoundRecord> = {}): RoundRecord {
	return {
		messageId: "m1",
		channelId: "c1",
		guildId: "g1",
		questionId: "demo-one",
		askerId: "asker",
		source: "command",
		postedAt,
		...overrides,
	};
}
