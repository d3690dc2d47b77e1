import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { loadConfig } from "../src/config.js";

/**
 * No Docker engine runs where the suite does, so the image cannot be built here. These tests read the
 * Dockerfile and compose.yaml instead and work out, with Docker's own precedence (the image's ENV, then
 * the env file, then compose's `environment`), where the bot in the container looks for its files.
 */

interface RuntimeImage {
	env: Record<string, string>;
	workdir: string;
	volumes: string[];
	/** Symbolic links made by RUN ln -s: link path to target. */
	links: Map<string, string>;
	/** Paths a RUN chown hands to the node user. */
	ownedByNode: string[];
	/** COPY destinations, absolute. */
	copied: string[];
	exposed: string[];
}

/** The last stage of the Dockerfile: what the image runs. */
function runtimeImage(dockerfile: string): RuntimeImage {
	const instructions = dockerfile
		.replaceAll(/\\\n/g, " ")
		.split("\n")
		.map((line) => line.trim())
		.filter((line) => line !== "" && !line.startsWith("#"));
	const lastStage = instructions.findLastIndex((line) => line.startsWith("FROM "));
	const image: RuntimeImage = {
		env: {},
		workdir: "/",
		volumes: [],
		links: new Map(),
		ownedByNode: [],
		copied: [],
		exposed: [],
	};
	for (const line of instructions.slice(lastStage + 1)) {
		const [instruction = "", ...words] = line.split(/\s+/);
		const rest = line.slice(instruction.length).trim();
		if (instruction === "ENV") {
			for (const pair of words) {
				const [name = "", ...value] = pair.split("=");
				image.env[name] = value.join("=");
			}
		}
		if (instruction === "WORKDIR") image.workdir = posix.resolve(image.workdir, rest);
		if (instruction === "VOLUME") image.volumes.push(...z.array(z.string()).parse(JSON.parse(rest)));
		if (instruction === "EXPOSE") image.exposed.push(...words);
		if (instruction === "COPY") image.copied.push(posix.resolve(image.workdir, words.at(-1) ?? ""));
		if (instruction === "RUN") {
			for (const [, target = "", link = ""] of rest.matchAll(/ln -s (\S+) (\S+)/g)) {
				image.links.set(posix.resolve(image.workdir, link), target);
			}
			for (const [, path = ""] of rest.matchAll(/chown node:node (\S+)/g)) {
				image.ownedByNode.push(posix.resolve(image.workdir, path));
			}
		}
	}
	return image;
}

/** An absolute path in the container, with the image's links followed. */
function inContainer(image: RuntimeImage, path: string): string {
	const absolute = posix.resolve(image.workdir, path);
	for (const [link, target] of image.links) {
		if (absolute === link || absolute.startsWith(`${link}/`)) return target + absolute.slice(link.length);
	}
	return absolute;
}

const within = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

const mountSchema = z.string().transform((mount) => {
	const [source = "", target = "", mode = "rw"] = mount.split(":");
	return { source, target, readOnly: mode.split(",").includes("ro") };
});

const composeSchema = z.object({
	services: z.record(
		z.string(),
		z.object({
			env_file: z.union([z.string(), z.array(z.string())]).optional(),
			environment: z.record(z.string(), z.string()).optional(),
			volumes: z.array(mountSchema).optional(),
			ports: z.array(z.string()).optional(),
		}),
	),
});

const image = runtimeImage(readFileSync("Dockerfile", "utf8"));
const compose = composeSchema.parse(parseYaml(readFileSync("compose.yaml", "utf8")));
const bot = compose.services.bot;
const example = parseEnv(readFileSync(".env.example", "utf8")) as Record<string, string>;
const filledExample = { ...example, DISCORD_TOKEN: "abc.def" };

/** A .env kept from an older example or written for npm start on the host. */
const hostDotEnv = {
	DISCORD_TOKEN: "abc.def",
	DATA_DIR: "./var",
	BANKS_DIR: "./my-banks",
	REDIS_URL: "redis://127.0.0.1:6379",
	HEALTH_PORT: "",
	LOG_LEVEL: "",
};

/** The bot's configuration in the container, as `docker run --env-file .env` or compose would give it. */
const underDockerRun = (dotEnv: Record<string, string>) => loadConfig({ ...image.env, ...dotEnv });
const underCompose = (dotEnv: Record<string, string>) =>
	loadConfig({ ...image.env, ...dotEnv, ...(bot?.environment ?? {}) });

