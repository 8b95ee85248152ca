import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import hnswlib from "hnswlib-node";
import { IndexOutOfDateError, StoreError } from "../errors.js";
import { assertVectorId, compareHits, normaliseVector } from "./exact-index.js";
import {
  INDEX_FORMAT_VERSION,
  assertManifestEmbedder,
  hashFile,
  readIndexManifest,
  syncFile,
  writeIndexManifest,
  type EmbedderIdentity,
  type IndexManifest,
} from "./index-manifest.js";
import { createQuantizedVectors, deserializeQuantizedVectors, type QuantizedVectors } from "./quantized-vectors.js";
import type { VectorHit, VectorIndex } from "./vector-index.js";

/** The graph file of manifests written before `indexFile`; still read. */
export const INDEX_FILE_NAME = "vectors.hnsw";
export const MANIFEST_FILE_NAME = "vectors.json";
/** Graph and quantised-vector files: vectors.hnsw (older saves) or vectors-<save id>.hnsw and .q8, the ones the manifest names. */
export const INDEX_FILE_PATTERN = /^vectors(-[0-9a-z-]+)?\.(hnsw|q8)$/;

/**
 * On 5,000 clustered 256-d vectors recall@10 was 0.899 / 0.985 / 0.997 / 1.000 at ef 10 / 32 / 64 / 128,
 * costing 0.04 / 0.06 / 0.08 / 0.12 ms per query: 128 buys margin for harder real embeddings almost for free.
 */
export const DEFAULT_EF_SEARCH = 128;
/**
 * efSearch unless one is given: DEFAULT_EF_SEARCH up to 12,800 vectors, then one per hundred vectors, at most 2,048
 * (at 200,000 vectors ef 1,024 gave 0.949).
 * Generated archives (hashing embeddings, M 16, efConstruction 200), recall@10 counting ties against
 * exact search: at 100,000 vectors 0.89 / 0.93 / 0.96 / 0.97 at ef 128 / 256 / 600 / 800, for
 * 1.5-2.7 ms a question; unfiltered questions are the only ones that walk the graph.
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

export interface HnswSearchOptions {
  /** Candidate list size at query time; raised to k when k is larger. */
  efSearch?: number;
  exactSearchLimit?: number;
}

export interface HnswIndexOptions extends HnswSearchOptions {
  embedder: EmbedderIdentity;
  /** Defaults to embedder.dimensions; must agree with it when given. */
  dimensions?: number;
  /** Where save() writes vectors.hnsw and vectors.json; existing files there are loaded. Omit for memory only. */
  directory?: string;
  efConstruction?: number;
  m?: number;
  initialCapacity?: number;
}

export interface HnswIndex extends VectorIndex {
  /** Label slots in use or freed, and allocated capacity: for diagnostics and tests. */
  stats(): { slots: number; freeSlots: number; capacity: number };
}

type Graph = InstanceType<typeof hnswlib.HierarchicalNSW>;

interface IndexState {
  graph: Graph;
  labelIds: (number | null)[];
  quantized: QuantizedVectors;
  createdAt: string;
  m: number;
  efConstruction: number;
}

/**
 * Approximate cosine index on hnswlib-node. Loads `directory` when it already holds an index.
 *
 * @example
 * const index = createHnswIndex({ embedder: { provider: "hashing", model: "hashing-v1", dimensions: 512 }, directory: "data/index" });
 * index.add([{ id: 1, vector }]);
 * index.search({ vector: query, k: 10, filter: (id) => allowed.has(id) });
 * index.save();
 */
export function createHnswIndex(options: HnswIndexOptions): HnswIndex {
  const { embedder } = options;
  if (options.dimensions !== undefined && options.dimensions !== embedder.dimensions) {
    throw new StoreError({
      message: `向量索引维度 ${options.dimensions} 与嵌入模型的 ${embedder.dimensions} 维不一致`,
      hint: "去掉 dimensions 参数，或使二者一致",
    });
  }
  const loaded = options.directory ? loadState({ directory: options.directory, embedder }) : undefined;
  if (loaded) return wrapState({ state: loaded, ...options });
  const m = options.m ?? 16;
  const efConstruction = options.efConstruction ?? 200;
  const graph = new hnswlib.HierarchicalNSW("cosine", embedder.dimensions);
  graph.initIndex({ maxElements: Math.max(1, options.initialCapacity ?? 1024), m, efConstruction });
  const state: IndexState = { graph, labelIds: [], quantized: createQuantizedVectors({ dimensions: embedder.dimensions }), createdAt: new Date().toISOString(), m, efConstruction };
  return wrapState({ state, ...options });
}

/** Loads an index saved by createHnswIndex; throws when it is missing or was built by another embedder. */
export function openHnswIndex(options: { directory: string; embedder: EmbedderIdentity } & HnswSearchOptions): HnswIndex {
  const state = loadState(options);
  if (!state) {
    throw new IndexOutOfDateError({ message: `${join(options.directory, MANIFEST_FILE_NAME)}: 未找到向量索引` });
  }
  return wrapState({ state, ...options });
}

