import { z } from "zod";
import { DIFFICULTIES } from "../bank/schema.js";
import type { DojoContext } from "../context.js";
import { type GuildSettings, loadSettings } from "../settings.js";
import { isTimeZone } from "../time-zones.js";
import { TIME_OF_DAY } from "./schedule.js";

export const dailyConfigSchema = z.object({
	channelId: z.string(),
	time: z.string().regex(TIME_OF_DAY, "must be HH:MM, 24-hour"),
	/** The daily's own zone; without one it follows the server's time zone (/dojo settings timezone). */
	timeZone: z.string().refine(isTimeZone, "must be an IANA time zone").optional(),
	bank: z.string().optional(),
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

/** The zone a daily is posted in: its own, or the server's when it has none. */
export async function dailyTimeZone(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
	config: Pick<DailyConfig, "timeZone">,
): Promise<string> {
	return config.timeZone ?? (await loadSettings(ctx, guildId)).timeZone;
}

/** The server's settings, and the daily's own zone when it has one that differs, for /help. */
export async function readSettingsAndDailyZone(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
): Promise<{ settings: GuildSettings; dailyTimeZone?: string }> {
	const [settings, config] = await Promise.all([loadSettings(ctx, guildId), loadDailyConfig(ctx, guildId)]);
	const own = config?.timeZone;
	return own && own !== settings.timeZone ? { settings, dailyTimeZone: own } : { settings };
}

export interface DailyStatus {
	config: DailyConfig;
	state: DailyState;
	/** When the next daily is due, if it is on the schedule. */
	nextAt?: number;
	/** The zone the daily follows, and the server's, which boards and streaks follow. */
	timeZone: string;
	serverTimeZone: string;
}

/** What /daily status shows; undefined when the server has no daily. */
export async function readDailyStatus(
	ctx: Pick<DojoContext, "store">,
	guildId: string,
): Promise<DailyStatus | undefined> {
	const config = await loadDailyConfig(ctx, guildId);
	if (!config) return undefined;
	const [state, due, settings] = await Promise.all([
		loadDailyState(ctx, guildId),
		ctx.store.rankingStanding(DAILIES_DUE, guildId),
		loadSettings(ctx, guildId),
	]);
	return {
		config,
		state,
		...(due ? { nextAt: due.score } : {}),
		timeZone: config.timeZone ?? settings.timeZone,
		serverTimeZone: settings.timeZone,
	};
}

/** Remembers the last post and the last problem, for /daily status. */
export async function recordAttempt(ctx: Pick<DojoContext, "store">, guildId: string, attempt: DailyAttempt) {
	const state = await loadDailyState(ctx, guildId);
	const next: DailyState = attempt.problem ? { ...state, lastProblem: attempt } : { ...state, lastPost: attempt };
	await ctx.store.set(stateKey(guildId), next);
}
