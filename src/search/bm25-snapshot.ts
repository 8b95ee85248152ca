import { IndexOutOfDateError } from "../errors.js";
import type { Tokenizer } from "../text/tokenizer.js";
import { runToEnd, type Steps } from "../time-slicer.js";
import { BM25_FORMAT_VERSION, buildBm25Index, type Bm25Contents, type Bm25Index, type Bm25IndexParameters, type Bm25IndexSnapshot } from "./bm25-index.js";

/** Bump whenever the binary layout changes; older files are then rejected and rebuilt. */
export const BM25_BINARY_FORMAT_VERSION = 1;
const MAGIC = "BM25BIN\n";

/**
 * Rebuilds an index from `toJSON()` output. Throws IndexOutOfDateError when the snapshot was written by another
 * format version or tokenizer, since its terms would not match today's queries.
 */
export function loadBm25Index(options: {
  snapshot: unknown;
  tokenizer: Tokenizer;
  parameters?: Partial<Bm25IndexParameters>;
  /** Named in error messages, e.g. the file the snapshot came from. */
  source?: string;
}): Bm25Index {
  const source = options.source ?? "BM25 index";
  const snapshot = validateSnapshot(options.snapshot, source);
  if (snapshot.tokenizer !== options.tokenizer.name) {
    throw new IndexOutOfDateError({ message: `${source}: built with tokenizer "${snapshot.tokenizer}", but this version uses "${options.tokenizer.name}"` });
  }
  const { index, insert } = buildBm25Index({ tokenizer: options.tokenizer, parameters: options.parameters });
  for (const document of snapshot.documents) insert(document.id, document.terms);
  return index;
}

/**
 * The index in a compact binary file: a JSON header (format version, tokenizer, counts), then
 * document ids, field lengths, the terms joined by NUL, and each term's [slot, counts] postings.
 * Loading copies typed arrays instead of parsing JSON and building objects: at 100,000 chunks
 * the JSON snapshot took 5.4 s and ~450 MiB to load.
 */
export function serializeBm25Index(index: Bm25Index): Buffer {
  return Buffer.concat(runToEnd(serializeBm25Steps(index)));
}

/**
 * serializeBm25Index as steps (time-slicer.ts) giving the file's parts in order: views of the
 * index's own arrays, written as they are. Copying 60 MB of postings into a new buffer (200,000
 * chunks) touched as much fresh memory, which on a small virtual machine took most of a second.
 */
