import { z } from "zod";
import { DIFFICULTIES } from "../bank/schema.js";
import type { DojoContext } from "../context.js";
import { isTimeZone } from "../scoring/periods.js";
import { TIME_OF_DAY } from "./schedule.js";

export const dailyConfigSchema = z.object({
	channelId: z.string(),
	time: z.string().regex(TIME_OF_DAY, "must be HH:MM, 24-hour"),
	timeZone: z.string().refine(isTimeZone, "must be an IANA time zone"),
	section: z.string().optional(),
	difficulty: z.enum(DIFFICULTIES).optional(),
	revealAfterHours: z.number().int().min(1).max(72).default(12),
	roleId: z.string().optional(),
	/** Whether each daily opens a discussion thread under its post; dailies set before threads had none. */
	thread: z.boolean().default(false),
});

export type DailyConfig = z.infer<typeof dailyConfigSchema>;
/** A daily as written: fields with a default may be left out. */
export type DailyConfigRecord = z.input<typeof dailyConfigSchema>;

const attemptSchema = z.object({
	date: z.string(),
	at: z.number(),
	messageId: z.string().optional(),
	problem: z.string().optional(),
	/** Why a daily that went out has no discussion thread. */
	threadProblem: z.string().optional(),
});

export const dailyStateSchema = z.object({
	lastPost: attemptSchema.optional(),
	lastProblem: attemptSchema.optional(),
});

export type DailyAttempt = z.infer<typeof attemptSchema>;
export type DailyState = z.infer<typeof dailyStateSchema>;

/** Guilds with a daily, scored by the instant their next one is due. */
export const DAILIES_DUE = "dailies-due";

const configKey = (guildId: string) => `daily:${guildId}`;
const stateKey = (guildId: string) => `daily-state:${guildId}`;

export async function loadDailyConfig(ctx: Pick<DojoContext, "store">, guildId: string) {
	return ctx.store.get(configKey(guildId), dailyConfigSchema);
}

export async function saveDailyConfig(ctx: Pick<DojoContext, "store">, guildId: string, config: DailyConfigRecord) {
	await ctx.store.set(configKey(guildId), dailyConfigSchema.parse(config));
}

export async function removeDailyConfig(ctx: Pick<DojoContext, "store">, guildId: string) {
	await ctx.store.delete(configKey(guildId));
	await ctx.store.rankingRemove(DAILIES_DUE, guildId);
}

export async function loadDailyState(ctx: Pick<DojoContext, "store">, guildId: string): Promise<DailyState> {
	return (await ctx.store.get(stateKey(guildId), dailyStateSchema)) ?? {};
}

/** Remembers the last post and the last problem, for /daily status. */
export async function recordAttempt(ctx: Pick<DojoContext, "store">, guildId: string, attempt: DailyAttempt) {
	const state = await loadDailyState(ctx, guildId);
	const next: DailyState = attempt.problem ? { ...state, lastProblem: attempt } : { ...state, lastPost: attempt };
	await ctx.store.set(stateKey(guildId), next);
}