function loadState(options: { directory: string; embedder: EmbedderIdentity }): IndexState | undefined {
  const manifestPath = join(options.directory, MANIFEST_FILE_NAME);
  // The manifest is written last, so without it any index file is an unfinished save.
  const manifest = readIndexManifest({ path: manifestPath });
  if (!manifest) return undefined;
  assertManifestEmbedder({ manifest, embedder: options.embedder });
  const indexPath = join(options.directory, manifest.indexFile ?? INDEX_FILE_NAME);
  if (!existsSync(indexPath)) {
    throw new IndexOutOfDateError({ message: `${indexPath}: 向量索引文件缺失` });
  }
  // Checked before the native reader sees the file: a mismatched or truncated file could crash it.
  const matches = manifest.indexFile !== undefined ? statSync(indexPath).size === manifest.indexBytes : hashFile(indexPath) === manifest.indexSha256;
  if (!matches) {
    throw new IndexOutOfDateError({ message: `${indexPath}: 向量索引文件与清单 ${MANIFEST_FILE_NAME} 不一致（可能在保存时中断）` });
  }
  const graph = new hnswlib.HierarchicalNSW("cosine", manifest.embedder.dimensions);
  try {
    graph.readIndexSync(indexPath);
  } catch (error) {
    throw new IndexOutOfDateError({ message: `${indexPath}: 向量索引文件无法读取`, cause: error });
  }
  if (graph.getCurrentCount() !== manifest.labelIds.length) {
    throw new IndexOutOfDateError({ message: `${indexPath}: 索引含 ${graph.getCurrentCount()} 个槽位，清单记录 ${manifest.labelIds.length} 个` });
  }
  const dimensions = manifest.embedder.dimensions;
  let quantized: QuantizedVectors;
  if (manifest.quantizedFile !== undefined) {
    const quantizedPath = join(options.directory, manifest.quantizedFile);
    if (!existsSync(quantizedPath)) throw new IndexOutOfDateError({ message: `${quantizedPath}: 量化向量文件缺失` });
    quantized = deserializeQuantizedVectors({ bytes: readFileSync(quantizedPath), dimensions, labels: manifest.labelIds.length, source: quantizedPath });
  } else {
    // Saved before Int8 copies were kept: made once from the graph (34 µs a vector), written at the next save.
    quantized = createQuantizedVectors({ dimensions, capacity: manifest.labelIds.length });
    manifest.labelIds.forEach((id, label) => id !== null && quantized.set(label, graph.getPoint(label)));
  }
  return {
    graph,
    labelIds: manifest.labelIds,
    quantized,
    createdAt: manifest.createdAt,
    m: manifest.m,
    efConstruction: manifest.efConstruction,
  };
}

