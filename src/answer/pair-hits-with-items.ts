import type { StoredItem } from "../domain.js";
import type { SearchHit } from "../search/hybrid-search.js";

/** A search hit with the stored item it names. */
export interface FoundItem {
  item: StoredItem;
  hit: SearchHit;
}

/**
 * Pairs hits with their items by id, in hit order. A hit whose item is gone (its issue was
 * replaced after the search) is dropped: pairing by position would cite the wrong item.
 */
export function pairHitsWithItems(options: { hits: readonly SearchHit[]; items: readonly StoredItem[] }): FoundItem[] {
  const byId = new Map(options.items.map((item) => [item.id, item]));
  return options.hits.flatMap((hit) => {
    const item = byId.get(hit.itemId);
    return item ? [{ item, hit }] : [];
  });
}
