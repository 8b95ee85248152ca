import hnswlib from "hnswlib-node";
import { IndexOutOfDateError, StoreError } from "../errors.js";
import { assertVectorId, compareHits, normaliseVector } from "./exact-index.js";
import { readHnswFiles, readHnswFilesSync, writeHnswFiles, MANIFEST_FILE_NAME, type Graph, type HnswContents } from "./hnsw-files.js";
import type { EmbedderIdentity } from "./index-manifest.js";
import { createQuantizedVectors } from "./quantized-vectors.js";
import type { VectorHit, VectorIndex } from "./vector-index.js";
import { createIdSlots } from "./id-slots.js";

export { INDEX_FILE_NAME, INDEX_FILE_PATTERN, MANIFEST_FILE_NAME } from "./hnsw-files.js";

/**
 * On 5,000 clustered 256-d vectors recall@10 was 0.899 / 0.985 / 0.997 / 1.000 at ef 10 / 32 / 64 / 128,
 * costing 0.04 / 0.06 / 0.08 / 0.12 ms per query: 128 buys margin for harder real embeddings almost for free.
 */
export const DEFAULT_EF_SEARCH = 128;
/**
 * efSearch of a graph (a shard) unless one is given: DEFAULT_EF_SEARCH up to 12,800 vectors, then one per
 * hundred vectors, at most 2,048 (at 200,000 vectors in one graph ef 1,024 gave 0.949).
 * Generated archives (hashing embeddings, M 16, efConstruction 200), recall@10 counting ties against
 * exact search: at 100,000 vectors 0.89 / 0.93 / 0.96 / 0.97 at ef 128 / 256 / 600 / 800, for
 * 1.5-2.7 ms a question; at 200,000 in two shards of 100,000, 0.953 / 0.969 / 0.979 at ef 500 / 1,000 /
 * 2,000 each. Unfiltered questions are the only ones that walk the graph.
 */
export function defaultEfSearch(size: number): number {
  return Math.min(2_048, Math.max(DEFAULT_EF_SEARCH, Math.round(size / 100)));
}
/**
 * Filters matching at most this many vectors are scored directly instead of walked in the graph:
 * cheaper for selective filters (getPoint costs ~17 µs at 256-d, ~65 µs at 1024-d, a selective
 * graph walk 3-12 ms) and it cannot miss. Keeps the direct path under roughly 4 ms.
 */
export function defaultExactSearchLimit(dimensions: number): number {
  return Math.max(32, Math.floor(65_536 / dimensions));
}
/**
 * Filters matching up to this many vectors (and more than the exact limit) are scored on Int8
 * copies, and the best k + QUANTIZED_RERANK of those exactly (34 µs each). Measured at 100,000 chunks: a unit's
 * 9,575 chunks 24 ms and a half-year's 171 chunks 92 ms by filtered graph walk, about 7 ms and 4 ms
 * this way; past some 50,000 matches the graph walk, which the filter hardly slows, is cheaper.
 */
export const QUANTIZED_SEARCH_LIMIT = 50_000;
const QUANTIZED_RERANK = 16;
/** Vectors read back from the graph kept in memory: 8 MiB at 512 dimensions. */
const CACHED_POINTS = 4096;

export interface HnswSearchOptions {
  /** Candidate list size at query time, per shard; raised to k when k is larger. */
  efSearch?: number;
  exactSearchLimit?: number;
}

export interface HnswIndexOptions extends HnswSearchOptions {
  embedder: EmbedderIdentity;
  /** Defaults to embedder.dimensions; must agree with it when given. */
  dimensions?: number;
  /** Where save() writes the graph files and vectors.json; existing files there are loaded. Omit for memory only. */
  directory?: string;
  efConstruction?: number;
  m?: number;
  initialCapacity?: number;
}

export interface HnswIndex extends VectorIndex {
  /** Label slots in use or freed, and allocated capacity: for diagnostics and tests. */
  stats(): { slots: number; freeSlots: number; capacity: number; shards: number };
}

/** Graph parameters of indexes built on this thread (small ones; build-in-workers.ts builds large ones with its own efConstruction). */
export const DEFAULT_M = 16;
export const DEFAULT_EF_CONSTRUCTION = 200;