/** `docker compose` (the plugin) or `docker-compose`, whichever answers; `config` needs no engine. */
function composeCommand(): string[] | undefined {
	for (const command of [["docker", "compose"], ["docker-compose"]]) {
		const [program = "", ...args] = command;
		if (spawnSync(program, [...args, "version"], { stdio: "ignore" }).status === 0) return command;
	}
	return undefined;
}

describe("Docker: the image and compose.yaml", () => {
	it("GIVEN compose.yaml THEN the bot service reads .env, which the image never contains", () => {
		expect([bot?.env_file].flat()).toContain(".env");
		const ignored = readFileSync(".dockerignore", "utf8").split("\n");
		expect(ignored).toContain(".env");
	});

	it("GIVEN .env.example THEN it sets none of the variables the image sets, so the image's values stand", () => {
		const setByImage = Object.keys(image.env).filter((name) => name in example);
		expect(setByImage).toEqual([]);
		const config = underDockerRun(filledExample);
		expect(config.DATA_DIR).toBe("/data");
		expect(config.HEALTH_PORT).toBe(8080);
	});

	it.each([
		["the example", filledExample],
		["a host's .env", hostDotEnv],
		["blank paths", { DISCORD_TOKEN: "abc.def", DATA_DIR: "", BANKS_DIR: "" }],
	])("GIVEN docker run with %s THEN the embedded store is in a volume the node user owns", (_, dotEnv) => {
		const dataDir = inContainer(image, underDockerRun(dotEnv).DATA_DIR);
		expect(image.volumes.some((volume) => within(dataDir, volume))).toBe(true);
		expect(image.ownedByNode.some((owned) => within(dataDir, owned))).toBe(true);
	});

	it("GIVEN docker run without a bank mount THEN the bot reads the banks copied into the image", () => {
		const banksDir = inContainer(image, underDockerRun(filledExample).BANKS_DIR);
		expect(image.copied.some((copied) => within(banksDir, copied))).toBe(true);
		expect(readdirSync("data/banks").some((file) => file.endsWith(".yaml"))).toBe(true);
	});

	it.each([
		["the example", filledExample],
		["a host's .env", hostDotEnv],
	])(
		"GIVEN docker compose with %s THEN the bot uses compose's Redis, the mounted banks and the published health port",
		(_, dotEnv) => {
			const config = underCompose(dotEnv);
			expect(config.REDIS_URL).toBe("redis://redis:6379");
			expect(Object.keys(compose.services)).toContain("redis");

			const banksDir = inContainer(image, config.BANKS_DIR);
			const mount = bot?.volumes?.find((volume) => volume.target === banksDir);
			expect(mount).toEqual({ source: "./data/banks", target: banksDir, readOnly: true });
			expect(existsSync(mount?.source ?? "")).toBe(true);

			expect(config.HEALTH_PORT).toBe(8080);
			expect(image.exposed).toContain("8080");
			expect(bot?.ports?.map((port) => port.split(":").at(-1))).toContain("8080");
		},
	);

	const composeCli = composeCommand();
	it.skipIf(!composeCli)(
		"GIVEN the filled example as .env THEN docker compose config gives the bot the environment worked out here",
		() => {
			const project = mkdtempSync(join(tmpdir(), "dojo-compose-"));
			copyFileSync("compose.yaml", join(project, "compose.yaml"));
			mkdirSync(join(project, "data", "banks"), { recursive: true });
			const dotEnv = readFileSync(".env.example", "utf8").replace(/^DISCORD_TOKEN=$/m, "DISCORD_TOKEN=abc.def");
			writeFileSync(join(project, ".env"), dotEnv);
			const [program = "", ...args] = composeCli ?? [];
			const result = spawnSync(program, [...args, "config"], { cwd: project, encoding: "utf8" });
			expect(result.stderr).toBe("");
			const resolved = composeSchema.parse(parseYaml(result.stdout));
			const environment = resolved.services.bot?.environment ?? {};
			expect(environment).toEqual({ ...filledExample, ...bot?.environment });
			expect(loadConfig({ ...image.env, ...environment })).toEqual(underCompose(filledExample));
		},
		// The Python docker-compose takes seconds just to start on a busy machine.
		60_000,
	);
});
