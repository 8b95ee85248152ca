import { setTimeout as sleep } from "node:timers/promises";
import { StoreError } from "../errors.js";
import type { Embedder } from "../models/embedder.js";
import type { ChunkStore, StoredChunk } from "../store/chunk-store.js";
import { BUSY_TIMEOUT_MS } from "../store/open-database.js";
import type { TimeSlicer } from "../time-slicer.js";
import type { Bm25Index } from "./bm25-index.js";
import type { ChunkFacts } from "./chunk-facts.js";
import { chunkItem } from "./chunk-item.js";
import type { VectorIndex } from "./vector-index.js";

/** Items chunked per write transaction: other processes' writes (and this one's) never wait long for the lock. */
const CHUNKING_BATCH = 500;
/** How often chunking asks again while another process holds the write lock. */
const BUSY_RETRY_MS = 20;
/** Chunks read per SQLite query: about 5 ms of reading, so the event loop gets turns in between. */
const READ_BATCH = 256;
/** Chunk ids read per query when every id is compared (rare: deletions the log does not cover). */
const ID_PAGE = 5_000;
/** Passages handed to the BM25 index or the graph between checks of the time slice. */
const WORDS_GROUP = 32;
const VECTORS_GROUP = 8;

/** What the in-memory search indexes hold, reconciled with the store's chunks table. */
export interface IndexContents {
  vectors: VectorIndex;
  lexical: Bm25Index;
  /** Also records which chunk deletions were applied (`facts.deletions`). */
  facts: ChunkFacts;
  /** The highest chunk id looked at: every live chunk up to it has facts and words. */
  upTo: number;
  /** Chunks that embed to the zero vector: found by keyword only, never embedded again. */
  vectorless: Set<number>;
}

/** Text a chunk is embedded and matched by: unit names and headline travel with every passage. */
export function chunkSearchText(chunk: Pick<StoredChunk, "units" | "title" | "text">): { title: string; body: string } {
  return { title: [chunk.units.join(" "), chunk.title].filter(Boolean).join(" "), body: chunk.text };
}

/**
 * Cuts the store's new items into chunks, a batch per write transaction, in slices of the event
 * loop; while another process holds the write lock it waits without blocking (SQLite's own busy
 * wait sleeps on the calling thread).
 */
export async function chunkNewItems(options: { chunks: ChunkStore; maxChars: number; slicer: TimeSlicer }): Promise<void> {
  const { chunks, maxChars, slicer } = options;
  const split = (item: { title: string; body: string }) => chunkItem({ body: item.body || item.title, maxChars });
  let waitingSince: number | undefined;
  for (;;) {
    const chunked = chunks.chunkNewItems({ split, chunkSize: maxChars, limit: CHUNKING_BATCH, wait: false });
    if (chunked === "busy") {
      waitingSince ??= Date.now();
      if (Date.now() - waitingSince > BUSY_TIMEOUT_MS) {
        throw new StoreError({ message: `another process has held the store's write lock for more than ${BUSY_TIMEOUT_MS / 1000} s`, hint: "new items are chunked at the next sync; check for a stuck ingest or reindex" });
      }
      await sleep(BUSY_RETRY_MS);
      continue;
    }
    waitingSince = undefined;
    if (chunked < CHUNKING_BATCH) return;
    if (slicer.due()) await slicer.pause();
  }
}

/**
 * Brings `contents` in line with the store's chunks: applies logged deletions, then adds the chunks
 * after `upTo` (facts and words first, then vectors, so that if embedding fails part-way they are
 * found by keyword meanwhile). Every id is compared only when the counts disagree. The work runs in
 * slices of the event loop. Returns how many vectors were added and removed, and how many changes
 * were made in all (the save policy counts them).
 */
