/**
 * Scale benchmark (issue 12): for generated archives of each size, the compiled program's
 * - full index build (`reindex`): wall time and peak RSS;
 * - `serve`: cold start to the first answer, idle RSS, `/api/ask` p50/p95 sequential, 8 concurrent clients;
 * - one new issue: from the start of `ingest` in another process to `serve` citing it, the longest
 *   delay of serve's event loop meanwhile (monitorEventLoopDelay, scripts/event-loop-delay.mjs) and
 *   the longest a /healthz ping waited;
 * - `ask` as a whole process: wall time and peak RSS;
 * - vector recall@10 of the saved HNSW index against exact search over the same vectors.
 *
 *   npm run bench:scale                               # 10k and 50k items
 *   npm run bench:scale -- --sizes 10k,50k,100k,200k
 *   npm run bench:scale -- --baseline /tmp/before     # another checkout's compiled program, side by side
 *
 * Ingested stores are cached per size in --cache (default $TMPDIR/bench-scale-cache) and migrated
 * to this checkout's schema; a baseline with an older schema gets a copy downgraded to its own.
 * With --keep <dir>, each program's built data directory is kept per size (with its build figures)
 * and reused by later runs, which then measure everything but the build again.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import hnswlib from "hnswlib-node";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { createHashingEmbedder } from "../src/models/hashing-embedder.js";
import { openHnswIndex } from "../src/search/hnsw-index.js";
import { readIndexManifest } from "../src/search/index-manifest.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { SCHEMA_VERSION } from "../src/store/open-database.js";
import { createJiebaTokenizer } from "../src/text/jieba-tokenizer.js";
import { generateCorpus, renderIssue, type SyntheticIssue } from "./generate-corpus.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10k,50k" },
    program: { type: "string", default: path.resolve(import.meta.dirname, "..") },
    baseline: { type: "string" },
    cache: { type: "string", default: path.join(tmpdir(), "bench-scale-cache") },
    rounds: { type: "string", default: "2" },
    keep: { type: "string" },
    seconds: { type: "string", default: "10" },
  },
});
const sizes = values.sizes.split(",").map((size) => Number(size.trim().replace(/k$/i, "000")));
const programs = [...(values.baseline ? [path.resolve(values.baseline)] : []), path.resolve(values.program)];

/** Undoes one migration, so a baseline built before it can open the store: version → SQL back to version - 1. */
const DOWNGRADES: Record<number, string> = {
  7: `DROP TRIGGER items_units_insert; DROP TRIGGER items_units_update; DROP TABLE item_units;
      DROP INDEX documents_order; DROP INDEX documents_issue_number;`,
  8: "DROP INDEX documents_series;",
  9: "DROP TRIGGER chunks_deleted; DROP TABLE chunk_deletions;",
  11: "DROP INDEX documents_listing; DROP INDEX documents_kind; DROP INDEX items_counting;",
  10: `DROP TRIGGER items_units_insert; DROP TRIGGER items_units_update; DROP TRIGGER documents_date_update; DROP INDEX item_units_listing;
       ALTER TABLE item_units DROP COLUMN document_id; ALTER TABLE item_units DROP COLUMN position; ALTER TABLE item_units DROP COLUMN date;
       CREATE TRIGGER items_units_insert AFTER INSERT ON items BEGIN INSERT INTO item_units (item_id, unit) SELECT NEW.id, value FROM json_each(NEW.units); END;
       CREATE TRIGGER items_units_update AFTER UPDATE OF units ON items BEGIN DELETE FROM item_units WHERE item_id = NEW.id;
         INSERT INTO item_units (item_id, unit) SELECT NEW.id, value FROM json_each(NEW.units); END;`,
};

function schemaOf(program: string): number {
  return Number(/SCHEMA_VERSION = (\d+)/.exec(readFileSync(path.join(program, "src/store/open-database.ts"), "utf8"))?.[1]);
}
const blankEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "warn", TZ: "Asia/Shanghai" };

