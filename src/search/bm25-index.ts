import { IndexOutOfDateError } from "../errors.js";
import { calculateBm25Score, DEFAULT_BM25_PARAMETERS, type Bm25Parameters } from "./bm25.js";
import type { Tokenizer } from "../text/tokenizer.js";

/** Bump whenever the snapshot layout changes; older files are then rejected and rebuilt. */
export const BM25_FORMAT_VERSION = 1;


export interface Bm25IndexParameters extends Bm25Parameters {
  /** Multiplier for scores earned in the title; 2 makes a headline match outrank a passing mention. */
  titleBoost: number;
}

export const DEFAULT_BM25_INDEX_PARAMETERS: Readonly<Bm25IndexParameters> = Object.freeze({
  ...DEFAULT_BM25_PARAMETERS,
  titleBoost: 2,
});

export interface Bm25Document {
  id: number;
  /** Body text. */
  text: string;
  fields?: { title?: string };
}

export interface Bm25Hit {
  id: number;
  score: number;
  /** Query terms found in the document, in query order. */
  matchedTerms: string[];
}

export interface Bm25SearchOptions {
  /** Raw question (tokenised here) or terms already produced by the same tokenizer. */
  query: string | readonly string[];
  k: number;
  filter?: (id: number) => boolean;
}

export interface Bm25Index {
  readonly tokenizerName: string;
  /** Adds or replaces documents by id. */
  add(documents: readonly Bm25Document[]): void;
  /** Removes documents; unknown ids are ignored. */
  remove(ids: readonly number[]): void;
  /** Best k documents, highest score first, ties by ascending id. */
  search(options: Bm25SearchOptions): Bm25Hit[];
  size(): number;
  /** Number of documents containing `term` (title or body). */
  documentFrequency(term: string): number;
  toJSON(): Bm25IndexSnapshot;
}

/** [term, occurrences in title, occurrences in body] */
export type Bm25TermEntry = [string, number, number];

/** Term counts only: scoring parameters are a query-time choice and come from the loader. */
export interface Bm25IndexSnapshot {
  formatVersion: number;
  tokenizer: string;
  documents: { id: number; terms: Bm25TermEntry[] }[];
}

interface FieldLengths {
  title: number;
  body: number;
}

interface DocumentEntry {
  id: number;
  /** Dense position reused after removal, so a search can accumulate scores in a typed array. */
  slot: number;
  lengths: FieldLengths;
  /** One entry per distinct term; shared with the postings lists. */
  terms: Map<string, Posting>;
}

/** Occurrences of one term in one document. */
interface Posting {
  title: number;
  body: number;
  document: DocumentEntry;
  /** Index in the term's postings list, kept so removal is O(1). */
  position: number;
}

/**
 * In-memory BM25+ index over bulletin items with a boosted title field.
 *
 * @example
 * const index = createBm25Index({ tokenizer: createJiebaTokenizer() });
 * index.add([{ id: 1, text: "注册志愿者增至 4.9 万人", fields: { title: "区委社工部推动志愿服务工作提质增效" } }]);
 * index.search({ query: "有多少注册志愿者？", k: 5 }); // [{ id: 1, score: …, matchedTerms: ["注册", …] }]
 */
export function createBm25Index(options: { tokenizer: Tokenizer; parameters?: Partial<Bm25IndexParameters> }): Bm25Index {
  return buildIndex(options).index;
}

