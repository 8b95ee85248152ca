import { StoreError } from "../errors.js";
import { calculateBm25Score, DEFAULT_BM25_PARAMETERS, type Bm25Parameters } from "./bm25.js";
import type { Tokenizer } from "./tokenizer.js";

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
  toJSON(): Bm25IndexSnapshot;
}

/** [term, occurrences in title, occurrences in body] */
export type Bm25TermEntry = [string, number, number];

export interface Bm25IndexSnapshot {
  formatVersion: number;
  tokenizer: string;
  parameters: Bm25IndexParameters;
  documents: { id: number; terms: Bm25TermEntry[] }[];
}

interface FieldLengths {
  title: number;
  body: number;
}

/** One term in one document; shared by the term's postings and the document's own term map. */
interface Posting {
  title: number;
  body: number;
  lengths: FieldLengths;
}

interface DocumentEntry {
  lengths: FieldLengths;
  terms: Map<string, Posting>;
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
  const postings = new Map<string, Map<number, Posting>>();
  const totalLengths: FieldLengths = { title: 0, body: 0 };

  function insert(id: number, termCounts: Iterable<Bm25TermEntry>): void {
    removeOne(id);
    const lengths: FieldLengths = { title: 0, body: 0 };
    const terms = new Map<string, Posting>();
    for (const [term, title, body] of termCounts) {
      if (title + body === 0) continue;
      const posting: Posting = { title, body, lengths };
      terms.set(term, posting);
      lengths.title += title;
      lengths.body += body;
      let termPostings = postings.get(term);
      if (termPostings === undefined) {
        termPostings = new Map();
        postings.set(term, termPostings);
      }
      termPostings.set(id, posting);
    }
    documents.set(id, { lengths, terms });
    totalLengths.title += lengths.title;
    totalLengths.body += lengths.body;
  }

  function removeOne(id: number): void {
    const entry = documents.get(id);
    if (entry === undefined) return;
    for (const term of entry.terms.keys()) {
      const termPostings = postings.get(term);
      termPostings?.delete(id);
      if (termPostings?.size === 0) postings.delete(term);
    }
    totalLengths.title -= entry.lengths.title;
    totalLengths.body -= entry.lengths.body;
    documents.delete(id);
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
    const queryTerms = typeof searchOptions.query === "string" ? tokenizer.tokenize(searchOptions.query) : searchOptions.query;
    const totalCount = documents.size;
    const averageTitleLength = totalLengths.title / totalCount;
    const averageBodyLength = totalLengths.body / totalCount;
    const allowed = new Map<number, boolean>();
    const hits = new Map<number, Bm25Hit>();

    for (const term of new Set(queryTerms)) {
      const termPostings = postings.get(term);
      if (termPostings === undefined) continue;
      const matchingCount = termPostings.size;
      for (const [id, posting] of termPostings) {
        if (filter !== undefined) {
          let isAllowed = allowed.get(id);
          if (isAllowed === undefined) {
            isAllowed = filter(id);
            allowed.set(id, isAllowed);
          }
          if (!isAllowed) continue;
        }
        let score = 0;
        if (posting.title > 0) {
          score += parameters.titleBoost * calculateBm25Score({
            termFrequency: posting.title, matchingCount, totalCount,
            fieldLength: posting.lengths.title, averageFieldLength: averageTitleLength, parameters,
          });
        }
        if (posting.body > 0) {
          score += calculateBm25Score({
            termFrequency: posting.body, matchingCount, totalCount,
            fieldLength: posting.lengths.body, averageFieldLength: averageBodyLength, parameters,
          });
        }
        const hit = hits.get(id);
        if (hit === undefined) {
          hits.set(id, { id, score, matchedTerms: [term] });
        } else {
          hit.score += score;
          hit.matchedTerms.push(term);
        }
      }
    }
    return [...hits.values()].sort((left, right) => right.score - left.score || left.id - right.id).slice(0, k);
  }

  function toJSON(): Bm25IndexSnapshot {
    return {
      formatVersion: BM25_FORMAT_VERSION,
      tokenizer: tokenizer.name,
      parameters: { ...parameters },
      documents: [...documents].map(([id, entry]) => ({
        id,
        terms: [...entry.terms].map(([term, posting]): Bm25TermEntry => [term, posting.title, posting.body]),
      })),
    };
  }

  const index: Bm25Index = {
    tokenizerName: tokenizer.name,
    add,
    remove: (ids) => ids.forEach((id) => removeOne(id)),
    search,
    size: () => documents.size,
    toJSON,
  };
  return { index, insert };
}

/**
 * Rebuilds an index from `toJSON()` output. Throws StoreError when the snapshot was written by another
 * format version or tokenizer, since its terms would not match today's queries.
 */
export function loadBm25Index(options: {
  snapshot: unknown;
  tokenizer: Tokenizer;
  /** Overrides the parameters stored in the snapshot. */
  parameters?: Partial<Bm25IndexParameters>;
  /** Named in error messages, e.g. the file the snapshot came from. */
  source?: string;
}): Bm25Index {
  const source = options.source ?? "BM25 index";
  const snapshot = validateSnapshot(options.snapshot, source);
  if (snapshot.tokenizer !== options.tokenizer.name) {
    throw new StoreError({
      message: `${source}: built with tokenizer "${snapshot.tokenizer}", but this version uses "${options.tokenizer.name}"`,
      hint: "run `npm run cli -- reindex` to rebuild the search index",
    });
  }
  const { index, insert } = buildIndex({
    tokenizer: options.tokenizer,
    parameters: { ...snapshot.parameters, ...options.parameters },
  });
  for (const document of snapshot.documents) insert(document.id, document.terms);
  return index;
}

function validateSnapshot(value: unknown, source: string): Bm25IndexSnapshot {
  const hint = "run `npm run cli -- reindex` to rebuild the search index";
  if (typeof value !== "object" || value === null || !("formatVersion" in value)) {
    throw new StoreError({ message: `${source}: not a BM25 index snapshot (no formatVersion)`, hint });
  }
  const candidate = value as Partial<Bm25IndexSnapshot>;
  if (candidate.formatVersion !== BM25_FORMAT_VERSION) {
    throw new StoreError({
      message: `${source}: unsupported BM25 index format version ${String(candidate.formatVersion)} (this version reads ${BM25_FORMAT_VERSION})`,
      hint,
    });
  }
  const parameters = candidate.parameters;
  const parametersValid =
    typeof parameters === "object" && parameters !== null &&
    (["k", "b", "d", "titleBoost"] as const).every((name) => Number.isFinite(parameters[name]));
  if (typeof candidate.tokenizer !== "string" || !parametersValid || !Array.isArray(candidate.documents)) {
    throw new StoreError({ message: `${source}: BM25 index snapshot is incomplete (tokenizer, parameters or documents missing)`, hint });
  }
  for (const document of candidate.documents) {
    if (!Number.isInteger(document?.id) || !Array.isArray(document?.terms)) {
      throw new StoreError({ message: `${source}: BM25 index snapshot has a malformed document entry`, hint });
    }
  }
  return candidate as Bm25IndexSnapshot;
}
