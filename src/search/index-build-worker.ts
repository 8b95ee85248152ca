import { parentPort } from "node:worker_threads";
import hnswlib from "hnswlib-node";
import { hashingVector } from "../models/hashing-embedder.js";
import { createJiebaTokenizer } from "../text/jieba-tokenizer.js";
import { countTerms } from "./bm25-columns.js";
import { normaliseVector } from "./exact-index.js";
import { TERM_SEPARATOR, type BuildRequest, type BuildResponse } from "./build-in-workers.js";

/**
 * Entry of an index-building worker (started by buildInWorkers): owns one shard of the graph. For
 * each passage it cuts the words once (tokenizeParts), counts them for BM25, makes the hashing
 * vector, inserts it in its shard, and sends the counts and the vector back; at the end it writes
 * the shard to the file it is told.
 */
const port = parentPort;
if (!port) throw new Error("index-build-worker.ts runs only as a worker thread (see build-in-workers.ts)");

let state: { tokenizer: ReturnType<typeof createJiebaTokenizer>; graph: InstanceType<typeof hnswlib.HierarchicalNSW>; dimensions: number } | undefined;
const send = (message: BuildResponse, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on("message", (request: BuildRequest) => {
  try {
    if (request.type === "start") {
      const graph = new hnswlib.HierarchicalNSW("cosine", request.dimensions);
      graph.initIndex({ maxElements: request.capacity, m: request.m, efConstruction: request.efConstruction });
      state = { tokenizer: createJiebaTokenizer({ userWords: request.userWords }), graph, dimensions: request.dimensions };
      send({ type: "started" });
      return;
    }
    if (!state) throw new Error("the worker was not started");
    if (request.type === "passages") {
      const { tokenizer, graph, dimensions } = state;
      const vectors = new Float32Array(request.passages.length * dimensions);
      const terms: string[] = [];
      const counts: number[] = [];
      const perPassage = new Int32Array(request.passages.length);
      const empty = new Uint8Array(request.passages.length);
      request.passages.forEach(({ local, title, body }, position) => {
        const parts = tokenizer.tokenizeParts({ title, body });
        const entries = countTerms({ title: parts.title, body: parts.body });
        perPassage[position] = entries.length;
        for (const [term, inTitle, inBody] of entries) {
          terms.push(term);
          counts.push(inTitle, inBody);
        }
        const vector = hashingVector({ text: `${title}\n${body}`, words: parts.joined, dimensions });
        if (!vector.some((value) => value !== 0)) {
          // A passage with no features has no vector; its label is kept (and freed) so labels stay dense.
          empty[position] = 1;
          const placeholder = new Array<number>(dimensions).fill(0);
          placeholder[0] = 1;
          graph.addPoint(placeholder, local);
          graph.markDelete(local);
          return;
        }
        const normalised = normaliseVector({ vector, dimensions });
        vectors.set(normalised, position * dimensions);
        graph.addPoint(Array.from(normalised), local);
      });
      // One string rather than a clone of every term, unless a term holds the separator itself.
      const joined = terms.some((term) => term.includes(TERM_SEPARATOR)) ? terms : terms.join(TERM_SEPARATOR);
      send({ type: "indexed", batch: request.batch, terms: joined, counts: Int32Array.from(counts), perPassage, vectors, empty }, [vectors.buffer as ArrayBuffer]);
      return;
    }
    state.graph.writeIndexSync(request.path);
    send({ type: "written" });
  } catch (error) {
    send({ type: "failed", message: error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error) });
  }
});
