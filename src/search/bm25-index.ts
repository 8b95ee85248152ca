import { IndexOutOfDateError } from "../errors.js";
import { bm25FieldScore, bm25InverseDocumentFrequency, DEFAULT_BM25_PARAMETERS, type Bm25Parameters } from "./bm25.js";
import type { Tokenizer } from "../text/tokenizer.js";
import { createIdSlots } from "./id-slots.js";
import { COUNT_LIMIT, countTerms, packCounts, SlotColumns, type Bm25TermEntry, type TermPostings } from "./bm25-columns.js";
import { selectTop } from "./select-top.js";

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
  /** Only these documents: marked once, where `filter` is asked about every posting (a unit's 19,000 of 200,000). */
  among?: ReadonlySet<number>;
}

export interface Bm25Index {
  readonly tokenizerName: string;
  /** Adds or replaces documents by id. */
  add(documents: readonly Bm25Document[]): void;
  /** add() for documents whose terms were counted elsewhere (countTerms with the same tokenizer, in a worker thread). */
  addCounted(documents: readonly { id: number; terms: Iterable<Bm25TermEntry> }[]): void;
  /** Removes documents; unknown ids are ignored. */
  remove(ids: readonly number[]): void;
  /** Best k documents, highest score first, ties by ascending id. */
  search(options: Bm25SearchOptions): Bm25Hit[];
  size(): number;
  has(id: number): boolean;
  /** Ids of the indexed documents, ascending. */
  ids(): number[];
  /** Number of documents containing `term` (title or body). */
  documentFrequency(term: string): number;
  /** Every term ever indexed, in the order first seen, from position `start`: the list only grows, so a reader can take what is new. */
  vocabulary(start: number): readonly string[];
  /** Term counts as JSON: readable, for tests and small indexes. */
  toJSON(): Bm25IndexSnapshot;
  /** Live documents' term counts, renumbered densely (serializeBm25Index writes them). */
  contents(): Bm25Contents;
}

export type { Bm25TermEntry } from "./bm25-columns.js";

/** Term counts only: scoring parameters are a query-time choice and come from the loader. */
export interface Bm25IndexSnapshot {
  formatVersion: number;
  tokenizer: string;
  documents: { id: number; terms: Bm25TermEntry[] }[];
}

/** Term counts by document, dense: what serialisers write and read back without re-tokenising. */
export interface Bm25Contents {
  ids: Float64Array;
  titleLengths: Int32Array;
  bodyLengths: Int32Array;
  terms: string[];
  /** Per term, its postings as [slot, packed counts] pairs; slots index `ids`. */
  postings: Int32Array[];
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
  return buildBm25Index(options).index;
}

