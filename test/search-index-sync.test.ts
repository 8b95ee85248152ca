import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { generateCorpus, renderIssue } from "../scripts/generate-corpus.js";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { createHashingEmbedder } from "../src/models/hashing-embedder.js";
import { openSearchIndex, type SearchIndex } from "../src/search/search-index.js";
import { createBulletinStore, type BulletinStore } from "../src/store/bulletin-store.js";
import { createChunkStore, type ChunkStore } from "../src/store/chunk-store.js";
import { createJiebaTokenizer } from "../src/text/jieba-tokenizer.js";

const tokenizer = createJiebaTokenizer();
const embedder = createHashingEmbedder({ tokenizer });
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0).reverse()) step();
});

/** A store with `issues` generated issues ingested (about 6.5 items each), and its chunk store. */
async function generatedStore(issues: number): Promise<{ store: BulletinStore; chunks: ChunkStore; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "search-index-sync-"));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  generateCorpus({ count: issues, seed: 5, outDir: path.join(dataDir, "corpus") });
  const store = createBulletinStore({ dataDir });
  cleanup.push(() => store.close());
  await ingestFiles({ store, paths: [path.join(dataDir, "corpus")] });
  return { store, chunks: createChunkStore({ database: store.database, markChanged: store.markChanged }), dataDir };
}

function open(options: { store: BulletinStore; chunks: ChunkStore; dataDir: string; sliceMs?: number }): SearchIndex {
  const { store, chunks, dataDir } = options;
  return openSearchIndex({ chunks, contentVersion: store.contentVersion, unitNames: () => store.unitNames(), dataDir, embedder, tokenizer, ...(options.sliceMs !== undefined ? { sliceMs: options.sliceMs } : {}) });
}

/** Counts event-loop turns (setImmediate callbacks) until stopped. */
function countTurns(): { stop(): number } {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  return { stop: () => ((running = false), turns) };
}

/** Records where every read of chunk ids started (0 for all of them). */
function recordingIdReads(chunks: ChunkStore): { chunks: ChunkStore; reads: number[] } {
  const reads: number[] = [];
  return {
    reads,
    chunks: { ...chunks, chunkIds: () => (reads.push(0), chunks.chunkIds()), chunkIdsAfter: (id, limit) => (reads.push(id), chunks.chunkIdsAfter(id, limit)) },
  };
}

describe("search index sync", () => {
  it("gives the event loop a turn between slices of work while it indexes a thousand chunks", { timeout: 120_000 }, async () => {
    const opened = await generatedStore(150);
    const index = open({ ...opened, sliceMs: 0 });
    const turns = countTurns();
    const { added } = await index.sync();
    const counted = turns.stop();
    expect(added).toBe(opened.store.counts().items);
    // At least one turn per group of 32 passages given words, and per 8 given vectors.
    expect(counted).toBeGreaterThan(added / 32 + added / 8);
  });

  it("waits for another connection's write lock without holding the event loop, then chunks the new items", async () => {
    const opened = await generatedStore(20);
    const index = open(opened);
    await index.sync();
    const file = path.join(opened.dataDir, "2027-01.txt");
    const item = { kind: "report" as const, unit: "区科技局", title: "区科技局启动量子芯片孵化计划", body: "首批遴选量子芯片团队 17 个。", date: "2026-12-31" };
    writeFileSync(file, renderIssue({ issue: { year: 2027, issue: 1, date: "2026-12-31", editors: ["周明远", "韩晓璐"], items: [item] }, format: "txt" }));
    await ingestFiles({ store: opened.store, paths: [file] });

    // Another process's long write transaction: SQLite's own busy wait would hold this thread for seconds.
    const other = new Database(path.join(opened.dataDir, "bulletins.db"));
    cleanup.push(() => other.close());
    other.exec("BEGIN IMMEDIATE");
    const turns = countTurns();
    let synced = false;
    const sync = index.sync().then((result) => ((synced = true), result));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(synced).toBe(false);
    expect(turns.stop()).toBeGreaterThan(10);
    other.exec("ROLLBACK");
    expect((await sync).added).toBe(1);
    expect(index.lexical.search({ query: "量子芯片", k: 1 })).toHaveLength(1);
  });

  it("applies a replaced issue's deleted chunks from the store's log, reading only the ids after the last it knew", async () => {
    const opened = await generatedStore(30);
    const recorded = recordingIdReads(opened.chunks);
    const index = open({ ...opened, chunks: recorded.chunks });
    await index.sync();
    const before = index.vectors.size();
    const replaced = path.join(opened.dataDir, "corpus", "2026-01.txt");
    const item = { kind: "report" as const, unit: "区科技局", title: "区科技局更正", body: "本期只有这一条。", date: "2026-01-08" };
    writeFileSync(replaced, renderIssue({ issue: { year: 2026, issue: 1, date: "2026-01-08", editors: ["周明远", "韩晓璐"], items: [item] }, format: "txt" }));
    const removedItems = opened.store.findIssue({ issue: 1, year: 2026 })[0]!.itemCount;
    const report = await ingestFiles({ store: opened.store, paths: [replaced] });
    expect(report.documents[0]!.status).toBe("replaced");

    const known = Math.max(...index.vectors.ids());
    recorded.reads.length = 0;
    const { added, removed } = await index.sync();
    expect({ added, removed }).toEqual({ added: 1, removed: removedItems });
    expect(index.vectors.size()).toBe(before - removedItems + 1);
    expect(index.lexical.size()).toBe(index.vectors.size());
    expect(recorded.reads.length).toBeGreaterThan(0);
    expect(recorded.reads.every((after) => after >= known)).toBe(true);
  });
});

