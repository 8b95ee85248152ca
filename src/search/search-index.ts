import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { ChunkStore, StoredChunk } from "../store/chunk-store.js";
import { IndexOutOfDateError } from "../errors.js";
import { acquireProcessLock } from "../store/acquire-process-lock.js";
import { ensurePrivateDirectory } from "../store/ensure-private.js";
import { createBm25Index, type Bm25Index } from "./bm25-index.js";
import { createChunkFacts, type ChunkCriteria, type ChunkFact, type FoundChunks } from "./chunk-facts.js";
import type { Embedder } from "../models/embedder.js";
import { createHnswIndex, INDEX_FILE_PATTERN, MANIFEST_FILE_NAME } from "./hnsw-index.js";
import { FACTS_FILE, indexFilesStamp, LEGACY_LEXICAL_FILE, LEXICAL_FILE, loadIndexFiles, saveIndexFiles } from "./index-files.js";
import type { VectorIndex } from "./vector-index.js";
import { chunkNewItems, reconcileIndex, type IndexContents } from "./reconcile-index.js";
import { createTimeSlicer, SLICE_MS } from "../time-slicer.js";
import { hashingModelName } from "../models/hashing-embedder.js";
import { buildInWorkers } from "./build-in-workers.js";
import type { Tokenizer } from "../text/tokenizer.js";

const LOCK_FILE = "sync.lock";
/** A reindex on a large corpus through a remote embedder takes minutes; waiting longer means something is stuck. */
const LOCK_TIMEOUT_MS = 10 * 60 * 1000;
/** Recently read chunks kept in memory: a question reads a few hundred at most. */
const CACHED_CHUNKS = 4096;
/** Behind the store by more than this many chunks, a sync loads the files another process saved instead of catching up itself. */
const CATCH_UP_LIMIT = 2_000;
/** Chunks from which an empty index is built in worker threads: below it, loading their segmenters costs more than it saves. */
const WORKER_BUILD_MINIMUM = 20_000;
/** Index files are rewritten once this many changes, or this share of the index, built up in memory (and by flush()). */
const SAVE_AFTER_CHANGES = 1_000;
const SAVE_AFTER_SHARE = 0.02;

/** What a retrieval unit carries for filtering and citing without another database round trip. */
export type ChunkInfo = StoredChunk;

export interface SearchIndex {
  readonly embedder: Embedder;
  readonly tokenizer: Tokenizer;
  /** Replaced when a sync loads index files another process wrote: read it anew for each search. */
  readonly lexical: Bm25Index;
  /** Replaced like `lexical`. */
  readonly vectors: VectorIndex;
  /** One chunk, read from the store (recently read ones are cached). */
  chunk(id: number): ChunkInfo | undefined;
  /** The chunks with these ids that still exist, read in one query. */
  chunksById(ids: Iterable<number>): Map<number, ChunkInfo>;
  /** Chunks that may pass a filter with these criteria (a superset), from the in-memory chunk facts. */
  findChunks(criteria: ChunkCriteria): ChunkInfo[];
  /** findChunks() as ids and item ids, no object per chunk. */
  findChunkIds(criteria: ChunkCriteria): FoundChunks;
  /**
   * Chunks new items, removes vanished ones, and brings both indexes in line with the store.
   * Safe beside other processes: one sync at a time holds dataDir/index/sync.lock, and index
   * files another process saved are loaded instead of embedding the same chunks again.
   */
  sync(options?: { onProgress?: (done: number, total: number) => void }): Promise<{ added: number; removed: number }>;
  /** Saves changes that small syncs kept in memory; short-lived processes call it before they exit. */
  flush(): Promise<void>;
  /** True when the store changed (here or in another process) since the last completed sync. */
  isStale(): boolean;
  /** Changes whenever the indexed chunks do: what a search derived from them (a unit's chunks) is valid for. */
  readonly generation: number;
}

/** A chunk's facts, with its text and headline read on first use (one class: getters on each object literal cost more). */
class LazyChunk implements ChunkInfo {
  readonly id: number;
  readonly itemId: number;
  readonly documentId: number;
  readonly position: number;
  readonly units: string[];
  readonly date: string | null;
  readonly issue: number | null;
  readonly year: number | null;
  #full: ChunkInfo | undefined;
  readonly #read: (ids: Iterable<number>) => Map<number, ChunkInfo>;

  constructor(fact: ChunkFact, read: (ids: Iterable<number>) => Map<number, ChunkInfo>) {
    ({ id: this.id, itemId: this.itemId, documentId: this.documentId, position: this.position, units: this.units, date: this.date, issue: this.issue, year: this.year } = fact);
    this.#read = read;
  }

  get text(): string {
    return this.#load().text;
  }

  get title(): string {
    return this.#load().title;
  }

  #load(): ChunkInfo {
    this.#full ??= this.#read([this.id]).get(this.id) ?? { ...this, text: "", title: "" };
    return this.#full;
  }
}