/** The index plus a way to refill it from stored counts without re-tokenising (used by loadBm25Index). */
function buildIndex(options: { tokenizer: Tokenizer; parameters?: Partial<Bm25IndexParameters> }): {
  index: Bm25Index;
  insert: (id: number, termCounts: Iterable<Bm25TermEntry>) => void;
} {
  const { tokenizer } = options;
  const parameters: Bm25IndexParameters = { ...DEFAULT_BM25_INDEX_PARAMETERS, ...options.parameters };
  const documents = new Map<number, DocumentEntry>();
  const postings = new Map<string, Posting[]>();
  const totalLengths: FieldLengths = { title: 0, body: 0 };
  const freeSlots: number[] = [];
  let slotCount = 0;

  function insert(id: number, termCounts: Iterable<Bm25TermEntry>): void {
    removeOne(id);
    const document: DocumentEntry = { id, slot: freeSlots.pop() ?? slotCount++, lengths: { title: 0, body: 0 }, terms: new Map() };
    for (const [term, title, body] of termCounts) {
      if (title + body === 0 || document.terms.has(term)) continue;
      const termPostings = postings.get(term) ?? [];
      if (termPostings.length === 0) postings.set(term, termPostings);
      const posting: Posting = { title, body, document, position: termPostings.length };
      termPostings.push(posting);
      document.terms.set(term, posting);
      document.lengths.title += title;
      document.lengths.body += body;
    }
    documents.set(id, document);
    totalLengths.title += document.lengths.title;
    totalLengths.body += document.lengths.body;
  }

  function removeOne(id: number): void {
    const document = documents.get(id);
    if (document === undefined) return;
    for (const [term, posting] of document.terms) {
      const termPostings = postings.get(term);
      if (termPostings === undefined) continue;
      // Swap-remove: postings order carries no meaning, ranking ties are broken by id.
      const last = termPostings.pop();
      if (last !== undefined && last !== posting) {
        termPostings[posting.position] = last;
        last.position = posting.position;
      }
      if (termPostings.length === 0) postings.delete(term);
    }
    totalLengths.title -= document.lengths.title;
    totalLengths.body -= document.lengths.body;
    documents.delete(id);
    freeSlots.push(document.slot);
  }

  function add(newDocuments: readonly Bm25Document[]): void {
    for (const document of newDocuments) {
      const counts = new Map<string, Bm25TermEntry>();
      for (const term of tokenizer.tokenize(document.fields?.title ?? "")) {
        const entry = counts.get(term) ?? [term, 0, 0];
        entry[1] += 1;
        counts.set(term, entry);
      }
      for (const term of tokenizer.tokenize(document.text)) {
        const entry = counts.get(term) ?? [term, 0, 0];
        entry[2] += 1;
        counts.set(term, entry);
      }
      insert(document.id, counts.values());
    }
  }

  function search(searchOptions: Bm25SearchOptions): Bm25Hit[] {
    const { k, filter } = searchOptions;
    if (k <= 0 || documents.size === 0) return [];
    const query = searchOptions.query;
    const queryTerms = [...new Set(typeof query === "string" ? tokenizer.tokenize(query) : query)];
    const totalCount = documents.size;
    const averageTitleLength = totalLengths.title / totalCount;
    const averageBodyLength = totalLengths.body / totalCount;
    const scores = new Float64Array(slotCount);
    // 0 = not asked yet, 1 = allowed, 2 = filtered out; the filter may be costly, so it runs once per document.
    const filterVerdicts = filter === undefined ? undefined : new Uint8Array(slotCount);
    const seen = new Uint8Array(slotCount);
    const candidates: DocumentEntry[] = [];

    for (const term of queryTerms) {
      const termPostings = postings.get(term);
      if (termPostings === undefined) continue;
      const matchingCount = termPostings.length;
      for (const posting of termPostings) {
        const document = posting.document;
        if (filter !== undefined && filterVerdicts !== undefined) {
          if (filterVerdicts[document.slot] === 0) filterVerdicts[document.slot] = filter(document.id) ? 1 : 2;
          if (filterVerdicts[document.slot] === 2) continue;
        }
        let score = 0;
        if (posting.title > 0) {
          score += parameters.titleBoost * calculateBm25Score({
            termFrequency: posting.title, matchingCount, totalCount,
            fieldLength: document.lengths.title, averageFieldLength: averageTitleLength, parameters,
          });
        }
        if (posting.body > 0) {
          score += calculateBm25Score({
            termFrequency: posting.body, matchingCount, totalCount,
            fieldLength: document.lengths.body, averageFieldLength: averageBodyLength, parameters,
          });
        }
        if (seen[document.slot] === 0) {
          seen[document.slot] = 1;
          candidates.push(document);
        }
        scores[document.slot] = (scores[document.slot] ?? 0) + score;
      }
    }
    const ranked = selectTop({ candidates, score: (document) => scores[document.slot] ?? 0, k });
    // Matched terms are looked up for the winners only: building them for every candidate costs more than scoring.
    return ranked.map((document) => ({
      id: document.id,
      score: scores[document.slot] ?? 0,
      matchedTerms: queryTerms.filter((term) => document.terms.has(term)),
    }));
  }

  function toJSON(): Bm25IndexSnapshot {
    return {
      formatVersion: BM25_FORMAT_VERSION,
      tokenizer: tokenizer.name,
      documents: [...documents.values()].map((document) => ({
        id: document.id,
        terms: [...document.terms].map(([term, posting]): Bm25TermEntry => [term, posting.title, posting.body]),
      })),
    };
  }

  const index: Bm25Index = {
    tokenizerName: tokenizer.name,
    add,
    remove: (ids) => ids.forEach((id) => removeOne(id)),
    search,
    size: () => documents.size,
    documentFrequency: (term) => postings.get(term)?.length ?? 0,
    toJSON,
  };
  return { index, insert };
}

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
  const { index, insert } = buildIndex({ tokenizer: options.tokenizer, parameters: options.parameters });
  for (const document of snapshot.documents) insert(document.id, document.terms);
  return index;
}

/** The k best documents, highest score first, ties by ascending id; one pass over the candidates for small k. */
function selectTop(options: {
  candidates: readonly DocumentEntry[];
  score: (document: DocumentEntry) => number;
  k: number;
}): DocumentEntry[] {
  const { candidates, score, k } = options;
  const ranksBefore = (left: { document: DocumentEntry; score: number }, right: { document: DocumentEntry; score: number }): boolean =>
    left.score > right.score || (left.score === right.score && left.document.id < right.document.id);
  if (k * 8 >= candidates.length) {
    return candidates
      .map((document) => ({ document, score: score(document) }))
      .sort((left, right) => (ranksBefore(left, right) ? -1 : ranksBefore(right, left) ? 1 : 0))
      .slice(0, k)
      .map((entry) => entry.document);
  }
  // Insertion into a short sorted list: most candidates fail the first comparison with the current k-th.
  const top: { document: DocumentEntry; score: number }[] = [];
  for (const document of candidates) {
    const candidate = { document, score: score(document) };
    const last = top[top.length - 1];
    if (top.length === k && last !== undefined && !ranksBefore(candidate, last)) continue;
    let position = top.length;
    while (position > 0) {
      const previous = top[position - 1];
      if (previous === undefined || !ranksBefore(candidate, previous)) break;
      position -= 1;
    }
    top.splice(position, 0, candidate);
    if (top.length > k) top.pop();
  }
  return top.map((entry) => entry.document);
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
