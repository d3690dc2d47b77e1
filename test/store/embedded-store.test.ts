import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../src/store/open-store.js";
import { storeContract } from "./store.contract.js";

const dataDir = mkdtempSync(join(tmpdir(), "dojo-embedded-"));
const open = () => openStore({ kind: "embedded", dataDir });

storeContract("embedded SQLite file", async () => ({ store: await open(), reopen: open }));
