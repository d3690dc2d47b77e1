import { compose } from "./compose.js";
import { run } from "./lifecycle.js";
import { createLogger } from "./logger.js";
import { logProcessEvents, readConfig, startOrExplain } from "./startup.js";

// The entry point: configuration and logging first, then the bot built once (compose.ts) and run
// (lifecycle.ts: readiness, shutdown, login).
const config = readConfig();
const logger = createLogger(config, [config.DISCORD_TOKEN]);
logProcessEvents(logger, [config.DISCORD_TOKEN]);
await startOrExplain(async () => run(await compose(config, logger), config), [config.DISCORD_TOKEN]);