const OWN_QUESTIONS = readFileSync(path.resolve(import.meta.dirname, "../test/fixtures/questions.jsonl"), "utf8")
  .split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { question: string }).question);
/** Questions about the generated archive: units, a half-year, an issue, and none of these. */
const QUESTIONS = [
  ...OWN_QUESTIONS,
  "区应急管理局开展了多少场应急演练？", "新安路街道老旧小区改造涉及多少户？", "区医保局追回了多少医保基金？",
  "区委社工部培训了多少社区工作者？", "注册志愿者有多少人？", "反诈预警信息推送了多少条？", "2025年上半年区教育局新增了多少学位？",
  "2026年第3期原文", "家庭医生签约率是多少？", "春风行动提供了多少个岗位？",
];

interface Row {
  program: string;
  items: number;
  buildSeconds: number;
  buildPeakMiB: number;
  idleMiB: number;
  firstAnswerSeconds: number;
  sequential: { p50: number; p95: number };
  concurrent: { perSecond: number; p95: number };
  newIssue: { searchableSeconds: number; longestPingMs: number; eventLoopMaxMs: number };
  cliAsk: { seconds: number; peakMiB: number };
  recall: { ids: number; withTies: number; queries: number };
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const sortNumbers = (list: number[]) => [...list].sort((left, right) => left - right);

/** Peak (VmHWM) and current (VmRSS) resident memory of a live process, in MiB. */
function memoryOf(pid: number): { peak: number; current: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
    return { peak: field("VmHWM"), current: field("VmRSS") };
  } catch {
    return { peak: 0, current: 0 };
  }
}

/** Runs the program to completion, sampling its peak RSS. */
async function runProgram(options: { main: string; args: string[]; env: Record<string, string> }): Promise<{ seconds: number; peakMiB: number; stdout: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [options.main, ...options.args], { env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let peakMiB = 0;
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, memoryOf(child.pid!).peak)), 50);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`${options.args.join(" ")} exited with ${code}: ${stderr}`);
  return { seconds: (performance.now() - started) / 1000, peakMiB, stdout };
}

