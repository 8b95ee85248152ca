/**
 * Search benchmark: a generated corpus of ~10,000 items is ingested and indexed, then staff
 * questions are answered in-process (warm). Prints ingest/index time, index size, latency
 * p50/p95 per question and peak RSS.
 *
 *   npm run bench:search -- --items 10000
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createApplication } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { generateCorpus } from "./generate-corpus.js";

const { values } = parseArgs({ options: { items: { type: "string", default: "10000" }, rounds: { type: "string", default: "3" } } });
const targetItems = Number(values.items);
const workDir = mkdtempSync(path.join(tmpdir(), "bench-search-"));
const corpusDir = path.join(workDir, "corpus");
const dataDir = path.join(workDir, "store");

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

// About 6.5 items per generated issue.
generateCorpus({ count: Math.ceil(targetItems / 6.5), seed: 3, outDir: corpusDir });
const store = createBulletinStore({ dataDir });
let started = performance.now();
await ingestFiles({ store, paths: [corpusDir] });
const ingestSeconds = (performance.now() - started) / 1000;
const { items } = store.counts();
store.close();

started = performance.now();
const application = await createApplication({ config: loadConfig({ LOG_LEVEL: "silent" }), dataDir, logger: createLogger({ level: "silent" }), chatModel: null, today: "2026-11-23" });
const { index } = await application.search();
const indexSeconds = (performance.now() - started) / 1000;
const answer = application.answerer();

const indexDir = path.join(dataDir, "index");
const indexBytes = readdirSync(indexDir).reduce((sum, file) => sum + statSync(path.join(indexDir, file)).size, 0);

const ownQuestions = readFileSync(path.resolve(import.meta.dirname, "../test/fixtures/questions.jsonl"), "utf8")
  .split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { question: string }).question);
const questions = [
  ...ownQuestions,
  "区应急管理局开展了多少场应急演练？", "总结工业路街道2025年的工作", "2025年第18期原文", "新安路街道老旧小区改造涉及多少户？",
  "区医保局今年追回了多少医保基金？", "峡窝镇的石榴种植面积有多大？", "区委社工部培训了多少社区工作者？",
];

for (const question of questions) await answer({ question }); // warm-up
const latencies: number[] = [];
for (let round = 0; round < Number(values.rounds); round += 1) {
  for (const question of questions) {
    const begin = performance.now();
    await answer({ question });
    latencies.push(performance.now() - begin);
  }
}
const passages = index.vectors.size();
application.close();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

latencies.sort((left, right) => left - right);
const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
console.log(`items indexed            ${items} (${passages} passages)`);
console.log(`ingest (parse + store)   ${ingestSeconds.toFixed(1)} s`);
console.log(`index (tokenize + embed) ${indexSeconds.toFixed(1)} s`);
console.log(`index size on disk       ${(indexBytes / 1024 / 1024).toFixed(1)} MiB (HNSW + BM25), database ${(statSync(path.join(dataDir, "bulletins.db")).size / 1024 / 1024).toFixed(1)} MiB`);
console.log(`ask latency (warm)       p50 ${percentile(50).toFixed(1)} ms, p95 ${percentile(95).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms over ${latencies.length} questions`);
console.log(`peak RSS                 ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
rmSync(workDir, { recursive: true, force: true });
