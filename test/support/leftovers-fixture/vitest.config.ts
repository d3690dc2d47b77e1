import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** A run of careless tests, to show what the suite's safety nets catch (see test/leftovers.test.ts). */
export default defineConfig({
	test: {
		root: fileURLToPath(new URL("../../..", import.meta.url)),
		include: ["test/support/leftovers-fixture/careless.fixture.ts"],
		globalSetup: ["test/support/leftovers.ts"],
		setupFiles: ["test/support/after-each-file.ts"],
	},
});
