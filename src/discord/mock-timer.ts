import { type Client, DiscordAPIError, RESTJSONErrorCodes } from "discord.js";
import { type DojoContext, inGuild } from "../core/context.js";
import { dueMocks, findMockSession, scheduleMockStep } from "../core/mock/session.js";
import { StoreUnavailableError } from "../core/ports.js";
import { type RepeatingSweep, startRepeatingSweep } from "../lib/repeating-sweep.js";
import { abandonMock, advanceMock } from "./mock-runner.js";

/** Sessions read per sweep; other shards' sessions among them are left to their owner. */
const BATCH = 100;
/** A session Discord or the store failed on waits this long before it is tried again. */
const RETRY_MS = 30_000;

/**
 * Keeps mock interviews moving: a question whose time is up, a lobby nobody started, a recap still to
 * post. Every due time is in the store, so a sweep at start-up picks up what fell due while the bot was
 * down, and one sweep a second keeps countdowns to within a second of their end.
 */
export function startMockTimer(
	ctx: DojoContext,
	client: Client,
	options: { intervalMs?: number; ownsGuild?: ((guildId: string) => boolean) | undefined } = {},
): RepeatingSweep {
	const advanceOne = async (id: string): Promise<boolean> => {
		const session = await findMockSession(ctx, id);
		if (session && options.ownsGuild && !options.ownsGuild(session.guildId)) return false;
		try {
			await advanceMock(session ? await inGuild(ctx, session.guildId) : ctx, client, id);
			return true;
		} catch (error) {
			if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel) {
				ctx.logger.warn({ sessionId: id }, "mock interview thread is gone; the session ends without a recap");
				await abandonMock(ctx, id);
				return false;
			}
			ctx.logger.warn({ err: error, sessionId: id }, "could not move a mock interview on; trying again later");
			await scheduleMockStep(ctx, id, ctx.clock.now() + RETRY_MS);
			return false;
		}
	};

	const sweepOnce = async (): Promise<number> => {
		let advanced = 0;
		for (const id of await dueMocks(ctx, BATCH)) if (await advanceOne(id)) advanced++;
		return advanced;
	};

	return startRepeatingSweep(sweepOnce, {
		intervalMs: options.intervalMs ?? 1_000,
		onError: (error) => {
			if (error instanceof StoreUnavailableError) ctx.logger.debug({ err: error }, "mock sweep skipped");
			else ctx.logger.error({ err: error }, "could not read the mock interview schedule");
		},
	});
}