/** An ingested store of `items` generated items at this checkout's schema, built once per size. */
async function cachedStore(items: number): Promise<string> {
  const directory = path.join(values.cache, String(items));
  const database = path.join(directory, "bulletins.db");
  if (existsSync(database)) {
    // Migrated forward in place when this checkout's schema is newer.
    createBulletinStore({ dataDir: directory }).close();
    return database;
  }
  const scratch = mkdtempSync(path.join(tmpdir(), "bench-scale-ingest-"));
  try {
    // About 6.5 items per generated issue.
    generateCorpus({ count: Math.ceil(items / 6.5), seed: 3, outDir: path.join(scratch, "corpus") });
    const store = createBulletinStore({ dataDir: path.join(scratch, "store") });
    const started = performance.now();
    await ingestFiles({ store, paths: [path.join(scratch, "corpus")] });
    store.database.pragma("wal_checkpoint(TRUNCATE)");
    console.error(`  ingested ${store.counts().items} items in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    store.close();
    mkdirSync(directory, { recursive: true });
    copyFileSync(path.join(scratch, "store/bulletins.db"), `${database}.tmp`);
    renameSync(`${database}.tmp`, database);
    return database;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** fetch, again once when a kept-alive connection was closed under it (the server's keep-alive timer fires late after a long block). */
async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

async function ask(url: string, question: string): Promise<{ ms: number; sources: string[] }> {
  const started = performance.now();
  const response = await request(`${url}api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  const body = (await response.json()) as { citations?: { source: string }[] };
  if (!response.ok) throw new Error(`/api/ask answered ${response.status}`);
  return { ms: performance.now() - started, sources: (body.citations ?? []).map((citation) => citation.source) };
}

const EVENT_LOOP_PRELOAD = path.resolve(import.meta.dirname, "event-loop-delay.mjs");

function startServe(options: { main: string; env: Record<string, string> }): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [`--import=${pathToFileURL(EVENT_LOOP_PRELOAD).href}`, options.main, "serve"], { env: { ...options.env, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let output = "";
    server.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const found = /http:\/\/[0-9.]+:\d+\//.exec(output);
      if (found) resolve({ server, url: found[0] });
    });
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

/** An issue unlike the generated ones, so a question finds it and nothing else. */
function newIssue(): SyntheticIssue {
  const item = { kind: "report" as const, unit: "区科技局", title: "区科技局启动量子芯片孵化计划", body: "首批遴选量子芯片团队 17 个，落地孵化资金 3860 万元。", date: "2026-12-31" };
  return { year: 2027, issue: 1, date: "2026-12-31", editors: ["周明远", "韩晓璐"], items: [item] };
}

/** The longest event-loop delay `serve` saw since the last call (scripts/event-loop-delay.mjs). */
async function eventLoopMax(server: ChildProcess, file: string): Promise<number> {
  rmSync(file, { force: true });
  server.kill("SIGUSR2");
  for (let attempt = 0; attempt < 100 && !existsSync(file); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return (JSON.parse(readFileSync(file, "utf8")) as { maxMs: number }).maxMs;
}

async function measureNewIssue(options: { main: string; url: string; env: Record<string, string>; dataDir: string; server: ChildProcess }): Promise<Row["newIssue"]> {
  const delays = path.join(options.dataDir, "event-loop-delay.json");
  await eventLoopMax(options.server, delays);
  const file = path.join(options.dataDir, "2027-01.txt");
  writeFileSync(file, renderIssue({ issue: newIssue(), format: "txt" }));
  let longestPingMs = 0;
  let pinging = true;
  const pinger = (async () => {
    while (pinging) {
      const started = performance.now();
      await request(`${options.url}healthz`);
      longestPingMs = Math.max(longestPingMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  const ingest = spawn(process.execPath, [options.main, "ingest", file, "--json"], { env: options.env, stdio: "ignore" });
  let searchableSeconds = Number.NaN;
  for (let attempt = 0; attempt < 1200; attempt += 1) {
    const { sources } = await ask(options.url, "量子芯片孵化计划落地了多少孵化资金？");
    if (sources.includes("2027-01.txt")) {
      searchableSeconds = (performance.now() - started) / 1000;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => (ingest.exitCode === null ? ingest.on("exit", resolve) : resolve(undefined)));
  pinging = false;
  await pinger;
  return { searchableSeconds, longestPingMs, eventLoopMaxMs: await eventLoopMax(options.server, delays) };
}

/** recall@10 of the saved HNSW index (unfiltered search) against exact cosine over the very vectors it stores. */
async function vectorRecall(dataDir: string): Promise<Row["recall"]> {
  const directory = path.join(dataDir, "index");
  const manifest = readIndexManifest({ path: path.join(directory, "vectors.json") })!;
  const index = openHnswIndex({ directory, embedder: manifest.embedder });
  // One graph, or shards: label l is shard l % shards' label ⌊l / shards⌋.
  const files = manifest.shards?.map((shard) => shard.file) ?? [manifest.indexFile ?? "vectors.hnsw"];
  const graphs = files.map((file) => {
    const graph = new hnswlib.HierarchicalNSW("cosine", manifest.embedder.dimensions);
    graph.readIndexSync(path.join(directory, file));
    return graph;
  });
  const labels = manifest.labelIds.flatMap((id, label) => (id === null ? [] : [{ id, label }]));
  const dimensions = manifest.embedder.dimensions;
  const stored = new Float32Array(labels.length * dimensions);
  labels.forEach(({ label }, row) => stored.set(graphs[label % graphs.length]!.getPoint(Math.floor(label / graphs.length)), row * dimensions));

  const tokenizer = createJiebaTokenizer();
  const embedder = createHashingEmbedder({ tokenizer, dimensions });
  const queries = await embedder.embed({ texts: QUESTIONS });
  // Passages as questions too: 100 stored vectors spread over the archive.
  for (let sample = 0; sample < 100; sample += 1) {
    const row = Math.floor(((sample + 0.5) / 100) * labels.length);
    queries.push(Array.from(stored.subarray(row * dimensions, (row + 1) * dimensions)));
  }
  let idHits = 0;
  let tieHits = 0;
  let counted = 0;
  for (const query of queries) {
    const length = Math.hypot(...query);
    if (length === 0) continue;
    const scores = new Float64Array(labels.length);
    for (let row = 0; row < labels.length; row += 1) {
      let score = 0;
      for (let position = 0; position < dimensions; position += 1) score += (query[position]! / length) * stored[row * dimensions + position]!;
      scores[row] = score;
    }
    const exact = labels.map((entry, row) => ({ id: entry.id, score: scores[row]! })).sort((left, right) => right.score - left.score || left.id - right.id).slice(0, 10);
    const approximate = index.search({ vector: query, k: 10 });
    const exactIds = new Set(exact.map((hit) => hit.id));
    const tenth = exact.at(-1)?.score ?? 0;
    idHits += approximate.filter((hit) => exactIds.has(hit.id)).length;
    // A neighbour as close as the exact 10th is as good an answer: generated passages repeat.
    tieHits += approximate.filter((hit) => exactIds.has(hit.id) || hit.score >= tenth - 1e-6).length;
    counted += exact.length;
  }
  return { ids: idHits / counted, withTies: tieHits / counted, queries: queries.length };
}

async function measure(options: { items: number; program: string }): Promise<Row> {
  const { items, program } = options;
  const main = path.join(program, "bin/bulletin-bot.js");
  const cached = await cachedStore(items);
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-scale-"));
  const env = { ...blankEnv, DATA_DIR: dataDir, EVENT_LOOP_DELAY_FILE: path.join(dataDir, "event-loop-delay.json") };
  try {
    const kept = values.keep ? path.join(values.keep, `${path.basename(program)}-${items}`) : undefined;
    let build: { seconds: number; peakMiB: number };
    if (kept && existsSync(path.join(kept, "build.json"))) {
      cpSync(kept, dataDir, { recursive: true });
      build = JSON.parse(readFileSync(path.join(kept, "build.json"), "utf8")) as typeof build;
      console.error(`  build kept from ${kept}: ${build.seconds.toFixed(1)} s, peak ${build.peakMiB.toFixed(0)} MiB`);
    } else {
      copyFileSync(cached, path.join(dataDir, "bulletins.db"));
      const database = new Database(path.join(dataDir, "bulletins.db"));
      for (let version = SCHEMA_VERSION; version > schemaOf(program); version -= 1) {
        database.exec(DOWNGRADES[version]!);
        database.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(version - 1));
      }
      database.close();
      const built = await runProgram({ main, args: ["reindex", "--json"], env });
      build = { seconds: built.seconds, peakMiB: built.peakMiB };
      console.error(`  build ${build.seconds.toFixed(1)} s, peak ${build.peakMiB.toFixed(0)} MiB`);
      if (kept) {
        rmSync(kept, { recursive: true, force: true });
        cpSync(dataDir, kept, { recursive: true });
        writeFileSync(path.join(kept, "build.json"), JSON.stringify(build));
      }
    }

    const started = performance.now();
    const { server, url } = await startServe({ main, env });
    try {
      await ask(url, QUESTIONS[0]!);
      const firstAnswerSeconds = (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const idleMiB = memoryOf(server.pid!).current;

      for (const question of QUESTIONS) await ask(url, question);
      const latencies: number[] = [];
      for (let round = 0; round < Number(values.rounds); round += 1) {
        for (const question of QUESTIONS) latencies.push((await ask(url, question)).ms);
      }
      const sequential = sortNumbers(latencies);

      const concurrentLatencies: number[] = [];
      const deadline = performance.now() + Number(values.seconds) * 1000;
      const concurrentStart = performance.now();
      await Promise.all(Array.from({ length: 8 }, async (_, client) => {
        for (let next = client; performance.now() < deadline; next += 8) concurrentLatencies.push((await ask(url, QUESTIONS[next % QUESTIONS.length]!)).ms);
      }));
      const concurrentSeconds = (performance.now() - concurrentStart) / 1000;
      const concurrent = sortNumbers(concurrentLatencies);

      const newIssueFigures = await measureNewIssue({ main, url, env: { ...env, EVENT_LOOP_DELAY_FILE: path.join(dataDir, "event-loop-delay.json") }, dataDir, server });
      const cliAsk = await runProgram({ main, args: ["ask", "区应急管理局开展了多少场应急演练？", "--json"], env });
      return {
        program: path.basename(program),
        items,
        buildSeconds: build.seconds,
        buildPeakMiB: build.peakMiB,
        idleMiB,
        firstAnswerSeconds,
        sequential: { p50: percentile(sequential, 50), p95: percentile(sequential, 95) },
        concurrent: { perSecond: concurrent.length / concurrentSeconds, p95: percentile(concurrent, 95) },
        newIssue: newIssueFigures,
        cliAsk: { seconds: cliAsk.seconds, peakMiB: cliAsk.peakMiB },
        recall: await vectorRecall(dataDir),
      };
    } finally {
      // It saves what it kept in memory before it exits: wait, or the data directory is removed under it.
      const exited = new Promise((resolve) => server.on("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const program of programs) spawnSync(process.execPath, [path.join(program, "bin/build-if-needed.mjs")], { stdio: "inherit" });
const rows: Row[] = [];
for (const items of sizes) {
  // Side by side per size, so both programs see the machine in the same state.
  for (const program of programs) {
    console.error(`${items} items, ${program}`);
    const row = await measure({ items, program });
    rows.push(row);
    console.error(`  ${JSON.stringify(row)}`);
  }
}

const header = "| program | items | index build (peak RSS) | idle RSS of `serve` | cold start to first answer | `/api/ask` p50 / p95 sequential | 8 concurrent clients | new issue searchable (longest event-loop delay; longest ping) | `cli ask` whole process | vector recall@10 (ties as hits) |";
console.log(header);
console.log(`|${"---|".repeat(10)}`);
for (const row of rows) {
  console.log(`| ${row.program} | ${row.items.toLocaleString("en")} | ${row.buildSeconds.toFixed(1)} s (${row.buildPeakMiB.toFixed(0)} MiB) | ${row.idleMiB.toFixed(0)} MiB | ${row.firstAnswerSeconds.toFixed(1)} s | ${row.sequential.p50.toFixed(1)} / ${row.sequential.p95.toFixed(1)} ms | ${row.concurrent.perSecond.toFixed(0)} q/s, p95 ${row.concurrent.p95.toFixed(0)} ms | ${row.newIssue.searchableSeconds.toFixed(1)} s (${row.newIssue.eventLoopMaxMs.toFixed(0)} ms; ${row.newIssue.longestPingMs.toFixed(0)} ms) | ${row.cliAsk.seconds.toFixed(1)} s, ${row.cliAsk.peakMiB.toFixed(0)} MiB | ${row.recall.ids.toFixed(3)} (${row.recall.withTies.toFixed(3)}) |`);
}
for (const program of programs) {
  const own = rows.filter((row) => row.program === path.basename(program));
  const first = own[0];
  const last = own.at(-1);
  if (!first || !last || first === last) continue;
  const exponent = (from: number, to: number) => (Math.log(to / from) / Math.log(last.items / first.items)).toFixed(2);
  console.log(`\n${path.basename(program)}: growth exponent ${first.items}→${last.items} items (1 = linear): build ${exponent(first.buildSeconds, last.buildSeconds)}, idle RSS ${exponent(first.idleMiB, last.idleMiB)}, first answer ${exponent(first.firstAnswerSeconds, last.firstAnswerSeconds)}, p95 ${exponent(first.sequential.p95, last.sequential.p95)}, concurrent p95 ${exponent(first.concurrent.p95, last.concurrent.p95)}`);
}
