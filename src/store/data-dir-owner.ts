import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === "EPERM";
	}
}

/**
 * Makes this process the one user of an embedded store file. The SQLite build locks the file with a
 * `<file>.lock` directory that a crashed process leaves behind, which would keep the database locked
 * for ever; a pid file tells a leftover lock from one a live process holds. Returns the release.
 */
export function claimStoreFile(file: string): () => void {
	const pidFile = `${file}.pid`;
	const previous = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").trim()) : Number.NaN;
	if (Number.isInteger(previous) && previous > 0 && previous !== process.pid && isRunning(previous)) {
		throw new Error(`${file} is in use by process ${previous}; run one bot per DATA_DIR, or several on one REDIS_URL`);
	}
	rmSync(`${file}.lock`, { recursive: true, force: true });
	writeFileSync(pidFile, String(process.pid));
	return () => {
		if (existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() === String(process.pid)) rmSync(pidFile);
	};
}