/**
 * Opens the retrieval indexes kept in `dataDir/index`: BM25 over jieba terms and HNSW over
 * embeddings, both keyed by chunk id. SQLite's chunks table is the truth; the index files are
 * caches that `sync()` reconciles, so a crash between writes heals on the next sync.
 */
export function openSearchIndex(options: {
  chunks: ChunkStore;
  /** The store's change counter (BulletinStore.contentVersion): a sync is due when it moved. */
  contentVersion: () => number;
  /** Unit names the tokenizer must keep whole. */
  unitNames: () => string[];
  dataDir: string;
  embedder: Embedder;
  tokenizer: Tokenizer;
  /** Longest a sync holds the event loop at a time (default SLICE_MS); 0 lets requests in between every step (tests). */
  sliceMs?: number;
  /**
   * Builds an empty index of at least `minimumChunks` (default WORKER_BUILD_MINIMUM) in worker threads,
   * when the embedder is the offline hashing one a worker can make itself; else on this thread, in slices.
   */
  workerBuild?: { minimumChunks?: number };
  /** Called once the first reading of the index files is under way (off the event loop): work to overlap with it, like loading the segmenter. */
  whileLoading?: () => void;
}): SearchIndex {
  const { chunks, contentVersion, embedder, tokenizer } = options;
  const directory = path.join(options.dataDir, "index");
  ensurePrivateDirectory(directory);
  tokenizer.addWords(options.unitNames());

  const recordedSize = chunks.chunkSize();
  if (recordedSize !== undefined && recordedSize !== embedder.maxInputChars) {
    throw new IndexOutOfDateError({ message: `索引的分段长度 ${recordedSize} 与当前向量模型的 ${embedder.maxInputChars} 不一致` });
  }

  // Empty until the first sync loads the files under the lock: another process may be saving them now.
  let contents: IndexContents = { vectors: createHnswIndex({ embedder }), lexical: createBm25Index({ tokenizer }), facts: createChunkFacts(), upTo: 0, vectorless: new Set() };
  let loadedStamp: string | undefined;
  let syncedVersion: number | undefined;
  let generation = 0;
  let whileLoading = options.whileLoading;
  const slicer = () => createTimeSlicer({ budgetMs: options.sliceMs ?? SLICE_MS });

  /** Replaces the in-memory indexes by the saved files, read without holding the event loop; questions meanwhile use the old ones. */
  async function loadFiles(): Promise<void> {
    const stamp = indexFilesStamp(directory);
    const reading = loadIndexFiles({ directory, embedder, tokenizer, slicer: slicer() });
    // Only when there are files to read meanwhile: a rebuild may never need the segmenter on this thread.
    if (existsSync(path.join(directory, MANIFEST_FILE_NAME))) whileLoading?.();
    whileLoading = undefined;
    const loaded = await reading;
    cache.clear();
    contents = { ...loaded, upTo: loaded.facts.maxId(), vectorless: new Set() };
    generation += 1;
    loadedStamp = stamp;
  }

  async function saveFiles(): Promise<void> {
    await saveIndexFiles({ directory, ...contents, slicer: slicer() });
    loadedStamp = indexFilesStamp(directory);
  }

  // Chunks are immutable by id (ids are never reused), so a cached chunk only goes stale by being deleted.
  const cache = new Map<number, ChunkInfo>();
  function remember(chunk: ChunkInfo): void {
    cache.delete(chunk.id);
    cache.set(chunk.id, chunk);
    if (cache.size > CACHED_CHUNKS) cache.delete(cache.keys().next().value!);
  }
  function chunksById(ids: Iterable<number>): Map<number, ChunkInfo> {
    const found = new Map<number, ChunkInfo>();
    const missing: number[] = [];
    for (const id of ids) {
      const cached = cache.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    for (const chunk of chunks.getChunks(missing)) {
      remember(chunk);
      found.set(chunk.id, chunk);
    }
    return found;
  }

  /** A chunk whose text and headline are read from the store only if asked for: filters rarely read them. */
  function withLazyText(fact: ChunkFact): ChunkInfo {
    return new LazyChunk(fact, chunksById);
  }

  // Changes kept in memory that the files do not have yet.
  let unsaved = 0;

  // Worker threads make the offline hashing vectors themselves; any other embedder's vectors are made here.
  const workerBuild = options.workerBuild && embedder.provider === "hashing" && embedder.model === hashingModelName(embedder.dimensions)
    ? {
        minimum: options.workerBuild.minimumChunks ?? WORKER_BUILD_MINIMUM,
        build: (build: Omit<Parameters<typeof buildInWorkers>[0], "chunks" | "embedder" | "unitNames" | "directory">) =>
          buildInWorkers({ ...build, chunks, embedder, unitNames: options.unitNames(), directory }),
      }
    : undefined;

  /**
   * Brings the in-memory indexes in line with the store: the new chunks, and the deleted ones the store logged.
   * `owned`: this process holds the lock, so a build may write graph files into the directory.
   */
  async function reconcile(syncOptions: { onProgress?: (done: number, total: number) => void }, owned = false) {
    tokenizer.addWords(options.unitNames());
    await chunkNewItems({ chunks, maxChars: embedder.maxInputChars, slicer: slicer() });
    try {
      const result = await reconcileIndex({
        contents, chunks, embedder, slicer: slicer(), onRemoved: (ids) => ids.forEach((id) => cache.delete(id)), onProgress: syncOptions.onProgress,
        buildEmpty: owned ? workerBuild : undefined,
      });
      unsaved += result.changes;
      if (result.changes > 0) generation += 1;
      return { added: result.added, removed: result.removed };
    } catch (error) {
      // Part of the work may be done (words before vectors): the files must not miss it at the next save.
      unsaved += 1;
      generation += 1;
      throw error;
    }
  }

  /** How many chunks the store is ahead of the in-memory indexes, about (ids deleted in between count too). */
  function lag(): number {
    return Math.max(0, chunks.maxChunkId() - contents.upTo) + chunks.deletionsAfter(contents.facts.deletions).ids.length;
  }

  async function withLock<T>(work: () => Promise<T>): Promise<T> {
    const lock = await acquireProcessLock({ file: path.join(directory, LOCK_FILE), timeoutMs: LOCK_TIMEOUT_MS, purpose: "检索索引" });
    try {
      return await work();
    } finally {
      lock.release();
    }
  }

  /** Saves what is not in the files yet, first catching up under the lock so the files never lose another process's chunks. */
  async function save(): Promise<void> {
    await withLock(async () => {
      try {
        await reconcile({});
      } finally {
        // Saved even when the embedder fails part-way: new items are then found by keyword until the next sync embeds them.
        await saveFiles();
        unsaved = 0;
      }
    });
  }

  async function syncOnce(syncOptions: { onProgress?: (done: number, total: number) => void }) {
    const version = contentVersion();
    let result: { added: number; removed: number };
    // Files another process saved are loaded only when far behind: catching up on a few new chunks is cheaper than
    // reloading hundreds of MB, and needs no lock, so a question never waits for another process's save.
    const reload = loadedStamp === undefined || (loadedStamp !== indexFilesStamp(directory) && lag() > CATCH_UP_LIMIT);
    if (reload) {
      result = await withLock(async () => {
        await loadFiles();
        unsaved = 0;
        try {
          return await reconcile(syncOptions, true);
        } finally {
          if (!existsSync(path.join(directory, MANIFEST_FILE_NAME)) || unsaved >= saveThreshold()) {
            await saveFiles();
            unsaved = 0;
          }
        }
      });
    } else {
      result = await reconcile(syncOptions);
      if (unsaved >= saveThreshold()) await save();
    }
    syncedVersion = version;
    return result;
  }

  /** Small changes stay in memory until they add up (flush() saves them): rewriting 400 MB of graph per new issue cost seconds. */
  function saveThreshold(): number {
    return Math.max(SAVE_AFTER_CHANGES, Math.floor(contents.facts.size() * SAVE_AFTER_SHARE));
  }

  let queue: Promise<unknown> = Promise.resolve();
  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    embedder,
    tokenizer,
    get lexical() {
      return contents.lexical;
    },
    get vectors() {
      return contents.vectors;
    },
    chunk: (id) => chunksById([id]).get(id),
    chunksById,
    findChunks: (criteria) => contents.facts.find(criteria).map(withLazyText),
    findChunkIds: (criteria) => contents.facts.findIds(criteria),
    sync: (syncOptions = {}) => enqueue(() => syncOnce(syncOptions)),
    flush: () => enqueue(async () => {
      if (unsaved > 0) await save();
    }),
    isStale: () => syncedVersion !== contentVersion(),
    get generation() {
      return generation;
    },
  };
}

/** Deletes chunks and index files so that the next sync rebuilds everything (after changing embedder). */
export async function clearSearchIndex(options: { chunks: ChunkStore; dataDir: string }): Promise<void> {
  const directory = path.join(options.dataDir, "index");
  ensurePrivateDirectory(directory);
  const lock = await acquireProcessLock({ file: path.join(directory, LOCK_FILE), timeoutMs: LOCK_TIMEOUT_MS, purpose: "检索索引" });
  try {
    // The manifest first: it is what makes the other files count.
    for (const file of [MANIFEST_FILE_NAME, ...readdirSync(directory).filter((name) => INDEX_FILE_PATTERN.test(name)), LEXICAL_FILE, LEGACY_LEXICAL_FILE, FACTS_FILE]) rmSync(path.join(directory, file), { force: true });
    options.chunks.clear();
  } finally {
    lock.release();
  }
}
