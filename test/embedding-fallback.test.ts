import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplication, type Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { startWebServer } from "../src/web/start-web-server.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "./fakes/fake-openai-server.js";
import { closedPort } from "./helpers/network.js";
import { runCliInProcess } from "./helpers/run-cli.js";
import { SAMPLES } from "./helpers/sample-application.js";

const QUESTION = "区农委春耕落实了多少亩小麦？";
const EMBEDDINGS = "POST /v1/embeddings";

let dataDir: string;
let embeddings: FakeOpenAiServer;
let downUrl: string;

/** Configuration with the embeddings endpoint at `baseUrl`; answers are extractive (no LLM). */
const configFor = (baseUrl: string) =>
  loadConfig({ LOG_LEVEL: "silent", EMBEDDING_BASE_URL: baseUrl, EMBEDDING_MODEL: "fake-embed", EMBEDDING_QUERY_TIMEOUT_MS: "1000" });

/** A logger that keeps its entries for the test to read. */
function recordingLogger() {
  const entries: { level: number; msg: string }[] = [];
  return { entries, logger: pino({ level: "warn" }, { write: (line: string) => void entries.push(JSON.parse(line) as { level: number; msg: string }) }) };
}

/** An application on the shared data directory and a web server on it; resolves to the web API's reply and how long it took. */
async function askOverHttp(options: { baseUrl: string }) {
  const { entries, logger } = recordingLogger();
  const config = configFor(options.baseUrl);
  const application: Application = await createApplication({ config, dataDir, logger });
  const server = await startWebServer({ application, config, port: 0, host: "127.0.0.1", chatModel: null, logger });
  try {
    const started = performance.now();
    const response = await fetch(`${server.url}api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: QUESTION }) });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as { answer: string }, milliseconds: performance.now() - started, entries };
  } finally {
    await server.close();
    application.close();
  }
}

beforeAll(async () => {
  embeddings = await startFakeOpenAiServer();
  // Another loopback address: nothing listens there, and its host cannot be the web server's own (a freed port may be handed to it).
  downUrl = `http://127.0.0.2:${await closedPort()}/v1`;
  dataDir = mkdtempSync(path.join(tmpdir(), "embedding-fallback-"));
  const store = createBulletinStore({ dataDir });
  await ingestFiles({ store, paths: [SAMPLES] });
  store.close();
  // The index is built while the endpoint is up.
  const application = await createApplication({ config: configFor(embeddings.baseUrl), dataDir, logger: recordingLogger().logger });
  expect((await application.search()).index.vectors.size()).toBeGreaterThan(0);
  application.close();
});
afterAll(async () => {
  await embeddings.close();
});

describe("questions while the embeddings endpoint fails", () => {
  it("are answered by keyword when it is down, its address only in the log", async () => {
    const { status, text, body, entries } = await askOverHttp({ baseUrl: downUrl });
    expect(status).toBe(200);
    expect(body.answer).toContain("5.2万亩");
    expect(text).not.toContain(new URL(downUrl).host);
    expect(text).not.toContain("向量模型");
    expect(entries.map((entry) => entry.msg)).toContain("question embedding failed; searching by keyword only");
  });

  it("are answered within a few seconds when it hangs", async () => {
    const before = embeddings.requestsTo(EMBEDDINGS).length;
    embeddings.route(EMBEDDINGS, () => new Promise<void>(() => undefined));
    const { status, body, milliseconds } = await askOverHttp({ baseUrl: embeddings.baseUrl });
    expect(embeddings.requestsTo(EMBEDDINGS).length).toBeGreaterThan(before);
    expect(status).toBe(200);
    expect(body.answer).toContain("5.2万亩");
    expect(milliseconds).toBeLessThan(4000);
  });

  it("are answered by `ask` in another process when it is down", async () => {
    const result = await runCliInProcess(["--data-dir", dataDir, "ask", QUESTION], {
      env: { EMBEDDING_BASE_URL: downUrl, EMBEDDING_MODEL: "fake-embed", LLM_BASE_URL: "", LLM_MODEL: "" },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("5.2万亩");
    expect(result.stdout).not.toContain(new URL(downUrl).host);
    expect(result.stderr).toContain("question embedding failed");
  }, 60_000);
});
