/** One neighbour found by a VectorIndex. */
export interface VectorHit {
  id: number;
  /** Cosine similarity in [-1, 1]; higher is closer. */
  score: number;
}

/**
 * Nearest-neighbour search over L2-normalised vectors by cosine similarity.
 * Implementations: hnsw-index.ts (approximate, persisted), exact-index.ts (brute force, the oracle).
 */
export interface VectorIndex {
  readonly dimensions: number;
  /** Number of live (not removed) vectors. */
  size(): number;
  /** Adds or replaces vectors by id. */
  add(entries: readonly { id: number; vector: readonly number[] }[]): void;
  /** Removes vectors; unknown ids are ignored. */
  remove(ids: readonly number[]): void;
  has(id: number): boolean;
  /** Ids of the live vectors, ascending. */
  ids(): number[];
  /**
   * The k nearest, closest first. `among` limits the search to those ids (cheaper than a `filter`
   * that would be asked about every vector); `filter`, if also given, must accept them too.
   */
  search(options: { vector: readonly number[]; k: number; filter?: (id: number) => boolean; among?: ReadonlySet<number> }): VectorHit[];
  /** Writes the index to disk, off the event loop (no-op for purely in-memory indexes); the index must not change until it settles. */
  save(): Promise<void>;
}
