/**
 * BM25 benchmark: 10,000 items made of sentences from the bundled samples (and ../shared/corpus
 * where present), then the staff questions of test/fixtures/questions.jsonl and a few short ones.
 * Prints build time and query latency p50/p95/max.
 *
 *   npx tsx scripts/bench-bm25.ts [--items 10000]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBm25Index, type Bm25Document } from "../src/search/bm25-index.js";
import { createJiebaTokenizer } from "../src/text/jieba-tokenizer.js";

const { values } = parseArgs({ options: { items: { type: "string", default: "10000" } } });
const root = path.resolve(import.meta.dirname, "..");
const folders = [path.join(root, "data/samples"), path.resolve(root, "../shared/corpus")].filter((folder) => existsSync(folder));
const text = folders.flatMap((folder) => readdirSync(folder).map((file) => readFileSync(path.join(folder, file), "utf8"))).join("\n");
const sentences = text.split(/[。！？\n]/).map((sentence) => sentence.trim()).filter((sentence) => sentence.length > 8);

let seed = 42;
const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const pick = (): string => sentences[Math.floor(random() * sentences.length)] ?? "";
const documents: Bm25Document[] = [];
for (let id = 1; id <= Number(values.items); id += 1) {
  documents.push({ id, fields: { title: pick().slice(0, 30) }, text: Array.from({ length: 3 + Math.floor(random() * 8) }, pick).join("。") });
}

const tokenizer = createJiebaTokenizer();
const index = createBm25Index({ tokenizer });
const buildStarted = performance.now();
index.add(documents);
const buildMilliseconds = performance.now() - buildStarted;

const questions = readFileSync(path.join(root, "test/fixtures/questions.jsonl"), "utf8").trim().split("\n").map((line) => (JSON.parse(line) as { question: string }).question);
const queries = [...questions, "上街区", "志愿服务", "矛盾纠纷化解", "网格员 城运中心 12345热线", "国家卫生城市 创卫"];
const durations: number[] = [];
for (let round = 0; round < 10; round += 1) {
  for (const query of queries) {
    const started = performance.now();
    index.search({ query, k: 20 });
    durations.push(performance.now() - started);
  }
}
durations.sort((left, right) => left - right);
const percentile = (share: number): string => (durations[Math.floor(share * (durations.length - 1))] ?? 0).toFixed(2);
console.log(`bm25: ${index.size()} items built in ${buildMilliseconds.toFixed(0)} ms; query p50 ${percentile(0.5)} ms, p95 ${percentile(0.95)} ms, max ${percentile(1)} ms over ${durations.length} queries`);
