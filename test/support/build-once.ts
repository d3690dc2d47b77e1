import { execFileSync } from "node:child_process";

/** End-to-end tests run the compiled bot exactly as `npm start` does, so compile it once per test run. */
export default function setup(): void {
	execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
}