function wrapState(options: { state: IndexState; embedder: EmbedderIdentity; directory?: string } & HnswSearchOptions): HnswIndex {
  const { state, embedder, directory } = options;
  const { graph, labelIds, quantized } = state;
  const dimensions = embedder.dimensions;
  const efSearch = () => options.efSearch ?? defaultEfSearch(labelById.size);
  const exactSearchLimit = options.exactSearchLimit ?? defaultExactSearchLimit(dimensions);
  const labelById = new Map<number, number>();
  // Freed labels are reused by addPoint on the deleted label (hnswlib unmarks and rewires it in place);
  // hnswlib's own replaceDeleted picks an arbitrary slot and silently drops its old label, which would desync this map.
  const freeLabels: number[] = [];
  labelIds.forEach((id, label) => (id === null ? freeLabels.push(label) : labelById.set(id, label)));

  function takeLabel(): number {
    const reused = freeLabels.pop();
    if (reused !== undefined) return reused;
    const label = labelIds.length;
    if (label >= graph.getMaxElements()) graph.resizeIndex(graph.getMaxElements() * 2);
    labelIds.push(null);
    return label;
  }

  function toHits(result: { distances: number[]; neighbors: number[] }): VectorHit[] {
    // hnswlib's cosine space reports distance = 1 - cosine similarity.
    return result.neighbors.map((label, position) => ({ id: labelIds[label]!, score: 1 - result.distances[position]! }));
  }

  function scoreExactly(query: Float32Array, labels: Iterable<number>, k: number): VectorHit[] {
    const hits: VectorHit[] = [];
    // getPoint returns the normalised copy hnswlib stores, so the dot product is the cosine.
    for (const label of labels) {
      const stored = graph.getPoint(label);
      let score = 0;
      for (let position = 0; position < dimensions; position++) score += query[position]! * stored[position]!;
      hits.push({ id: labelIds[label]!, score });
    }
    return hits.sort(compareHits).slice(0, k);
  }

  /** The `count` labels with the highest Int8 scores: the cut-off found by a native numeric sort, no comparator calls. */
  function bestQuantized(query: Float32Array, labels: readonly number[], count: number): number[] {
    if (labels.length <= count) return [...labels];
    const scores = new Float64Array(labels.length);
    for (let position = 0; position < labels.length; position++) scores[position] = quantized.score(query, labels[position]!);
    const cutoff = Float64Array.from(scores).sort()[labels.length - count]!;
    const best: number[] = [];
    for (let position = 0; position < labels.length; position++) if (scores[position]! >= cutoff) best.push(labels[position]!);
    return best;
  }

  function search(query: Float32Array, k: number, filter: ((id: number) => boolean) | undefined, among: ReadonlySet<number> | undefined): VectorHit[] {
    if (!filter && !among) {
      const wanted = Math.min(k, labelById.size);
      if (wanted === 0) return [];
      if (labelById.size <= exactSearchLimit) return scoreExactly(query, labelById.values(), k);
      graph.setEf(Math.max(efSearch(), wanted));
      const hits = toHits(graph.searchKnn(Array.from(query), wanted));
      return hits.length === wanted ? hits.sort(compareHits) : scoreExactly(query, labelById.values(), k);
    }
    const matching: number[] = [];
    if (among) {
      for (const id of among) {
        const label = labelById.get(id);
        if (label !== undefined && (!filter || filter(id))) matching.push(label);
      }
    } else {
      for (const [id, label] of labelById) if (filter!(id)) matching.push(label);
    }
    const wanted = Math.min(k, matching.length);
    if (wanted === 0) return [];
    if (matching.length <= exactSearchLimit) return scoreExactly(query, matching, k);
    if (matching.length <= QUANTIZED_SEARCH_LIMIT) return scoreExactly(query, bestQuantized(query, matching, k + QUANTIZED_RERANK), k);
    const allowed = new Uint8Array(labelIds.length);
    for (const label of matching) allowed[label] = 1;
    graph.setEf(Math.max(efSearch(), wanted));
    const hits = toHits(graph.searchKnn(Array.from(query), wanted, (label) => allowed[label] === 1));
    // A graph walk that could not reach enough matches must not hide them: fall back to scoring them all.
    return hits.length === wanted ? hits.sort(compareHits) : scoreExactly(query, matching, k);
  }

  function save(): void {
    if (!directory) return;
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const saveId = `vectors-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
    const indexFile = `${saveId}.hnsw`;
    const quantizedFile = `${saveId}.q8`;
    const indexPath = join(directory, indexFile);
    const quantizedPath = join(directory, quantizedFile);
    const manifestPath = join(directory, MANIFEST_FILE_NAME);
    const temporaryManifestPath = `${manifestPath}.${process.pid}.tmp`;
    try {
      graph.writeIndexSync(indexPath);
      // hnswlib creates the file with the default mode; embeddings of internal papers are owner-only.
      chmodSync(indexPath, 0o600);
      syncFile(indexPath);
      writeFileSync(quantizedPath, quantized.serialize(labelIds.length), { mode: 0o600 });
      syncFile(quantizedPath);
      const manifest: IndexManifest = {
        formatVersion: INDEX_FORMAT_VERSION,
        embedder: { provider: embedder.provider, model: embedder.model, dimensions },
        space: "cosine",
        count: labelById.size,
        labelIds,
        createdAt: state.createdAt,
        savedAt: new Date().toISOString(),
        m: state.m,
        efConstruction: state.efConstruction,
        indexFile,
        indexBytes: statSync(indexPath).size,
        quantizedFile,
      };
      writeIndexManifest({ path: temporaryManifestPath, manifest });
      // The manifest's rename commits the save; the graph files it no longer names are then left over.
      renameSync(temporaryManifestPath, manifestPath);
      for (const name of readdirSync(directory)) if (INDEX_FILE_PATTERN.test(name) && name !== indexFile && name !== quantizedFile) rmSync(join(directory, name), { force: true });
    } catch (error) {
      rmSync(indexPath, { force: true });
      rmSync(quantizedPath, { force: true });
      rmSync(temporaryManifestPath, { force: true });
      throw new StoreError({ message: `${directory}: 向量索引保存失败`, hint: "检查磁盘空间和目录写权限后重试", cause: error });
    }
  }

  return {
    dimensions,
    size: () => labelById.size,
    has: (id) => labelById.has(id),
    ids: () => [...labelById.keys()].sort((left, right) => left - right),
    stats: () => ({ slots: labelIds.length, freeSlots: freeLabels.length, capacity: graph.getMaxElements() }),
    add(entries) {
      // Validate the whole batch first so a bad entry leaves the index unchanged.
      const prepared = entries.map((entry) => {
        assertVectorId(entry.id);
        return { id: entry.id, vector: Array.from(normaliseVector({ vector: entry.vector, dimensions })) };
      });
      for (const { id, vector } of prepared) {
        const label = labelById.get(id) ?? takeLabel();
        graph.addPoint(vector, label);
        quantized.set(label, vector);
        labelById.set(id, label);
        labelIds[label] = id;
      }
    },
    remove(ids) {
      for (const id of ids) {
        const label = labelById.get(id);
        if (label === undefined) continue;
        graph.markDelete(label);
        labelById.delete(id);
        labelIds[label] = null;
        freeLabels.push(label);
      }
    },
    search({ vector, k, filter, among }) {
      const query = normaliseVector({ vector, dimensions });
      return k > 0 ? search(query, Math.floor(k), filter, among) : [];
    },
    save,
  };
}
