import type { Statistics } from "../stats/statistics.js";

/** Answers kept per kind of count; the archive changes only when something is ingested. */
const CACHED_ANSWERS = 64;

/**
 * Statistics whose unit tallies and totals are kept until the store's content changes: a count
 * over the whole archive reads every item (~1 s at 200,000 items), and the same counts are asked
 * for again and again between two ingests. Each caller gets its own copy (some sort what they get).
 */
export function cacheStatistics(options: { statistics: Statistics; contentVersion: () => number }): Statistics {
  const { statistics, contentVersion } = options;
  const kept = new Map<string, { version: number; value: unknown }>();
  function cached<T>(name: string, query: unknown, compute: () => T): T {
    const key = `${name} ${JSON.stringify(query ?? {})}`;
    const version = contentVersion();
    const entry = kept.get(key);
    if (entry?.version === version) {
      kept.delete(key);
      kept.set(key, entry);
      return structuredClone(entry.value) as T;
    }
    const value = compute();
    kept.set(key, { version, value: structuredClone(value) });
    if (kept.size > CACHED_ANSWERS) kept.delete(kept.keys().next().value!);
    return value;
  }
  return {
    ...statistics,
    unitTallies: (query) => cached("unitTallies", query, () => statistics.unitTallies(query)),
    totals: (query) => cached("totals", query, () => statistics.totals(query)),
  };
}