export async function reconcileIndex(options: {
  contents: IndexContents;
  chunks: ChunkStore;
  embedder: Embedder;
  /** Called when chunks are gone from the store, so that cached copies go too. */
  onRemoved?: (ids: readonly number[]) => void;
  onProgress?: ((done: number, total: number) => void) | undefined;
  slicer: TimeSlicer;
  /** Builds empty indexes of at least `minimum` chunks elsewhere (worker threads, build-in-workers.ts). */
  buildEmpty?: {
    minimum: number;
    build(options: { ids: number[]; lexical: Bm25Index; facts: ChunkFacts; slicer: TimeSlicer; onProgress?: ((done: number, total: number) => void) | undefined }): Promise<{ vectors: VectorIndex; vectorless: number[] }>;
  } | undefined;
}): Promise<{ added: number; removed: number; changes: number }> {
  const { contents, chunks, embedder, slicer } = options;
  const { ids: deleted, last } = chunks.deletionsAfter(contents.facts.deletions);
  let removed = removeChunks(contents, deleted);
  contents.facts.deletions = last;
  options.onRemoved?.(deleted);

  let missing = chunks.chunkIdsAfter(contents.upTo);
  let lastId = missing.at(-1) ?? contents.upTo;
  const expected = chunks.chunkCount() - missing.length;
  if (contents.facts.size() !== expected || contents.lexical.size() !== contents.facts.size()) {
    const compared = await compareEveryId({ contents, chunks, slicer });
    removed += removeChunks(contents, compared.stale);
    options.onRemoved?.(compared.stale);
    missing = compared.missing;
    lastId = Math.max(lastId, compared.lastId);
  }
  contents.upTo = lastId;
  const empty = contents.facts.size() === 0 && contents.lexical.size() === 0 && contents.vectors.size() === 0;
  if (options.buildEmpty && empty && missing.length >= options.buildEmpty.minimum) {
    const built = await options.buildEmpty.build({ ids: missing, lexical: contents.lexical, facts: contents.facts, slicer, onProgress: options.onProgress });
    contents.vectors = built.vectors;
    for (const id of built.vectorless) contents.vectorless.add(id);
    return { added: missing.length, removed, changes: removed + missing.length };
  }
  // Checked before the new chunks get facts: otherwise every fact has a vector but those that embed to zero.
  const vectorsComplete = contents.vectors.size() + contents.vectorless.size === contents.facts.size();

  let changes = removed;
  const needWords = missing.filter((id) => !contents.lexical.has(id) || !contents.facts.has(id));
  for (let start = 0; start < needWords.length; start += READ_BATCH) {
    const batch = chunks.getChunks(needWords.slice(start, start + READ_BATCH));
    contents.facts.add(batch.filter((chunk) => !contents.facts.has(chunk.id)));
    const words = batch.filter((chunk) => !contents.lexical.has(chunk.id));
    for (let group = 0; group < words.length; group += WORDS_GROUP) {
      contents.lexical.add(words.slice(group, group + WORDS_GROUP).map((chunk) => {
        const text = chunkSearchText(chunk);
        return { id: chunk.id, text: text.body, fields: { title: text.title } };
      }));
      if (slicer.due()) await slicer.pause();
    }
    changes += batch.length;
  }

  // Vectors for every fact that has none: the new chunks, and any a failed embedding left out.
  const needVectors = vectorsComplete
    ? missing.filter((id) => !contents.vectors.has(id) && contents.facts.has(id))
    : contents.facts.ids().filter((id) => !contents.vectors.has(id) && !contents.vectorless.has(id));
  const embedBatch = Math.max(1, embedder.maxBatchSize);
  for (let start = 0; start < needVectors.length; start += embedBatch) {
    const batch: StoredChunk[] = [];
    const ids = needVectors.slice(start, start + embedBatch);
    for (let read = 0; read < ids.length; read += READ_BATCH) {
      batch.push(...chunks.getChunks(ids.slice(read, read + READ_BATCH)));
      if (slicer.due()) await slicer.pause();
    }
    const embeddings = await embedder.embed({ texts: batch.map((chunk) => {
      const text = chunkSearchText(chunk);
      return `${text.title}\n${text.body}`;
    }) });
    const entries = batch.map((chunk, index) => ({ id: chunk.id, vector: embeddings[index]! }));
    for (const entry of entries) if (!entry.vector.some((value) => value !== 0)) contents.vectorless.add(entry.id);
    const embedded = entries.filter((entry) => !contents.vectorless.has(entry.id));
    for (let group = 0; group < embedded.length; group += VECTORS_GROUP) {
      contents.vectors.add(embedded.slice(group, group + VECTORS_GROUP));
      if (slicer.due()) await slicer.pause();
    }
    changes += batch.length;
    options.onProgress?.(Math.min(start + embedBatch, needVectors.length), needVectors.length);
  }
  return { added: needVectors.length, removed, changes };
}

function removeChunks(contents: IndexContents, ids: readonly number[]): number {
  if (ids.length === 0) return 0;
  const before = contents.vectors.size();
  contents.vectors.remove(ids);
  contents.lexical.remove(ids);
  contents.facts.remove(ids);
  for (const id of ids) contents.vectorless.delete(id);
  return before - contents.vectors.size();
}

/** Every live id against the indexes, a page at a time: which indexed chunks are gone, which live ones are missing. */
async function compareEveryId(options: { contents: IndexContents; chunks: ChunkStore; slicer: TimeSlicer }): Promise<{ stale: number[]; missing: number[]; lastId: number }> {
  const { contents, chunks, slicer } = options;
  const live = new Set<number>();
  const missing: number[] = [];
  let after = 0;
  for (;;) {
    const page = chunks.chunkIdsAfter(after, ID_PAGE);
    if (page.length === 0) break;
    for (const id of page) {
      live.add(id);
      if (!contents.facts.has(id) || !contents.lexical.has(id)) missing.push(id);
    }
    after = page.at(-1)!;
    if (slicer.due()) await slicer.pause();
  }
  const stale = new Set<number>();
  for (const id of [...contents.facts.ids(), ...contents.lexical.ids(), ...contents.vectors.ids()]) if (!live.has(id)) stale.add(id);
  return { stale: [...stale], missing, lastId: after };
}
