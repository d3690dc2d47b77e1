/** What the careless fixture writes into the checkout, for the test that runs it to clean up. */
export const LEFT_FILE = "test/support/leftovers-fixture/left-behind.txt";

/** The stand-in bot it starts and leaves to after-each-file.ts to stop. */
export const IDLE_BOT = "test/support/leftovers-fixture/idle.mjs";
