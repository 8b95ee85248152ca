import { mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApplication, type Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { startWebServer, type WebServer } from "../src/web/start-web-server.js";
import { startCliProcess, type CliProcess } from "./helpers/cli-process.js";
import { blankConfiguration } from "./helpers/run-cli.js";
import { copySamples, sampleApplication, SAMPLES, TODAY } from "./helpers/sample-application.js";
import { createAnswerer } from "../src/answer/answer-question.js";
import { understandQuery } from "../src/query/understand-query.js";

/** The CLI children run offline, whatever the developer's shell or .env says. */
const OFFLINE_ENV = { ...blankConfiguration(), LOG_LEVEL: "warn" };
const config = loadConfig({ LOG_LEVEL: "silent" });
const logger = createLogger({ level: "silent" });

let application: Application | undefined;
let server: WebServer | undefined;
afterEach(async () => {
  await server?.close();
  application?.close();
  server = undefined;
  application = undefined;
});

async function ask(question: string): Promise<{ answer: string; citations: { date: string; departments: string[] }[] }> {
  const response = await fetch(`${server!.url}api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { answer: string; citations: { date: string; departments: string[] }[] };
}

/** Samples without one file, the application and web server running on them, and the held-back file in its own folder. */
async function serveSamplesWithout(file: string): Promise<{ dataDir: string; folder: string; heldBack: string }> {
  const folder = copySamples();
  const heldBack = mkdtempSync(path.join(tmpdir(), "held-back-"));
  renameSync(path.join(folder, file), path.join(heldBack, file));
  const opened = await sampleApplication({ paths: [folder] });
  application = opened.application;
  server = await startWebServer({ application, config, port: 0, host: "127.0.0.1", chatModel: null, logger });
  return { dataDir: opened.dataDir, folder, heldBack: path.join(heldBack, file) };
}

describe("a running server beside `cli ingest` in another process", () => {
  // The other process, with the program loaded once for both tests.
  let other: CliProcess;
  beforeAll(async () => {
    other = await startCliProcess({ env: OFFLINE_ENV });
  }, 60_000);
  afterAll(async () => {
    expect(await other.close()).toBe(0);
    expect(other.stderr()).toBe("");
  });

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

describe("hits whose items vanished between search and answer", () => {
  it("are dropped, the rest cited by their own items, and an answer with none left says nothing was found", async () => {
    const opened = await sampleApplication({ paths: [SAMPLES] });
    application = opened.application;
    const { retrieval } = await application.search();
    const units = application.units();
    const question = "区农委春耕落实了多少亩小麦？";
    // A search that still returns an item of a replaced issue (id 999999 exists no more) ahead of the real one.
    let realScore = 0;
    const withGhost = (keepReal: boolean) =>
      createAnswerer({
        catalog: application!.catalog,
        understand: ({ text }) => understandQuery({ text, today: TODAY, units }),
        retrieval: async () => ({
          ...retrieval,
          search: async (request) => {
            const result = await retrieval.search(request);
            realScore = result.hits[0]!.score;
            const ghost = { ...result.hits[0]!, itemId: 999_999, score: 0.5 };
            return { ...result, hits: keepReal ? [ghost, ...result.hits] : [ghost] };
          },
        }),
        logger,
        series: "上街信息",
      });
    const answer = await withGhost(true)({ question });
    expect(answer.answer).toMatch(/5\.2万亩[^[]*\[1\]/);
    expect(answer.citations[0]!.unit).toBe("区农委");
    expect(answer.citations[0]!.score).toBe(Math.round(realScore * 1000) / 1000);
    expect(answer.citations.map((citation) => citation.n)).toEqual(answer.citations.map((_, index) => index + 1));

    const nothing = await withGhost(false)({ question });
    expect(nothing.answer).toContain("没有找到");
    expect(nothing.citations).toEqual([]);
  });
});