export function* serializeBm25Steps(index: Bm25Index): Steps<Uint8Array[]> {
  const contents = index.contents();
  yield;
  const termBytes = Buffer.from(contents.terms.join("\0"), "utf8");
  const postingCounts = Int32Array.from(contents.postings, (pairs) => pairs.length / 2);
  const header = Buffer.from(JSON.stringify({
    formatVersion: BM25_BINARY_FORMAT_VERSION,
    tokenizer: index.tokenizerName,
    documents: contents.ids.length,
    terms: contents.terms.length,
    termBytes: termBytes.length,
  }), "utf8");
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32LE(header.length);
  const parts: Uint8Array[] = [Buffer.from(MAGIC, "latin1"), headerLength, header];
  let offset = MAGIC.length + headerLength.length + header.length;
  const padding = Buffer.alloc(8);
  const aligned = (bytes: Uint8Array) => {
    // Typed-array sections start at multiples of 8 so they can be read in place.
    if (offset % 8 !== 0) {
      parts.push(padding.subarray(0, 8 - (offset % 8)));
      offset += 8 - (offset % 8);
    }
    parts.push(bytes);
    offset += bytes.length;
  };
  const bytesOf = (array: Float64Array | Int32Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  aligned(bytesOf(contents.ids));
  aligned(bytesOf(contents.titleLengths));
  aligned(bytesOf(contents.bodyLengths));
  aligned(bytesOf(postingCounts));
  for (let term = 0; term < contents.postings.length; term += 1) {
    aligned(bytesOf(contents.postings[term]!));
    if (term % 1024 === 1023) yield;
  }
  aligned(termBytes);
  return parts;
}

/** Reads serializeBm25Index output; throws IndexOutOfDateError (with the reindex hint) for another format or tokenizer. */
export function deserializeBm25Index(options: Bm25FileOptions): Bm25Index {
  return runToEnd(deserializeBm25Steps(options));
}

interface Bm25FileOptions {
  bytes: Buffer;
  tokenizer: Tokenizer;
  parameters?: Partial<Bm25IndexParameters>;
  source?: string;
}

/** deserializeBm25Index as steps (time-slicer.ts). */
export function* deserializeBm25Steps(options: Bm25FileOptions): Steps<Bm25Index> {
  const { bytes } = options;
  const source = options.source ?? "BM25 index";
  if (bytes.subarray(0, MAGIC.length).toString("latin1") !== MAGIC) {
    throw new IndexOutOfDateError({ message: `${source}: not a binary BM25 index` });
  }
  let header: { formatVersion?: unknown; tokenizer?: unknown; documents: number; terms: number; termBytes: number };
  try {
    const length = bytes.readUInt32LE(MAGIC.length);
    header = JSON.parse(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length).toString("utf8"));
  } catch (error) {
    throw new IndexOutOfDateError({ message: `${source}: BM25 index header is unreadable`, cause: error });
  }
  if (header.formatVersion !== BM25_BINARY_FORMAT_VERSION) {
    throw new IndexOutOfDateError({ message: `${source}: unsupported BM25 index format version ${String(header.formatVersion)} (this version reads ${BM25_BINARY_FORMAT_VERSION})` });
  }
  if (header.tokenizer !== options.tokenizer.name) {
    throw new IndexOutOfDateError({ message: `${source}: built with tokenizer "${String(header.tokenizer)}", but this version uses "${options.tokenizer.name}"` });
  }
  let offset = MAGIC.length + 4 + bytes.readUInt32LE(MAGIC.length);
  // Views into the file's own buffer, not copies: sections start at multiples of 8 within it.
  const base = bytes.byteOffset;
  const aligned = base % 8 === 0;
  const source8 = aligned ? bytes.buffer : (bytes.buffer as ArrayBuffer).slice(base, base + bytes.length);
  const shift = aligned ? base : 0;
  const take = <T>(byteLength: number, make: (buffer: ArrayBufferLike, byteOffset: number) => T): T => {
    offset = Math.ceil(offset / 8) * 8;
    if (offset + byteLength > bytes.length) throw new IndexOutOfDateError({ message: `${source}: BM25 index file is truncated` });
    const view = make(source8, shift + offset);
    offset += byteLength;
    return view;
  };
  const ids = take(header.documents * 8, (buffer, at) => new Float64Array(buffer, at, header.documents));
  const titleLengths = take(header.documents * 4, (buffer, at) => new Int32Array(buffer, at, header.documents));
  const bodyLengths = take(header.documents * 4, (buffer, at) => new Int32Array(buffer, at, header.documents));
  const postingCounts = take(header.terms * 4, (buffer, at) => new Int32Array(buffer, at, header.terms));
  const postings: Int32Array[] = [];
  for (let term = 0; term < header.terms; term += 1) {
    const count = postingCounts[term]!;
    postings.push(take(count * 8, (buffer, at) => new Int32Array(buffer, at, count * 2)));
    if (term % 1024 === 1023) yield;
  }
  const termText = take(header.termBytes, (buffer, at) => Buffer.from(buffer, at, header.termBytes).toString("utf8"));
  const terms = header.terms === 0 ? [] : termText.split("\0");
  if (terms.length !== header.terms) throw new IndexOutOfDateError({ message: `${source}: BM25 index terms do not match their count` });
  yield;
  const contents: Bm25Contents = { ids, titleLengths, bodyLengths, terms, postings };
  return buildBm25Index({ tokenizer: options.tokenizer, ...(options.parameters ? { parameters: options.parameters } : {}), contents }).index;
}

function validateSnapshot(value: unknown, source: string): Bm25IndexSnapshot {
  if (typeof value !== "object" || value === null || !("formatVersion" in value)) {
    throw new IndexOutOfDateError({ message: `${source}: not a BM25 index snapshot (no formatVersion)` });
  }
  const candidate = value as Partial<Bm25IndexSnapshot>;
  if (candidate.formatVersion !== BM25_FORMAT_VERSION) {
    throw new IndexOutOfDateError({ message: `${source}: unsupported BM25 index format version ${String(candidate.formatVersion)} (this version reads ${BM25_FORMAT_VERSION})` });
  }
  if (typeof candidate.tokenizer !== "string" || !Array.isArray(candidate.documents)) {
    throw new IndexOutOfDateError({ message: `${source}: BM25 index snapshot is incomplete (tokenizer or documents missing)` });
  }
  for (const document of candidate.documents) {
    const wellFormed =
      Number.isInteger(document?.id) &&
      Array.isArray(document?.terms) &&
      document.terms.every(
        (entry) => Array.isArray(entry) && typeof entry[0] === "string" && Number.isInteger(entry[1]) && Number.isInteger(entry[2]),
      );
    if (!wellFormed) {
      throw new IndexOutOfDateError({ message: `${source}: BM25 index snapshot has a malformed document entry (id ${String(document?.id)})` });
    }
  }
  return candidate as Bm25IndexSnapshot;
}
