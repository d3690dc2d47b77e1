import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		include: ["test/**/*.test.ts"],
		testTimeout: 15_000,
		hookTimeout: 60_000,
		// The last one checks, at the end, that the run left no process running and the checkout unchanged.
		globalSetup: ["test/support/build-once.ts", "test/support/leftovers.ts"],
		setupFiles: ["test/support/after-each-file.ts"],
		reporters: ["default"],
	},
});
