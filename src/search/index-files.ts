import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Embedder } from "../models/embedder.js";
import { ensurePrivateFile, PRIVATE_FILE_MODE } from "../store/ensure-private.js";
import type { Tokenizer } from "../text/tokenizer.js";
import { runInSlices, type TimeSlicer } from "../time-slicer.js";
import { createBm25Index, type Bm25Index } from "./bm25-index.js";
import { deserializeBm25Steps, loadBm25Index, serializeBm25Steps } from "./bm25-snapshot.js";
import { createChunkFacts, deserializeChunkFactsSteps, type ChunkFacts } from "./chunk-facts.js";
import { INDEX_FILE_PATTERN, loadHnswIndex, MANIFEST_FILE_NAME } from "./hnsw-index.js";
import type { VectorIndex } from "./vector-index.js";

export const LEXICAL_FILE = "lexical.bin";
/** The JSON snapshot older versions saved: still read, replaced by lexical.bin at the next save. */
export const LEGACY_LEXICAL_FILE = "lexical.json";
export const FACTS_FILE = "chunks.bin";
/** Buffers handed to one writev call (the system's limit is usually 1,024). */
const WRITE_GROUP = 512;

/** Identifies the saved index files: every save renames new files into place, so the inode changes. */
export function indexFilesStamp(directory: string): string {
  return [MANIFEST_FILE_NAME, LEXICAL_FILE, LEGACY_LEXICAL_FILE, FACTS_FILE]
    .map((name) => {
      const stats = statSync(path.join(directory, name), { throwIfNoEntry: false });
      return stats ? `${stats.ino}:${stats.size}:${stats.mtimeMs}` : "-";
    })
    .join("|");
}

/**
 * Reads the saved indexes of `directory` (empty ones where there are none): the graphs on libuv's
 * thread pool, the other files read asynchronously and decoded in slices of the event loop.
 */
export async function loadIndexFiles(options: { directory: string; embedder: Embedder; tokenizer: Tokenizer; slicer: TimeSlicer }): Promise<{ vectors: VectorIndex; lexical: Bm25Index; facts: ChunkFacts }> {
  const { directory, embedder, tokenizer, slicer } = options;
  const indexFiles = [...readdirSync(directory).filter((file) => INDEX_FILE_PATTERN.test(file)), MANIFEST_FILE_NAME, LEXICAL_FILE, LEGACY_LEXICAL_FILE, FACTS_FILE];
  for (const name of indexFiles) ensurePrivateFile(path.join(directory, name));
  const lexicalFile = path.join(directory, LEXICAL_FILE);
  const factsFile = path.join(directory, FACTS_FILE);
  // Started together: the graphs and the other files are read at once, off the event loop.
  const [vectors, lexicalBytes, factsBytes] = await Promise.all([
    loadHnswIndex({ directory, embedder }),
    existsSync(lexicalFile) ? readFile(lexicalFile) : undefined,
    existsSync(factsFile) ? readFile(factsFile) : undefined,
  ]);
  const lexical = lexicalBytes ? await runInSlices(deserializeBm25Steps({ bytes: lexicalBytes, tokenizer, source: lexicalFile }), slicer) : loadLegacyLexical({ directory, tokenizer });
  const facts = factsBytes ? await runInSlices(deserializeChunkFactsSteps({ bytes: factsBytes, source: factsFile }), slicer) : createChunkFacts();
  return { vectors, lexical, facts };
}

function loadLegacyLexical(options: { directory: string; tokenizer: Tokenizer }): Bm25Index {
  const legacyFile = path.join(options.directory, LEGACY_LEXICAL_FILE);
  if (!existsSync(legacyFile)) return createBm25Index({ tokenizer: options.tokenizer });
  return loadBm25Index({ snapshot: JSON.parse(readFileSync(legacyFile, "utf8")) as unknown, tokenizer: options.tokenizer, source: legacyFile });
}

/** Writes the three indexes' files, each under a temporary name renamed into place; the event loop is held only for slices. */
export async function saveIndexFiles(options: { directory: string; vectors: VectorIndex; lexical: Bm25Index; facts: ChunkFacts; slicer: TimeSlicer }): Promise<void> {
  const { directory, slicer } = options;
  await options.vectors.save();
  await writeAtomically(path.join(directory, LEXICAL_FILE), await runInSlices(serializeBm25Steps(options.lexical), slicer));
  await writeAtomically(path.join(directory, FACTS_FILE), await runInSlices(options.facts.serializeSteps(), slicer));
  await rm(path.join(directory, LEGACY_LEXICAL_FILE), { force: true });
}

/** Writes `parts` in order to a temporary file, then renames it over `file`. */
async function writeAtomically(file: string, parts: readonly Uint8Array[]): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, "w", PRIVATE_FILE_MODE);
  try {
    for (let start = 0; start < parts.length; start += WRITE_GROUP) await handle.writev(parts.slice(start, start + WRITE_GROUP));
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
