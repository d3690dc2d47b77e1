import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		include: ["test/**/*.test.ts"],
		testTimeout: 15_000,
		hookTimeout: 60_000,
		globalSetup: ["test/support/build-once.ts"],
		reporters: ["default"],
	},
});
