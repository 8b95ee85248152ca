import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateCorpus } from "../scripts/generate-corpus.js";
import { createApplication, type Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { deserializeBm25Index } from "../src/search/bm25-snapshot.js";
import { MANIFEST_FILE_NAME } from "../src/search/hnsw-index.js";
import { readIndexManifest } from "../src/search/index-manifest.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { createJiebaTokenizer } from "../src/text/jieba-tokenizer.js";
import { blankConfiguration, ensureBuilt, ROOT, runCliProcess as runCli } from "./helpers/run-cli.js";

/** The CLI children run offline, whatever the developer's shell or .env says. */
const OFFLINE_ENV = { ...blankConfiguration(), LOG_LEVEL: "warn" };
const logger = createLogger({ level: "silent" });

let application: Application | undefined;
afterEach(() => {
  application?.close();
  application = undefined;
});

/** Asserts that the saved index files hold exactly the store's chunks, before anything here could sync them. */
function expectIndexFilesComplete(dataDir: string, documents: number): void {
  const store = createBulletinStore({ dataDir });
  const chunkIds = (store.database.prepare("SELECT id FROM chunks ORDER BY id").all() as { id: number }[]).map((row) => row.id);
  expect(store.counts().documents).toBe(documents);
  store.close();
  expect(chunkIds.length).toBeGreaterThanOrEqual(documents);
  const manifest = readIndexManifest({ path: path.join(dataDir, "index", MANIFEST_FILE_NAME) })!;
  expect(manifest.labelIds.filter((id) => id !== null).sort((left, right) => left! - right!)).toEqual(chunkIds);
  const lexical = deserializeBm25Index({ bytes: readFileSync(path.join(dataDir, "index", "lexical.bin")), tokenizer: createJiebaTokenizer() });
  expect(lexical.ids()).toEqual(chunkIds);
}

describe("ingests running at the same time", () => {
  it("all succeed when started at the same instant on a new data directory, round after round", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "same-instant-"));
    const rounds = 2;
    ensureBuilt();
    const files = generateCorpus({ count: 2, seed: 5, outDir: mkdtempSync(path.join(tmpdir(), "same-instant-corpus-")) });
    const children = files.map((file) => {
      const child = spawn(process.execPath, [path.join(ROOT, "test/helpers/ingest-on-signal.mjs"), folder, String(rounds), file], {
        cwd: ROOT, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...OFFLINE_ENV }, stdio: ["ignore", "pipe", "pipe"],
      });
      const output = { stdout: "", stderr: "", lines: () => output.stdout.split("\n").filter(Boolean) };
      child.stdout.on("data", (chunk: Buffer) => (output.stdout += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (output.stderr += chunk.toString("utf8")));
      const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
      /** Resolves once the child has printed `count` lines (or exited). */
      const printed = (count: number) =>
        new Promise<void>((resolve) => {
          const check = () => (output.lines().length >= count || child.exitCode !== null) && resolve();
          child.stdout.on("data", check);
          child.on("close", check);
          check();
        });
      return { process: child, output, exited, printed };
    });
    try {
      for (let round = 0; round < rounds; round += 1) {
        await Promise.all(children.map((child) => child.printed(round + 1)));
        writeFileSync(path.join(folder, `go-${round}`), "");
      }
      for (const child of children) {
        const code = await child.exited;
        expect(code).toBe(0);
        expect(child.output.stderr).toBe("");
        expect(child.output.lines().slice(1).map((line) => JSON.parse(line))).toEqual(
          Array.from({ length: rounds }, (_, round) => ({ round, documents: 1, failed: [], synced: true })),
        );
      }
    } finally {
      // A child left waiting for its next round spins: never leave one behind.
      for (const child of children) if (child.process.exitCode === null) child.process.kill("SIGKILL");
    }
    for (let round = 0; round < rounds; round += 1) expectIndexFilesComplete(path.join(folder, `data-${round}`), files.length);
  }, 120_000);

  it("two `cli ingest` processes both succeed on a new data directory and leave one complete index", async () => {
    const corpus = mkdtempSync(path.join(tmpdir(), "concurrent-corpus-"));
    const files = generateCorpus({ count: 10, seed: 11, outDir: corpus });
    const folders = [0, 1].map((index) => {
      const folder = path.join(corpus, `part-${index}`);
      mkdirSync(folder);
      return folder;
    });
    files.forEach((file, index) => renameSync(file, path.join(folders[index % folders.length]!, path.basename(file))));
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "concurrent-")), "var");

    const results = await Promise.all(folders.map((folder) => runCli(["--data-dir", dataDir, "ingest", folder, "--json"], { env: OFFLINE_ENV })));
    for (const result of results) {
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).documents).toHaveLength(5);
    }

    expectIndexFilesComplete(dataDir, 10);
    application = await createApplication({ config: loadConfig({}), dataDir, logger });
    expect(await (await application.search()).index.sync()).toEqual({ added: 0, removed: 0 });
  }, 120_000);
});
