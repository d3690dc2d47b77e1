/** `npm run screenshots` sets SCREENSHOTS=1; any other run of the suite writes nothing into the checkout. */
export const SCREENSHOTS_REQUESTED = process.env.SCREENSHOTS === "1";

/** The README's pictures of the playground, written by its browser test when asked. */
export const SCREENSHOTS = {
	round: "docs/playground-round.png",
	reveal: "docs/playground-reveal.png",
	leaderboard: "docs/playground-leaderboard.png",
	stats: "docs/playground-stats.png",
	mock: "docs/playground-mock.png",
	mockRecap: "docs/playground-mock-recap.png",
} as const;
