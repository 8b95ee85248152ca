import type { EvidenceHit } from "./answerability.js";
import type { ChunkInfo } from "./search-index.js";

/** Ranked passages folded into the items they belong to: one hit per item. */

export interface SearchHit extends EvidenceHit {
  /** Fused score of the item's best passage (higher is better; comparable within one search). */
  score: number;
  chunkIds: number[];
  matchedTerms: string[];
}

/** Distinct items of the first chunks of a ranked list, at most `limit`. */
export function itemsOfChunks(ids: readonly number[], chunkById: ReadonlyMap<number, ChunkInfo>, limit: number): number[] {
  const items: number[] = [];
  for (const id of ids) {
    const itemId = chunkById.get(id)?.itemId;
    if (itemId !== undefined && !items.includes(itemId)) items.push(itemId);
    if (items.length >= limit) break;
  }
  return items;
}

/** One hit per item, scored by its best passage; more recent issues win ties. */
export function foldIntoItems(scored: readonly { chunk: ChunkInfo; score: number; matched: readonly string[] }[]): SearchHit[] {
  const byItem = new Map<number, SearchHit>();
  for (const { chunk, score, matched } of scored) {
    const existing = byItem.get(chunk.itemId);
    if (!existing) {
      byItem.set(chunk.itemId, { itemId: chunk.itemId, score, coverage: 0, bigrams: 0, units: [...chunk.units], missesKeyTerm: false, chunkIds: [chunk.id], matchedTerms: [...matched], date: chunk.date });
      continue;
    }
    existing.score = Math.max(existing.score, score);
    existing.chunkIds.push(chunk.id);
    existing.matchedTerms = [...new Set([...existing.matchedTerms, ...matched])];
  }
  return [...byItem.values()]
    .sort((left, right) => right.score - left.score || (right.date ?? "").localeCompare(left.date ?? "") || left.itemId - right.itemId);
}