/** The index plus a way to refill it from stored counts without re-tokenising (bm25-snapshot.ts). */
export function buildBm25Index(options: { tokenizer: Tokenizer; parameters?: Partial<Bm25IndexParameters>; contents?: Bm25Contents }): {
  index: Bm25Index;
  insert: (id: number, termCounts: Iterable<Bm25TermEntry>) => void;
} {
  const { tokenizer } = options;
  const parameters: Bm25IndexParameters = { ...DEFAULT_BM25_INDEX_PARAMETERS, ...options.parameters };
  const columns = new SlotColumns();
  const slotById = createIdSlots();
  let liveDocuments = 0;
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const postings: TermPostings[] = [];
  const totalLengths = { title: 0, body: 0 };
  // Slots are never reused, so postings stay sorted by slot; serialising renumbers them densely.
  let slotCount = 0;

  if (options.contents) {
    const contents = options.contents;
    const count = contents.ids.length;
    columns.ensure(count);
    columns.ids.set(contents.ids);
    columns.titleLengths.set(contents.titleLengths);
    columns.bodyLengths.set(contents.bodyLengths);
    columns.live.fill(1, 0, count);
    for (let slot = 0; slot < count; slot += 1) {
      slotById.set(contents.ids[slot]!, slot);
      totalLengths.title += contents.titleLengths[slot]!;
      totalLengths.body += contents.bodyLengths[slot]!;
    }
    slotCount = count;
    liveDocuments = count;
    contents.terms.forEach((term, termId) => {
      termIds.set(term, termId);
      terms.push(term);
      postings.push({ pairs: contents.postings[termId]!, length: contents.postings[termId]!.length / 2 });
    });
  }

  function appendPosting(term: string, slot: number, counts: number): void {
    let termId = termIds.get(term);
    if (termId === undefined) {
      termId = terms.length;
      termIds.set(term, termId);
      terms.push(term);
      postings.push({ pairs: new Int32Array(4), length: 0 });
    }
    const list = postings[termId]!;
    if (list.length * 2 === list.pairs.length) {
      const grown = new Int32Array(Math.max(4, list.pairs.length * 2));
      grown.set(list.pairs);
      list.pairs = grown;
    }
    list.pairs[list.length * 2] = slot;
    list.pairs[list.length * 2 + 1] = counts;
    list.length += 1;
  }

  function insert(id: number, termCounts: Iterable<Bm25TermEntry>): void {
    if (slotById.has(id)) removeMany([id]);
    const slot = slotCount++;
    columns.ensure(slotCount);
    const seen = new Set<string>();
    let title = 0;
    let body = 0;
    for (const [term, titleCount, bodyCount] of termCounts) {
      if (titleCount + bodyCount === 0 || seen.has(term)) continue;
      seen.add(term);
      appendPosting(term, slot, packCounts(titleCount, bodyCount));
      title += titleCount;
      body += bodyCount;
    }
    columns.ids[slot] = id;
    columns.titleLengths[slot] = title;
    columns.bodyLengths[slot] = body;
    columns.live[slot] = 1;
    slotById.set(id, slot);
    liveDocuments += 1;
    totalLengths.title += title;
    totalLengths.body += body;
  }

  // Removed documents keep their postings until contents() leaves them out: dropping them from every
  // list is one pass over all postings (14 million at 200,000 chunks), too long for a server's event loop.
  // Scores and document frequencies skip them, so results are those of an index that never had them.
  let deadSlots = 0;

  let scratch: { scores: Float64Array; seen: Uint8Array; verdicts: Uint8Array } | undefined;
  function scratchFor(slots: number) {
    if (!scratch || scratch.scores.length < slots) {
      const capacity = Math.max(1024, Math.ceil(slots * 1.25));
      scratch = { scores: new Float64Array(capacity), seen: new Uint8Array(capacity), verdicts: new Uint8Array(capacity) };
    }
    return scratch;
  }

  function removeMany(ids: readonly number[]): void {
    for (const id of ids) {
      const slot = slotById.get(id);
      if (slot === -1) continue;
      columns.live[slot] = 0;
      slotById.delete(id);
      liveDocuments -= 1;
      totalLengths.title -= columns.titleLengths[slot]!;
      totalLengths.body -= columns.bodyLengths[slot]!;
      deadSlots += 1;
    }
  }

  /** Live documents holding the term. */
  function liveCount(list: TermPostings): number {
    if (deadSlots === 0) return list.length;
    const live = columns.live;
    let count = 0;
    for (let position = 0; position < list.length; position += 1) count += live[list.pairs[position * 2]!]!;
    return count;
  }

  function add(newDocuments: readonly Bm25Document[]): void {
    for (const document of newDocuments) {
      insert(document.id, countTerms({ title: tokenizer.tokenize(document.fields?.title ?? ""), body: tokenizer.tokenize(document.text) }));
    }
  }

  /** Whether the document in `slot` holds the term: binary search in its slot-sorted postings. */
  function holds(list: TermPostings | undefined, slot: number): boolean {
    if (list === undefined) return false;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = list.pairs[middle * 2]!;
      if (found === slot) return true;
      if (found < slot) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  function search(searchOptions: Bm25SearchOptions): Bm25Hit[] {
    const { k, filter, among } = searchOptions;
    const totalCount = liveDocuments;
    if (k <= 0 || totalCount === 0) return [];
    const query = searchOptions.query;
    const queryTerms = [...new Set(typeof query === "string" ? tokenizer.tokenize(query) : query)];
    const averageTitleLength = totalLengths.title / totalCount;
    const averageBodyLength = totalLengths.body / totalCount;
    // Scratch arrays kept between searches (zeroed where used): new ones of 200,000 slots were fresh memory
    // to fault in at every question.
    const { scores, seen, verdicts } = scratchFor(slotCount);
    // 0 = not asked yet, 1 = allowed, 2 = filtered out; the filter may be costly, so it runs once per document.
    // Documents outside `among` start out filtered out.
    const filterVerdicts = filter === undefined && among === undefined ? undefined : verdicts;
    if (filterVerdicts) {
      filterVerdicts.fill(among ? 2 : 0, 0, slotCount);
      if (among) {
        for (const id of among) {
          const slot = slotById.get(id);
          if (slot !== -1) filterVerdicts[slot] = 0;
        }
      }
    }
    const candidates: number[] = [];
    const { ids, titleLengths, bodyLengths, live } = columns;
    let ranked: number[];
    let hitScores: number[];
    try {
      for (const term of queryTerms) {
        const termId = termIds.get(term);
        const list = termId === undefined ? undefined : postings[termId];
        if (list === undefined || list.length === 0) continue;
        // calculateBm25Score's IDF, the same for every posting of the term.
        const idf = bm25InverseDocumentFrequency(liveCount(list), totalCount);
        const pairs = list.pairs;
        for (let position = 0; position < list.length; position += 1) {
          const slot = pairs[position * 2]!;
          if (live[slot] === 0) continue;
          if (filterVerdicts !== undefined) {
            if (filterVerdicts[slot] === 0) filterVerdicts[slot] = filter === undefined || filter(ids[slot]!) ? 1 : 2;
            if (filterVerdicts[slot] === 2) continue;
          }
          const counts = pairs[position * 2 + 1]!;
          const title = counts >>> 16;
          const body = counts & COUNT_LIMIT;
          let score = 0;
          if (title > 0) score += parameters.titleBoost * bm25FieldScore(idf, title, titleLengths[slot]!, averageTitleLength, parameters);
          if (body > 0) score += bm25FieldScore(idf, body, bodyLengths[slot]!, averageBodyLength, parameters);
          if (seen[slot] === 0) {
            seen[slot] = 1;
            candidates.push(slot);
          }
          scores[slot] = scores[slot]! + score;
        }
      }
      ranked = selectTop({ candidates, scores, ids, k });
      hitScores = ranked.map((slot) => scores[slot]!);
    } finally {
      for (const slot of candidates) {
        scores[slot] = 0;
        seen[slot] = 0;
      }
    }
    // Matched terms are looked up for the winners only: building them for every candidate costs more than scoring.
    return ranked.map((slot, rank) => ({
      id: ids[slot]!,
      score: hitScores[rank]!,
      matchedTerms: queryTerms.filter((term) => {
        const termId = termIds.get(term);
        return termId !== undefined && holds(postings[termId], slot);
      }),
    }));
  }

  /** Live documents in slot order with dense new slots, and each term's live postings renumbered to them. */
  function contents(): Bm25Contents {
    if (deadSlots === 0) {
      // Nothing removed: slots are already dense, and the arrays themselves are handed out (views, no copies).
      const used = terms.flatMap((term, termId) => (postings[termId]!.length > 0 ? [termId] : []));
      return {
        ids: columns.ids.subarray(0, slotCount),
        titleLengths: columns.titleLengths.subarray(0, slotCount),
        bodyLengths: columns.bodyLengths.subarray(0, slotCount),
        terms: used.map((termId) => terms[termId]!),
        // Lists read from a file are exactly their length: handed out as they are (a view costs ~2 µs, 30,000 of them 60 ms).
        postings: used.map((termId) => {
          const list = postings[termId]!;
          return list.pairs.length === list.length * 2 ? list.pairs : list.pairs.subarray(0, list.length * 2);
        }),
      };
    }
    const newSlot = new Int32Array(slotCount).fill(-1);
    const liveSlots: number[] = [];
    for (let slot = 0; slot < slotCount; slot += 1) {
      if (columns.live[slot] === 0) continue;
      newSlot[slot] = liveSlots.length;
      liveSlots.push(slot);
    }
    const keptTerms: string[] = [];
    const keptPostings: Int32Array[] = [];
    terms.forEach((term, termId) => {
      const list = postings[termId]!;
      const count = liveCount(list);
      if (count === 0) return;
      const pairs = new Int32Array(count * 2);
      let kept = 0;
      for (let position = 0; position < list.length; position += 1) {
        const slot = newSlot[list.pairs[position * 2]!]!;
        if (slot === -1) continue;
        pairs[kept * 2] = slot;
        pairs[kept * 2 + 1] = list.pairs[position * 2 + 1]!;
        kept += 1;
      }
      keptTerms.push(term);
      keptPostings.push(pairs);
    });
    return {
      ids: Float64Array.from(liveSlots, (slot) => columns.ids[slot]!),
      titleLengths: Int32Array.from(liveSlots, (slot) => columns.titleLengths[slot]!),
      bodyLengths: Int32Array.from(liveSlots, (slot) => columns.bodyLengths[slot]!),
      terms: keptTerms,
      postings: keptPostings,
    };
  }

  function toJSON(): Bm25IndexSnapshot {
    const { ids, terms: keptTerms, postings: keptPostings } = contents();
    const documentTerms: Bm25TermEntry[][] = Array.from(ids, () => []);
    keptTerms.forEach((term, termId) => {
      const pairs = keptPostings[termId]!;
      for (let position = 0; position < pairs.length; position += 2) {
        const counts = pairs[position + 1]!;
        documentTerms[pairs[position]!]!.push([term, counts >>> 16, counts & COUNT_LIMIT]);
      }
    });
    return {
      formatVersion: BM25_FORMAT_VERSION,
      tokenizer: tokenizer.name,
      documents: Array.from(ids, (id, slot) => ({ id, terms: documentTerms[slot]! })),
    };
  }

  const index: Bm25Index = {
    tokenizerName: tokenizer.name,
    add,
    addCounted: (documents) => documents.forEach((document) => insert(document.id, document.terms)),
    remove: (ids) => removeMany(ids),
    search,
    size: () => liveDocuments,
    has: (id) => slotById.has(id),
    ids: () => slotById.ids(),
    documentFrequency: (term) => {
      const termId = termIds.get(term);
      return termId === undefined ? 0 : liveCount(postings[termId]!);
    },
    vocabulary: (start) => terms.slice(start),
    toJSON,
    contents,
  };
  return { index, insert };
}
