import { randomBytes } from "node:crypto";
import { chmod, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { StoreError } from "../errors.js";
import type { ChunkStore, StoredChunk } from "../store/chunk-store.js";
import type { TimeSlicer } from "../time-slicer.js";
import type { Bm25Index, Bm25TermEntry } from "./bm25-index.js";
import type { ChunkFacts } from "./chunk-facts.js";
import { adoptHnswShards, DEFAULT_M, type HnswIndex } from "./hnsw-index.js";
import { syncFile, type EmbedderIdentity } from "./index-manifest.js";
import { PRIVATE_FILE_MODE } from "../store/ensure-private.js";
import { createQuantizedVectors } from "./quantized-vectors.js";
import { chunkSearchText } from "./reconcile-index.js";
import { startModuleWorker } from "../start-module-worker.js";

/** Graph shards, one per worker: both cores insert at once (one graph of 200,000 took ~180 s of one core). */
export const BUILD_SHARDS = 2;
/** Passages per message to a worker, and messages in flight per worker. */
const BATCH = 512;
const IN_FLIGHT = 3;
/**
 * efConstruction of worker-built shards (M stays 16). Two shards of 100,000 generated passages, recall@10
 * against exact search counting ties (by ids alone) at efSearch 1,000 a shard: efConstruction 100 0.956
 * (0.884), 128 0.962 (0.888), 200 0.969 (0.894); one shard took 56 / 61 / 84 s of a core to build.
 */
export const BUILD_EF_CONSTRUCTION = 128;
/** Room a worker-built shard keeps for a server's later additions, so it grows (copying the graph) rarely. */
const HEADROOM = 1.25;

export const TERM_SEPARATOR = "\u0001";

/** Messages to a worker. */
export type BuildRequest =
  | { type: "start"; dimensions: number; capacity: number; m: number; efConstruction: number; userWords: string[] }
  | { type: "passages"; batch: number; passages: { local: number; title: string; body: string }[] }
  | { type: "write"; path: string };

/** Messages from a worker. */
export type BuildResponse =
  | { type: "started" }
  | { type: "indexed"; batch: number; terms: string | string[]; counts: Int32Array; perPassage: Int32Array; vectors: Float32Array; empty: Uint8Array }
  | { type: "written" }
  | { type: "failed"; message: string };

/**
 * Builds the indexes of `ids` (every chunk, into empty indexes) in worker threads, one per graph
 * shard: each cuts its passages' words once (BM25 counts and the offline hashing vectors from the
 * same cut), inserts the vectors in its shard and writes the shard to `directory`. This thread reads
 * the chunks, fills `lexical` and `facts` from what the workers send, and keeps the labels and the
 * Int8 copies; it is held only for slices of the event loop. Only for the offline hashing embedder,
 * which a worker can make itself (`embedder.model` says it is hashingModelName(dimensions)).
 */
export async function buildInWorkers(options: {
  chunks: ChunkStore;
  ids: readonly number[];
  embedder: EmbedderIdentity;
  unitNames: string[];
  directory: string;
  lexical: Bm25Index;
  facts: ChunkFacts;
  slicer: TimeSlicer;
  onProgress?: ((done: number, total: number) => void) | undefined;
}): Promise<{ vectors: HnswIndex; vectorless: number[] }> {
  const { ids, embedder, lexical, facts, slicer } = options;
  const dimensions = embedder.dimensions;
  const shardCapacity = Math.ceil((ids.length / BUILD_SHARDS) * HEADROOM) + 1024;
  const labelIds: (number | null)[] = [...ids];
  const quantized = createQuantizedVectors({ dimensions, capacity: ids.length });
  const vectorless: number[] = [];
  const workers = Array.from({ length: BUILD_SHARDS }, () => startWorker());
  const buildId = `vectors-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  const shardFiles = workers.map((_, shard) => `${buildId}-${shard}.hnsw`);
  try {
    await Promise.all(workers.map((worker) => worker.request({ type: "start", dimensions, capacity: shardCapacity, m: DEFAULT_M, efConstruction: BUILD_EF_CONSTRUCTION, userWords: options.unitNames })));
    let done = 0;
    // Label l (the l-th id) goes to shard l % BUILD_SHARDS as its label ⌊l / BUILD_SHARDS⌋.
    for (let start = 0; start < ids.length; start += BATCH * BUILD_SHARDS) {
      const slice = ids.slice(start, start + BATCH * BUILD_SHARDS);
      const found = new Map(options.chunks.getChunks(slice).map((chunk) => [chunk.id, chunk]));
      facts.add([...found.values()]);
      // A chunk deleted since the ids were listed still takes its label (freed), so that every shard's labels stay dense.
      const passages = slice.map((id, offset) => ({ id, label: start + offset, chunk: found.get(id) }));
      await Promise.all(workers.map(async (worker, shard) => {
        const mine = passages.filter((passage) => passage.label % BUILD_SHARDS === shard);
        if (mine.length === 0) return;
        await worker.whenBelow(IN_FLIGHT);
        worker.request({
          type: "passages",
          batch: start,
          passages: mine.map(({ label, chunk }) => ({ local: Math.floor(label / BUILD_SHARDS), ...(chunk ? chunkSearchText(chunk) : { title: "", body: "" }) })),
        }).then((response) => {
          if (response.type !== "indexed") return;
          absorb({ response, passages: mine });
          done += mine.length;
          options.onProgress?.(done, ids.length);
        }).catch(() => undefined); // A failed worker is reported by whenBelow() or settled().
      }));
      if (slicer.due()) await slicer.pause();
    }
    await Promise.all(workers.map((worker) => worker.settled()));
    await Promise.all(workers.map((worker, shard) => worker.request({ type: "write", path: join(options.directory, shardFiles[shard]!) })));
    for (const file of shardFiles) {
      // hnswlib creates the file with the default mode; embeddings of internal papers are owner-only.
      await chmod(join(options.directory, file), PRIVATE_FILE_MODE);
      await syncFile(join(options.directory, file));
    }
  } catch (error) {
    await Promise.all(shardFiles.map((file) => rm(join(options.directory, file), { force: true })));
    throw error;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  const vectors = await adoptHnswShards({ embedder, directory: options.directory, shardFiles, labelIds, quantized, m: DEFAULT_M, efConstruction: BUILD_EF_CONSTRUCTION });
  return { vectors, vectorless };

  /** A worker's results for passages: their BM25 counts, Int8 copies and labels. */
  function absorb(options: { response: Extract<BuildResponse, { type: "indexed" }>; passages: { id: number; label: number; chunk: StoredChunk | undefined }[] }): void {
    const { response, passages } = options;
    const terms = typeof response.terms === "string" ? (response.terms === "" ? [] : response.terms.split(TERM_SEPARATOR)) : response.terms;
    let next = 0;
    const documents: { id: number; terms: Bm25TermEntry[] }[] = [];
    passages.forEach(({ id, label, chunk }, position) => {
      const entries: Bm25TermEntry[] = [];
      for (let count = 0; count < response.perPassage[position]!; count += 1, next += 1) entries.push([terms[next]!, response.counts[next * 2]!, response.counts[next * 2 + 1]!]);
      if (response.empty[position] === 1) {
        labelIds[label] = null;
        if (chunk) vectorless.push(id);
      } else {
        quantized.set(label, response.vectors.subarray(position * dimensions, (position + 1) * dimensions));
      }
      if (chunk) documents.push({ id, terms: entries });
    });
    lexical.addCounted(documents);
  }
}

interface BuildWorker {
  /** Sends a request; settles with the worker's answer to it (answers come in request order). */
  request(message: BuildRequest): Promise<BuildResponse>;
  /** Waits until fewer than `count` requests are unanswered. */
  whenBelow(count: number): Promise<void>;
  /** Waits until every request is answered. */
  settled(): Promise<void>;
  terminate(): Promise<number>;
}

function startWorker(): BuildWorker {
  const worker = spawnWorker();
  const pending: { resolve: (response: BuildResponse) => void; reject: (error: Error) => void }[] = [];
  const waiters: (() => void)[] = [];
  let failure: Error | undefined;
  const wake = () => waiters.splice(0).forEach((resume) => resume());
  const fail = (error: Error) => {
    failure ??= error;
    for (const entry of pending.splice(0)) entry.reject(failure);
    wake();
  };
  worker.on("message", (response: BuildResponse) => {
    const entry = pending.shift();
    if (response.type === "failed") fail(new StoreError({ message: `index build worker failed: ${response.message}`, hint: "run reindex again; if it fails again, report the message" }));
    else entry?.resolve(response);
    wake();
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new StoreError({ message: `index build worker exited with code ${code}`, hint: "run reindex again" })));
  const waitFor = async (done: () => boolean) => {
    while (!done() && !failure) await new Promise<void>((resume) => waiters.push(resume));
    if (failure) throw failure;
  };
  return {
    request: (message) => {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        pending.push({ resolve, reject });
        worker.postMessage(message);
      });
    },
    whenBelow: (count) => waitFor(() => pending.length < count),
    settled: () => waitFor(() => pending.length === 0),
    terminate: () => worker.terminate(),
  };
}

function spawnWorker(): Worker {
  return startModuleWorker({ from: import.meta.url, name: "index-build-worker" });
}