/**
 * Approximate cosine index on hnswlib-node. Loads `directory` when it already holds an index.
 *
 * @example
 * const index = createHnswIndex({ embedder: { provider: "hashing", model: "hashing-v1", dimensions: 512 }, directory: "data/index" });
 * index.add([{ id: 1, vector }]);
 * index.search({ vector: query, k: 10, filter: (id) => allowed.has(id) });
 * await index.save();
 */
export function createHnswIndex(options: HnswIndexOptions): HnswIndex {
  const { embedder } = options;
  if (options.dimensions !== undefined && options.dimensions !== embedder.dimensions) {
    throw new StoreError({
      message: `向量索引维度 ${options.dimensions} 与嵌入模型的 ${embedder.dimensions} 维不一致`,
      hint: "去掉 dimensions 参数，或使二者一致",
    });
  }
  const loaded = options.directory ? readHnswFilesSync({ directory: options.directory, embedder }) : undefined;
  return wrapContents({ contents: loaded ?? emptyContents(options), ...options });
}

/** Loads an index saved by createHnswIndex; throws when it is missing or was built by another embedder. */
export function openHnswIndex(options: { directory: string; embedder: EmbedderIdentity } & HnswSearchOptions): HnswIndex {
  const contents = readHnswFilesSync(options);
  if (!contents) throw new IndexOutOfDateError({ message: `${options.directory}/${MANIFEST_FILE_NAME}: 未找到向量索引` });
  return wrapContents({ contents, ...options });
}

/** createHnswIndex with the saved graphs read off the event loop (libuv's thread pool), every shard at once. */
export async function loadHnswIndex(options: HnswIndexOptions & { directory: string }): Promise<HnswIndex> {
  const loaded = await readHnswFiles({ directory: options.directory, embedder: options.embedder });
  return wrapContents({ contents: loaded ?? emptyContents(options), ...options });
}

/**
 * An index over graphs built elsewhere (worker threads) and written as `shardPaths`, with the
 * labels' ids and Int8 copies the builder kept: read off the event loop, saved without writing them again.
 */
export async function adoptHnswShards(options: HnswSearchOptions & {
  embedder: EmbedderIdentity;
  directory: string;
  shardFiles: readonly string[];
  labelIds: (number | null)[];
  quantized: HnswContents["quantized"];
  m: number;
  efConstruction: number;
}): Promise<HnswIndex> {
  const shards = await Promise.all(options.shardFiles.map(async (file) => {
    const graph = new hnswlib.HierarchicalNSW("cosine", options.embedder.dimensions);
    await graph.readIndex(`${options.directory}/${file}`);
    return { graph, file, dirty: false };
  }));
  const contents: HnswContents = { shards, labelIds: options.labelIds, quantized: options.quantized, createdAt: new Date().toISOString(), m: options.m, efConstruction: options.efConstruction };
  return wrapContents({ ...options, contents });
}

/** The n-th largest value of `values` (which it reorders): quickselect, instead of sorting them all. */
export function nthLargest(values: Float64Array, n: number): number {
  const target = values.length - n;
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1]!;
    let left = low;
    let right = high;
    while (left <= right) {
      while (values[left]! < pivot) left++;
      while (values[right]! > pivot) right--;
      if (left <= right) {
        const swap = values[left]!;
        values[left] = values[right]!;
        values[right] = swap;
        left++;
        right--;
      }
    }
    if (target <= right) high = right;
    else if (target >= left) low = left;
    else return values[target]!;
  }
  return values[target]!;
}

function emptyContents(options: HnswIndexOptions): HnswContents {
  const m = options.m ?? DEFAULT_M;
  const efConstruction = options.efConstruction ?? DEFAULT_EF_CONSTRUCTION;
  const graph = new hnswlib.HierarchicalNSW("cosine", options.embedder.dimensions);
  graph.initIndex({ maxElements: Math.max(1, options.initialCapacity ?? 1024), m, efConstruction });
  return { shards: [{ graph, file: undefined, dirty: true }], labelIds: [], quantized: createQuantizedVectors({ dimensions: options.embedder.dimensions }), createdAt: new Date().toISOString(), m, efConstruction };
}

