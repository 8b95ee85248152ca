/** How the BM25 index lays out its documents and postings in memory: typed arrays by slot, counts packed. */

/** [term, occurrences in title, occurrences in body] */
export type Bm25TermEntry = [string, number, number];

/**
 * Postings of one term: [slot, title << 16 | body] pairs in ascending slot order, `length` pairs
 * used. Typed arrays instead of an object per posting: 200,000 chunks hold some 14 million
 * postings, which as objects took ~450 MiB and seconds to rebuild at start.
 */
export interface TermPostings {
  pairs: Int32Array;
  length: number;
}

export const COUNT_LIMIT = 0xffff;

/** Title and body occurrences packed in one int: a passage never holds a term 65,535 times. */
export function packCounts(title: number, body: number): number {
  return (Math.min(title, COUNT_LIMIT) << 16) | Math.min(body, COUNT_LIMIT);
}

/** Growable typed arrays of per-document values, indexed by slot. */
export class SlotColumns {
  ids = new Float64Array(1024);
  titleLengths = new Int32Array(1024);
  bodyLengths = new Int32Array(1024);
  live = new Uint8Array(1024);

  ensure(slots: number): void {
    if (slots <= this.ids.length) return;
    let capacity = this.ids.length;
    while (capacity < slots) capacity *= 2;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(array: T, make: (length: number) => T): T => {
      const grown = make(capacity);
      grown.set(array);
      return grown;
    };
    this.ids = grow(this.ids, (length) => new Float64Array(length));
    this.titleLengths = grow(this.titleLengths, (length) => new Int32Array(length));
    this.bodyLengths = grow(this.bodyLengths, (length) => new Int32Array(length));
    this.live = grow(this.live, (length) => new Uint8Array(length));
  }
}

/** A document's terms with their counts in title and body, in the order first seen (title first). */
export function countTerms(options: { title: readonly string[]; body: readonly string[] }): Bm25TermEntry[] {
  const counts = new Map<string, Bm25TermEntry>();
  for (const term of options.title) {
    const entry = counts.get(term) ?? [term, 0, 0];
    entry[1] += 1;
    counts.set(term, entry);
  }
  for (const term of options.body) {
    const entry = counts.get(term) ?? [term, 0, 0];
    entry[2] += 1;
    counts.set(term, entry);
  }
  return [...counts.values()];
}
