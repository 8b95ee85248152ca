import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { StoreError } from "../src/errors.js";
import { createExactIndex } from "../src/search/exact-index.js";
import { createHnswIndex, openHnswIndex, type HnswIndex } from "../src/search/hnsw-index.js";
import { hashFile } from "../src/search/index-manifest.js";
import type { VectorIndex } from "../src/search/vector-index.js";
import { spreadVector, testVectorIndex } from "./contracts/vector-index.js";

const testEmbedder = (dimensions: number) => ({ provider: "test", model: "fixed", dimensions });

testVectorIndex({ name: "exact", create: (dimensions) => createExactIndex({ dimensions }) });
// A capacity of 2 makes every contract case exercise automatic growth.
testVectorIndex({ name: "hnsw", create: (dimensions) => createHnswIndex({ embedder: testEmbedder(dimensions), initialCapacity: 2 }) });
// Forces the filtered graph walk instead of exact scoring of the few filter matches.
testVectorIndex({
  name: "hnsw without exact fallback",
  create: (dimensions) => createHnswIndex({ embedder: testEmbedder(dimensions), exactSearchLimit: 0 }),
});

const directories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), "vector-index-"));
  directories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function fill(index: VectorIndex, count: number): void {
  index.add(Array.from({ length: count }, (_, id) => ({ id, vector: spreadVector({ seed: id, dimensions: index.dimensions }) })));
}