function wrapContents(options: { contents: HnswContents; embedder: EmbedderIdentity; directory?: string } & HnswSearchOptions): HnswIndex {
  const { contents, embedder, directory } = options;
  const { shards, labelIds, quantized } = contents;
  const shardCount = shards.length;
  const dimensions = embedder.dimensions;
  const exactSearchLimit = options.exactSearchLimit ?? defaultExactSearchLimit(dimensions);
  const labelById = createIdSlots({ capacity: labelIds.length });
  // Live vectors per shard: a shard's efSearch and how many neighbours it can give.
  const shardSizes = new Array<number>(shardCount).fill(0);
  // Freed labels are reused by addPoint on the deleted label (hnswlib unmarks and rewires it in place);
  // hnswlib's own replaceDeleted picks an arbitrary slot and silently drops its old label, which would desync this map.
  const freeLabels: number[] = [];
  labelIds.forEach((id, label) => {
    if (id === null) freeLabels.push(label);
    else {
      labelById.set(id, label);
      shardSizes[label % shardCount]! += 1;
    }
  });
  let saving = false;
  const liveLabels = (): number[] => {
    const labels: number[] = [];
    labelById.forEach((_, label) => labels.push(label));
    return labels;
  };

  const graphOf = (label: number): Graph => shards[label % shardCount]!.graph;
  const localOf = (label: number): number => Math.floor(label / shardCount);
  const efSearch = (shard: number) => options.efSearch ?? defaultEfSearch(shardSizes[shard]!);

  function assertNotSaving(): void {
    if (saving) throw new StoreError({ message: "向量索引正在保存，不能同时修改", hint: "等 save() 完成后再添加或删除" });
  }

  function takeLabel(): number {
    const reused = freeLabels.pop();
    if (reused !== undefined) return reused;
    const label = labelIds.length;
    const graph = graphOf(label);
    if (localOf(label) >= graph.getMaxElements()) graph.resizeIndex(graph.getMaxElements() * 2);
    labelIds.push(null);
    return label;
  }

  // Vectors read back from hnswlib (65 µs each at 512-d: it builds a JS array), kept for the next questions on the same filter.
  const points = new Map<number, Float32Array>();
  function pointOf(label: number): Float32Array {
    let point = points.get(label);
    if (point) {
      points.delete(label);
    } else {
      point = Float32Array.from(graphOf(label).getPoint(localOf(label)));
      if (points.size >= CACHED_POINTS) points.delete(points.keys().next().value!);
    }
    points.set(label, point);
    return point;
  }

  function scoreExactly(query: Float32Array, labels: Iterable<number>, k: number): VectorHit[] {
    const hits: VectorHit[] = [];
    // The normalised copy hnswlib stores, so the dot product is the cosine.
    for (const label of labels) {
      const stored = pointOf(label);
      let score = 0;
      for (let position = 0; position < dimensions; position++) score += query[position]! * stored[position]!;
      hits.push({ id: labelIds[label]!, score });
    }
    return hits.sort(compareHits).slice(0, k);
  }

  /** The `count` labels with the highest Int8 scores: the cut-off found by a native numeric sort, no comparator calls. */
  function bestQuantized(query: Float32Array, candidates: readonly number[], count: number): number[] {
    if (candidates.length <= count) return [...candidates];
    // In label order: the copies are then read front to back (a unit's 19,000 labels in any order missed the cache half the time).
    const labels = Int32Array.from(candidates).sort();
    const scores = new Float64Array(labels.length);
    quantized.scoreAll(query, labels, scores);
    const cutoff = nthLargest(Float64Array.from(scores), count);
    const best: number[] = [];
    for (let position = 0; position < labels.length; position++) if (scores[position]! >= cutoff) best.push(labels[position]!);
    return best;
  }

  /** Each shard's nearest `k` among its `allowed` labels (all when undefined), merged. */
  function walkGraphs(query: Float32Array, k: number, allowed: { labels: Uint8Array; perShard: number[] } | undefined): VectorHit[] {
    const vector = Array.from(query);
    const hits: VectorHit[] = [];
    shards.forEach(({ graph }, shard) => {
      const wanted = Math.min(k, allowed ? allowed.perShard[shard]! : shardSizes[shard]!);
      if (wanted === 0) return;
      graph.setEf(Math.max(efSearch(shard), wanted));
      const found = allowed
        ? graph.searchKnn(vector, wanted, (local) => allowed.labels[local * shardCount + shard] === 1)
        : graph.searchKnn(vector, wanted);
      if (found.neighbors.length === wanted) {
        // hnswlib's cosine space reports distance = 1 - cosine similarity.
        found.neighbors.forEach((local, position) => hits.push({ id: labelIds[local * shardCount + shard]!, score: 1 - found.distances[position]! }));
        return;
      }
      // A graph walk that could not reach enough matches must not hide them: fall back to scoring them all.
      const labels: number[] = [];
      labelById.forEach((_, label) => label % shardCount === shard && (!allowed || allowed.labels[label] === 1) && labels.push(label));
      hits.push(...scoreExactly(query, labels, k));
    });
    return hits.sort(compareHits).slice(0, k);
  }

  function search(query: Float32Array, k: number, filter: ((id: number) => boolean) | undefined, among: ReadonlySet<number> | undefined): VectorHit[] {
    if (!filter && !among) {
      if (labelById.size === 0) return [];
      if (labelById.size <= exactSearchLimit) return scoreExactly(query, liveLabels(), k);
      return walkGraphs(query, k, undefined);
    }
    const matching: number[] = [];
    if (among) {
      for (const id of among) {
        const label = labelById.get(id);
        if (label !== -1 && (!filter || filter(id))) matching.push(label);
      }
    } else {
      labelById.forEach((id, label) => filter!(id) && matching.push(label));
    }
    if (matching.length === 0) return [];
    if (matching.length <= exactSearchLimit) return scoreExactly(query, matching, k);
    if (matching.length <= QUANTIZED_SEARCH_LIMIT) return scoreExactly(query, bestQuantized(query, matching, k + QUANTIZED_RERANK), k);
    const labels = new Uint8Array(labelIds.length);
    const perShard = new Array<number>(shardCount).fill(0);
    for (const label of matching) {
      labels[label] = 1;
      perShard[label % shardCount]! += 1;
    }
    return walkGraphs(query, k, { labels, perShard });
  }

  return {
    dimensions,
    size: () => labelById.size,
    has: (id) => labelById.has(id),
    ids: () => labelById.ids(),
    stats: () => ({ slots: labelIds.length, freeSlots: freeLabels.length, capacity: shards.reduce((sum, shard) => sum + shard.graph.getMaxElements(), 0), shards: shardCount }),
    add(entries) {
      assertNotSaving();
      // Validate the whole batch first so a bad entry leaves the index unchanged.
      const prepared = entries.map((entry) => {
        assertVectorId(entry.id);
        return { id: entry.id, vector: Array.from(normaliseVector({ vector: entry.vector, dimensions })) };
      });
      for (const { id, vector } of prepared) {
        const existing = labelById.get(id);
        const label = existing === -1 ? takeLabel() : existing;
        graphOf(label).addPoint(vector, localOf(label));
        points.delete(label);
        shards[label % shardCount]!.dirty = true;
        quantized.set(label, vector);
        labelById.set(id, label);
        labelIds[label] = id;
        if (existing === -1) shardSizes[label % shardCount]! += 1;
      }
    },
    remove(ids) {
      assertNotSaving();
      for (const id of ids) {
        const label = labelById.get(id);
        if (label === -1) continue;
        graphOf(label).markDelete(localOf(label));
        points.delete(label);
        shards[label % shardCount]!.dirty = true;
        shardSizes[label % shardCount]! -= 1;
        labelById.delete(id);
        labelIds[label] = null;
        freeLabels.push(label);
      }
    },
    search({ vector, k, filter, among }) {
      const query = normaliseVector({ vector, dimensions });
      return k > 0 ? search(query, Math.floor(k), filter, among) : [];
    },
    async save() {
      if (!directory) return;
      assertNotSaving();
      saving = true;
      try {
        await writeHnswFiles({ directory, embedder, contents, count: labelById.size });
      } finally {
        saving = false;
      }
    },
  };
}