describe("a full build in worker threads", () => {
  it("gives the same words and vectors as a build on this thread, in two graph shards saved with their labels", { timeout: 180_000 }, async () => {
    const opened = await generatedStore(120);
    const inWorkers = openSearchIndex({ chunks: opened.chunks, contentVersion: opened.store.contentVersion, unitNames: () => opened.store.unitNames(), dataDir: opened.dataDir, embedder, tokenizer, workerBuild: { minimumChunks: 100 } });
    const turns = countTurns();
    const { added } = await inWorkers.sync();
    expect(turns.stop()).toBeGreaterThan(10);
    const items = opened.store.counts().items;
    expect(added).toBe(items);
    expect(inWorkers.vectors.size()).toBe(items);
    expect(inWorkers.lexical.size()).toBe(items);

    // The same store indexed on this thread, in another directory.
    const otherDir = mkdtempSync(path.join(tmpdir(), "search-index-sync-"));
    cleanup.push(() => rmSync(otherDir, { recursive: true, force: true }));
    const onThread = openSearchIndex({ chunks: opened.chunks, contentVersion: opened.store.contentVersion, unitNames: () => opened.store.unitNames(), dataDir: otherDir, embedder, tokenizer });
    await onThread.sync();
    for (const query of ["应急演练", "注册志愿者 人数", "老旧小区改造", "区教育局 学位"]) {
      expect(inWorkers.lexical.search({ query, k: 20 })).toEqual(onThread.lexical.search({ query, k: 20 }));
    }
    // Each passage's vector is the one this thread makes: its nearest neighbour is itself, at cosine 1.
    const sample = opened.chunks.getChunks(opened.chunks.chunkIds().filter((_, position) => position % 97 === 0));
    const { chunkSearchText } = await import("../src/search/reconcile-index.js");
    const vectors = await embedder.embed({ texts: sample.map((chunk) => { const text = chunkSearchText(chunk); return `${text.title}\n${text.body}`; }) });
    sample.forEach((chunk, position) => {
      const [nearest] = inWorkers.vectors.search({ vector: vectors[position]!, k: 1 });
      expect(nearest!.score).toBeCloseTo(1, 5);
    });

    // Saved in two shards and read back whole.
    await inWorkers.flush();
    const manifest = JSON.parse((await import("node:fs")).readFileSync(path.join(opened.dataDir, "index", "vectors.json"), "utf8")) as { shards: unknown[]; count: number };
    expect(manifest.shards).toHaveLength(2);
    const { statSync, readdirSync } = await import("node:fs");
    for (const name of readdirSync(path.join(opened.dataDir, "index"))) expect(statSync(path.join(opened.dataDir, "index", name)).mode & 0o777, name).toBe(0o600);
    expect(manifest.count).toBe(items);
    const reopened = open(opened);
    await reopened.sync();
    expect(reopened.vectors.size()).toBe(items);
    expect(reopened.lexical.search({ query: "应急演练", k: 5 })).toEqual(onThread.lexical.search({ query: "应急演练", k: 5 }));
  });
});