describe("hnsw index storage", () => {
  it("grows past its initial capacity by doubling", async () => {
    const index = createHnswIndex({ embedder: testEmbedder(8), initialCapacity: 4 });
    fill(index, 100);
    expect(index.size()).toBe(100);
    expect(index.stats()).toEqual({ slots: 100, freeSlots: 0, capacity: 128, shards: 1 });
  });

  it("reuses the slots of removed vectors", async () => {
    const index = createHnswIndex({ embedder: testEmbedder(8), initialCapacity: 10 });
    fill(index, 10);
    index.remove([0, 1, 2, 3, 4]);
    expect(index.stats()).toEqual({ slots: 10, freeSlots: 5, capacity: 10, shards: 1 });
    index.add([100, 101, 102, 103, 104].map((id) => ({ id, vector: spreadVector({ seed: id, dimensions: 8 }) })));
    expect(index.stats()).toEqual({ slots: 10, freeSlots: 0, capacity: 10, shards: 1 });
    expect(index.size()).toBe(10);
    expect(index.search({ vector: spreadVector({ seed: 102, dimensions: 8 }), k: 1 })[0]!.id).toBe(102);
    expect(index.has(2)).toBe(false);
  });

  it("saves and reopens with the same contents and results", async () => {
    const directory = temporaryDirectory();
    const index = createHnswIndex({ embedder: testEmbedder(16), directory });
    fill(index, 300);
    index.remove([7, 8]);
    const query = spreadVector({ seed: 42, dimensions: 16 });
    const before = index.search({ vector: query, k: 10 });
    await index.save();

    const manifest = JSON.parse(readFileSync(join(directory, "vectors.json"), "utf8"));
    expect(readdirSync(directory).sort()).toEqual([manifest.indexFile, manifest.quantizedFile, "vectors.json"]);
    expect(manifest.indexFile).toMatch(/^vectors-[0-9a-z-]+\.hnsw$/);
    expect(manifest).toMatchObject({
      formatVersion: 1,
      embedder: { provider: "test", model: "fixed", dimensions: 16 },
      space: "cosine",
      count: 298,
      m: 16,
      efConstruction: 200,
    });
    expect(manifest.labelIds).toHaveLength(300);

    const reopened = openHnswIndex({ directory, embedder: testEmbedder(16) });
    expect(reopened.size()).toBe(298);
    expect(reopened.has(7)).toBe(false);
    expect(reopened.has(9)).toBe(true);
    expect(reopened.search({ vector: query, k: 10 })).toEqual(before);
    expect(reopened.search({ vector: query, k: 3, filter: (id) => id >= 290 }).every((hit) => hit.id >= 290)).toBe(true);

    // createHnswIndex on a directory that already holds an index continues it.
    const continued = createHnswIndex({ embedder: testEmbedder(16), directory });
    continued.add([{ id: 7, vector: spreadVector({ seed: 7, dimensions: 16 }) }]);
    await continued.save();
    const again = openHnswIndex({ directory, embedder: testEmbedder(16) });
    expect(again.size()).toBe(299);
    expect(again.stats().slots).toBe(300);
    const manifestAgain = JSON.parse(readFileSync(join(directory, "vectors.json"), "utf8"));
    expect(manifestAgain.createdAt).toBe(manifest.createdAt);
    // Each save writes a graph file of its own and removes the one the manifest named before.
    expect(readdirSync(directory).sort()).toEqual([manifestAgain.indexFile, manifestAgain.quantizedFile, "vectors.json"]);
  });

  it("saves and reopens an empty index", async () => {
    const directory = temporaryDirectory();
    await createHnswIndex({ embedder: testEmbedder(4), directory }).save();
    const reopened = openHnswIndex({ directory, embedder: testEmbedder(4) });
    expect(reopened.size()).toBe(0);
    expect(reopened.search({ vector: [1, 0, 0, 0], k: 3 })).toEqual([]);
  });

  it("refuses an index built by a different embedder and says how to rebuild", async () => {
    const directory = temporaryDirectory();
    const embedder = { provider: "hashing", model: "hashing-v1", dimensions: 512 };
    await createHnswIndex({ embedder, directory }).save();
    const open = () => openHnswIndex({ directory, embedder: { provider: "openai-compatible", model: "bge-m3", dimensions: 1024 } });
    expect(open).toThrow(StoreError);
    expect(open).toThrow(
      "[store] 向量索引由 hashing/hashing-v1 (512 维) 生成，与当前配置的 openai-compatible/bge-m3 (1024 维) 不一致; 请运行 npm run cli -- reindex 重建索引",
    );
    expect(() => createHnswIndex({ directory, embedder: { ...embedder, model: "hashing-v2" } })).toThrow(
      "向量索引由 hashing/hashing-v1 (512 维) 生成，与当前配置的 hashing/hashing-v2 (512 维) 不一致",
    );
  });

  it("refuses an unknown format version", async () => {
    const directory = temporaryDirectory();
    await createHnswIndex({ embedder: testEmbedder(4), directory }).save();
    const manifestPath = join(directory, "vectors.json");
    writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, "utf8")), formatVersion: 99 }));
    expect(() => openHnswIndex({ directory, embedder: testEmbedder(4) })).toThrow(
      /向量索引格式版本 99 不受支持（当前程序使用版本 1）; 请运行 npm run cli -- reindex 重建索引$/,
    );
  });

  it("detects an index file that does not belong to its manifest, as after a crash mid-save", async () => {
    const directory = temporaryDirectory();
    const index = createHnswIndex({ embedder: testEmbedder(8), directory });
    fill(index, 20);
    await index.save();
    const graphFile = join(directory, JSON.parse(readFileSync(join(directory, "vectors.json"), "utf8")).indexFile);
    const savedIndex = readFileSync(graphFile);
    writeFileSync(graphFile, savedIndex.subarray(0, savedIndex.length / 2));
    expect(() => openHnswIndex({ directory, embedder: testEmbedder(8) })).toThrow("向量索引文件与清单 vectors.json 不一致");
  });

  it("gives the exact top k for a filter matching hundreds, scored on Int8 copies then exactly, also after reopening", async () => {
    const directory = temporaryDirectory();
    const index = createHnswIndex({ embedder: testEmbedder(32), directory });
    const exact = createExactIndex({ dimensions: 32 });
    const entries = Array.from({ length: 3000 }, (_, id) => ({ id, vector: spreadVector({ seed: id, dimensions: 32 }) }));
    index.add(entries);
    exact.add(entries);
    const filter = (id: number) => id % 5 === 0;
    for (const seed of [3, 77, 2024]) {
      const query = spreadVector({ seed: seed * 31 + 7, dimensions: 32 });
      const expected = exact.search({ vector: query, k: 20, filter });
      const found = index.search({ vector: query, k: 20, filter });
      expect(found.map((hit) => hit.id)).toEqual(expected.map((hit) => hit.id));
      found.forEach((hit, position) => expect(hit.score).toBeCloseTo(expected[position]!.score, 5));
    }
    await index.save();
    const reopened = openHnswIndex({ directory, embedder: testEmbedder(32) });
    const query = spreadVector({ seed: 5, dimensions: 32 });
    expect(reopened.search({ vector: query, k: 20, filter }).map((hit) => hit.id)).toEqual(exact.search({ vector: query, k: 20, filter }).map((hit) => hit.id));
  });

  it("still opens an index saved before manifests named their graph file, checked by its sha256", async () => {
    const directory = temporaryDirectory();
    const index = createHnswIndex({ embedder: testEmbedder(8), directory });
    fill(index, 20);
    await index.save();
    const manifestPath = join(directory, "vectors.json");
    const { indexFile, indexBytes: _bytes, quantizedFile: _quantized, ...manifest } = JSON.parse(readFileSync(manifestPath, "utf8"));
    renameSync(join(directory, indexFile), join(directory, "vectors.hnsw"));
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, indexSha256: hashFile(join(directory, "vectors.hnsw")) }));
    expect(openHnswIndex({ directory, embedder: testEmbedder(8) }).size()).toBe(20);
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, indexSha256: "0".repeat(64) }));
    expect(() => openHnswIndex({ directory, embedder: testEmbedder(8) })).toThrow("向量索引文件与清单 vectors.json 不一致");
  });

  it("reports a missing index with the rebuild command", async () => {
    const directory = temporaryDirectory();
    expect(() => openHnswIndex({ directory, embedder: testEmbedder(4) })).toThrow(/未找到向量索引; 请运行 npm run cli -- reindex 重建索引$/);
    // A fresh index over an empty directory writes nothing until save().
    createHnswIndex({ embedder: testEmbedder(4), directory });
    expect(readdirSync(directory)).toEqual([]);
  });

  it("rejects a dimensions option that disagrees with the embedder", async () => {
    expect(() => createHnswIndex({ dimensions: 8, embedder: testEmbedder(16) })).toThrow("向量索引维度 8 与嵌入模型的 16 维不一致");
  });
});

