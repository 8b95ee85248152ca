import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateCorpus } from "../scripts/generate-corpus.js";
import { createApplication, type Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { deserializeBm25Index } from "../src/search/bm25-snapshot.js";
import { MANIFEST_FILE_NAME } from "../src/search/hnsw-index.js";
import { readIndexManifest } from "../src/search/index-manifest.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { createJiebaTokenizer } from "../src/text/jieba-tokenizer.js";
import { startWebServer, type WebServer } from "../src/web/start-web-server.js";
import { startCliProcess, waitUntil, type CliProcess } from "./helpers/cli-process.js";
import { blankConfiguration, runCliInProcess } from "./helpers/run-cli.js";
import { copySamples, sampleApplication, samplesWithout } from "./helpers/sample-application.js";

/**
 * Another process working on this process's data directory: ingests racing on a new one, and a
 * running server answering from what the other process ingested. The other process is one child
 * running the CLI program, loaded once for every test here.
 */

/** The CLI runs offline, whatever the developer's shell or .env says. */
const OFFLINE_ENV = { ...blankConfiguration(), LOG_LEVEL: "warn" };
const config = loadConfig({ LOG_LEVEL: "silent" });
const logger = createLogger({ level: "silent" });

let other: CliProcess;
beforeAll(async () => {
  const loadedHere = (async () => {
    await import("../src/app/open-search-stack.js");
    createJiebaTokenizer().tokenize("预热");
  })();
  other = await startCliProcess({ env: OFFLINE_ENV });
  await loadedHere;
}, 60_000);
afterAll(async () => {
  expect(await other.close()).toBe(0);
  expect(other.stderr()).toBe("");
});

let application: Application | undefined;
let server: WebServer | undefined;
afterEach(async () => {
  await server?.close();
  application?.close();
  server = undefined;
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

/**
 * Two processes at once: the other one and this test's own. The ingests of a step start at a shared
 * instant, both processes having loaded the same modules first.
 */
describe("ingests running at the same time", () => {
  /** An instant both processes reach after the other one got its request, to start on together. */
  const shortlyAfterNow = () => Date.now() + 250;

  /** What the child's `ingest` request does, in this process: store the file, sync and save the index. */
  async function ingestHere(options: { dataDir: string; file: string; startAt: number }) {
    let warnings = "";
    await waitUntil(options.startAt);
    const here = await createApplication({ config: loadConfig({ LOG_LEVEL: "warn" }), dataDir: options.dataDir, logger: createLogger({ level: "warn", destination: { write: (text) => (warnings += text) } }), chatModel: null });
    try {
      const result = await here.ingest({ paths: [options.file] });
      await here.flush();
      return { documents: result.documents.length, failed: result.failed, synced: result.index?.updated === true, warnings };
    } finally {
      here.close();
    }
  }

  it("all succeed when started at the same instant on a new data directory, round after round", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "same-instant-"));
    const rounds = 2;
    const files = generateCorpus({ count: 2, seed: 5, outDir: mkdtempSync(path.join(tmpdir(), "same-instant-corpus-")) });
    for (let round = 0; round < rounds; round += 1) {
      const dataDir = path.join(folder, `data-${round}`);
      const startAt = shortlyAfterNow();
      const [there, here] = await Promise.all([other.ingest({ dataDir, file: files[0]!, startAt }), ingestHere({ dataDir, file: files[1]!, startAt })]);
      expect(there).toEqual({ documents: 1, failed: [], synced: true });
      expect(here).toEqual({ documents: 1, failed: [], synced: true, warnings: "" });
    }
    expect(other.stderr()).toBe("");
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
    const ingest = (folder: string) => ["--data-dir", dataDir, "ingest", folder, "--json"];

    const startAt = shortlyAfterNow();
    const results = await Promise.all([
      other.run(ingest(folders[0]!), { startAt }),
      waitUntil(startAt).then(() => runCliInProcess(ingest(folders[1]!), { env: OFFLINE_ENV })),
    ]);
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

async function ask(question: string): Promise<{ answer: string; citations: { date: string; departments: string[] }[] }> {
  const response = await fetch(`${server!.url}api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { answer: string; citations: { date: string; departments: string[] }[] };
}

/** Samples without one file, the application and web server running on them, a copy of the others to change, and the held-back file in its own folder. */
async function serveSamplesWithout(file: string): Promise<{ dataDir: string; folder: string; heldBack: string }> {
  const folder = copySamples();
  const heldBack = mkdtempSync(path.join(tmpdir(), "held-back-"));
  renameSync(path.join(folder, file), path.join(heldBack, file));
  const opened = await sampleApplication({ paths: samplesWithout(file) });
  application = opened.application;
  server = await startWebServer({ application, config, port: 0, host: "127.0.0.1", chatModel: null, logger });
  return { dataDir: opened.dataDir, folder, heldBack: path.join(heldBack, file) };
}

describe("a running server beside `cli ingest` in another process", () => {
  it("answers from an issue the CLI ingested while it was running", async () => {
    const { dataDir, heldBack } = await serveSamplesWithout("2026-15.md");
    const question = "区市场监管局全年新设立经营主体多少户？";
    expect((await ask(question)).answer).not.toContain("4862");

    const ingest = await other.run(["--data-dir", dataDir, "ingest", heldBack]);
    expect(ingest.code).toBe(0);
    const started = performance.now();
    const answer = await ask(question);
    expect(answer.answer).toContain("4862户");
    expect(answer.citations[0]!.date).toBe("2026-04-09");
    expect(performance.now() - started).toBeLessThan(5000);
  }, 60_000);

  it("answers questions about a replaced issue from its new text, never with an empty answer", async () => {
    const { dataDir, folder } = await serveSamplesWithout("2026-15.md");
    const questions = ["工业路街道暖冬行动组成了多少个走访小组？", "区应急管理局元旦以来组织了多少场应急演练？", "区市场监管局抽检年货食品多少批次？", "峡窝镇盘活闲置资产多少处？"];
    const figures = ["25个走访小组", "14场次", "215批次", "36处"];
    expect((await ask(questions[0]!)).answer).toContain("21个走访小组");

    const changed = path.join(folder, "2026-03.txt");
    writeFileSync(changed, readFileSync(changed, "utf8").replace("21 个走访小组", "25 个走访小组"));
    const ingest = await other.run(["--data-dir", dataDir, "ingest", changed]);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toContain("已替换");

    // Asked at once: they share one sync of the index.
    const answers = await Promise.all(questions.map((question) => ask(question)));
    for (const [index, answer] of answers.entries()) {
      expect(answer.answer).toContain(figures[index]);
      expect(answer.citations.map((citation) => citation.date)).toContain("2026-01-15");
    }
    expect(answers[0]!.answer).not.toContain("21个走访小组");
  }, 60_000);
});
