import { createRequire } from "node:module";
import { createCanvas, GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";
import { encodePng } from "./png.js";

/**
 * The family every card is drawn in: DejaVu Sans from the dejavu-fonts-ttf package, registered under a
 * name of our own so no system font is ever picked instead, and a card looks the same on every host.
 */
export const CARD_FONT = "Dojo Sans";

let fontsRegistered = false;

function registerFonts(): void {
	if (fontsRegistered) return;
	const require = createRequire(import.meta.url);
	for (const file of ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]) {
		const path = require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
		if (!GlobalFonts.registerFromPath(path, CARD_FONT)) throw new Error(`could not load the card font ${path}`);
	}
	fontsRegistered = true;
}

export const CARD_COLOURS = {
	background: "#1e1f22",
	panel: "#2b2d31",
	track: "#3f4147",
	text: "#f2f3f5",
	muted: "#b5bac1",
	accent: "#5865f2",
	good: "#57f287",
	warn: "#fee75c",
	bad: "#ed4245",
	gold: "#f1c40f",
} as const;

export interface TextStyle {
	size: number;
	bold?: boolean;
	colour?: string;
	align?: "left" | "right" | "center";
}

/** A fixed-size canvas with the few shapes a card is made of; sizes never depend on the text drawn. */
export class Card {
	readonly width: number;
	readonly height: number;
	readonly #canvas;
	readonly #ctx: SKRSContext2D;

	constructor(width: number, height: number) {
		registerFonts();
		this.width = width;
		this.height = height;
		this.#canvas = createCanvas(width, height);
		this.#ctx = this.#canvas.getContext("2d");
		this.#ctx.textBaseline = "alphabetic";
		this.rect(0, 0, width, height, CARD_COLOURS.background, 0);
	}

	rect(x: number, y: number, width: number, height: number, colour: string, radius = 12): void {
		const ctx = this.#ctx;
		ctx.fillStyle = colour;
		ctx.beginPath();
		ctx.roundRect(x, y, Math.max(0, width), height, radius);
		ctx.fill();
	}

	/** Text cut with "…" to `maxWidth`, so a long name or title can never run off its box. */
	text(value: string, x: number, y: number, style: TextStyle, maxWidth = this.width): void {
		const ctx = this.#ctx;
		ctx.font = `${style.bold ? "bold " : ""}${style.size}px "${CARD_FONT}"`;
		ctx.fillStyle = style.colour ?? CARD_COLOURS.text;
		ctx.textAlign = style.align ?? "left";
		ctx.fillText(this.#fit(value, maxWidth), x, y);
	}

	/** A horizontal bar filled to `fraction` (0 to 1) of its track. */
	bar(x: number, y: number, width: number, height: number, fraction: number, colour: string): void {
		this.rect(x, y, width, height, CARD_COLOURS.track, height / 2);
		const filled = Math.min(1, Math.max(0, fraction)) * width;
		if (filled > 0) this.rect(x, y, Math.max(filled, height), height, colour, height / 2);
	}

	/**
	 * The card as a PNG. Every card paints an opaque background first, so its pixels carry no
	 * premultiplied alpha and the canvas's raw RGBA is the image as it is.
	 */
	png(): Promise<Buffer> {
		return encodePng(this.#canvas.data(), this.width, this.height);
	}

	#fit(value: string, maxWidth: number): string {
		const ctx = this.#ctx;
		if (ctx.measureText(value).width <= maxWidth) return value;
		const characters = [...value];
		let low = 0;
		let high = characters.length;
		while (low < high) {
			const middle = Math.ceil((low + high) / 2);
			if (ctx.measureText(`${characters.slice(0, middle).join("")}…`).width <= maxWidth) low = middle;
			else high = middle - 1;
		}
		return `${characters.slice(0, low).join("")}…`;
	}
}
