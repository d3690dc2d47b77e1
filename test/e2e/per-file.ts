import { afterAll, beforeAll } from "vitest";
import { createWorld, type DojoRun, startDojo, type World } from "../../harness/world.js";

/** One world and one bot shared by a whole test file (or the describe block it is called in), both stopped after it. */
export function useDojoPerFile(assign: (world: World, run: DojoRun) => void): void {
	let world: World | undefined;
	let run: DojoRun | undefined;
	beforeAll(async () => {
		world = await createWorld();
		run = await startDojo(world);
		assign(world, run);
	});
	afterAll(async () => {
		await run?.bot.stop();
		await world?.discord.close();
	});
}
