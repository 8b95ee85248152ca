import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createApplication } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { createLogger } from "../src/log.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { startWebServer } from "../src/web/start-web-server.js";
import { SAMPLES } from "./helpers/sample-application.js";

const config = loadConfig({ LOG_LEVEL: "silent" });
const logger = createLogger({ level: "silent" });
const mode = (file: string) => statSync(file).mode & 0o777;

/** Stores the samples, opens the application (index files) and starts the web server (link secret), as `serve` does. */
async function useDataDirectory(dataDir: string): Promise<Record<string, number>> {
  const store = createBulletinStore({ dataDir });
  await ingestFiles({ store, paths: [path.join(SAMPLES, "2025-18.md")] });
  store.close();
  const application = await createApplication({ config, dataDir, logger });
  await application.search();
  const server = await startWebServer({ application, config, port: 0, host: "127.0.0.1", chatModel: null, logger });
  try {
    const files = ["", "bulletins.db", "bulletins.db-wal", "bulletins.db-shm", "link-secret", "index", graphFile(dataDir), "index/vectors.json", "index/lexical.bin", "index/sync.lock"];
    // Read while the server runs: the -wal and -shm files exist only while the database is open.
    return Object.fromEntries(files.map((file) => [file === graphFile(dataDir) ? "index/graph" : file || ".", mode(path.join(dataDir, file))]));
  } finally {
    await server.close();
    application.close();
  }
}

/** The HNSW graph file the manifest names. */
function graphFile(dataDir: string): string {
  return `index/${(JSON.parse(readFileSync(path.join(dataDir, "index/vectors.json"), "utf8")) as { indexFile: string }).indexFile}`;
}

const PRIVATE = {
  ".": 0o700, "bulletins.db": 0o600, "bulletins.db-wal": 0o600, "bulletins.db-shm": 0o600, "link-secret": 0o600,
  index: 0o700, "index/graph": 0o600, "index/vectors.json": 0o600, "index/lexical.bin": 0o600, "index/sync.lock": 0o600,
};

describe("the data directory", () => {
  it("is created readable by its owner only, and so is every file in it", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "permissions-")), "var", "data");
    expect(await useDataDirectory(dataDir)).toEqual(PRIVATE);
  });

  it("is tightened when it was made readable by others before", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "permissions-"));
    await useDataDirectory(dataDir);
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, "index"), 0o755);
    for (const file of ["bulletins.db", "link-secret", graphFile(dataDir), "index/vectors.json", "index/lexical.bin", "index/sync.lock"]) chmodSync(path.join(dataDir, file), 0o644);
    expect(await useDataDirectory(dataDir)).toEqual(PRIVATE);
  });

  it("keeps its parent folders as they were when it already existed inside them", async () => {
    const parent = mkdtempSync(path.join(tmpdir(), "permissions-"));
    chmodSync(parent, 0o755);
    const dataDir = path.join(parent, "var");
    mkdirSync(dataDir);
    writeFileSync(path.join(parent, "notes.txt"), "");
    await useDataDirectory(dataDir);
    expect(mode(parent)).toBe(0o755);
    expect(existsSync(path.join(parent, "notes.txt"))).toBe(true);
  });
});