/** mulberry32: small seeded generator so the recall figure is reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Topic-like data: 60 cluster centres of uneven popularity, points scattered around them
 * (about 0.7 cosine to their centre), roughly how passage embeddings of a bulletin series group.
 */
function clusteredVectors(options: { count: number; dimensions: number; seed: number }): number[][] {
  const random = seededRandom(options.seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const unit = (vector: number[]) => {
    const length = Math.hypot(...vector);
    return vector.map((value) => value / length);
  };
  const centres = Array.from({ length: 60 }, () => unit(Array.from({ length: options.dimensions }, gaussian)));
  const spread = 1 / Math.sqrt(options.dimensions);
  return Array.from({ length: options.count }, () => {
    const centre = centres[Math.floor(random() ** 2 * centres.length)]!;
    return unit(centre.map((value) => value + gaussian() * spread));
  });
}

describe("hnsw recall against the exact index", () => {
  const dimensions = 256;
  const vectors = clusteredVectors({ count: 3100, dimensions, seed: 7 });
  const stored = vectors.slice(0, 3000);
  const queries = vectors.slice(3000);

  /** Recall@10 against precomputed true neighbours (latency and the efSearch sweep are in scripts/bench-search.ts). */
  function recall(options: { index: VectorIndex; truths: Set<number>[]; filter?: (id: number) => boolean }): number {
    const results = queries.map((vector) => options.index.search({ vector, k: 10, filter: options.filter }));
    let found = 0;
    results.forEach((hits, position) => (found += hits.filter((hit) => options.truths[position]!.has(hit.id)).length));
    return found / (queries.length * 10);
  }

  it("finds at least 95% of the true top 10 with the default efSearch, filtered or not, also after reopening", { timeout: 120_000 }, async () => {
    const exact = createExactIndex({ dimensions });
    const entries = stored.map((vector, id) => ({ id, vector }));
    exact.add(entries);
    const directory = temporaryDirectory();
    const built: HnswIndex = createHnswIndex({ embedder: testEmbedder(dimensions), directory });
    built.add(entries);
    await built.save();
    const truthsFor = (filter?: (id: number) => boolean) =>
      queries.map((vector) => new Set(exact.search({ vector, k: 10, filter }).map((hit) => hit.id)));
    // One id in four: too many matches for direct scoring, so this measures the filtered graph walk.
    const quarter = (id: number) => id % 4 === 0;
    expect(recall({ index: built, truths: truthsFor() })).toBeGreaterThanOrEqual(0.95);
    expect(recall({ index: built, truths: truthsFor(quarter), filter: quarter })).toBeGreaterThanOrEqual(0.95);
    const reopened = openHnswIndex({ directory, embedder: testEmbedder(dimensions) });
    expect(recall({ index: reopened, truths: truthsFor() })).toBeGreaterThanOrEqual(0.95);
  });
});
