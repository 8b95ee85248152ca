import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { SearchStack } from "../app/open-search-stack.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import type { StoredItem } from "../domain.js";
import { createHnswIndex } from "../search/hnsw-index.js";
import type { CitedItem } from "./score-citations.js";

/** A retrieval system under evaluation: question in, ranked citations out ([] = "not found"). */
export type Retriever = (question: string) => Promise<CitedItem[]>;

const TOP = 5;

function toCited(item: StoredItem): CitedItem {
  return { date: item.date, units: item.units, source: item.source };
}

/** What the baselines search: the product's own index and store, without its query understanding. */
export interface BaselineParts {
  stack: SearchStack;
  catalog: BulletinCatalog;
}

/** Ranked chunk ids -> distinct items, best first. */
function itemsOf(parts: BaselineParts, chunkIds: readonly number[]): CitedItem[] {
  const itemIds: number[] = [];
  for (const id of chunkIds) {
    const itemId = parts.stack.index.chunk(id)?.itemId;
    if (itemId !== undefined && !itemIds.includes(itemId)) itemIds.push(itemId);
  }
  return parts.catalog.getItems(itemIds.slice(0, TOP)).map(toCited);
}

/** Plain BM25 over the question's jieba terms: no query understanding, no filters, no floor. */
export function bm25Baseline(parts: BaselineParts): Retriever {
  return async (question) => itemsOf(parts, parts.stack.index.lexical.search({ query: question, k: 30 }).map((hit) => hit.id));
}

/** Plain nearest neighbours of the question's embedding, same embedder and index as the product. */
export function vectorBaseline(parts: BaselineParts): Retriever {
  return async (question) => {
    const [vector] = await parts.stack.index.embedder.embed({ texts: [question] });
    if (!vector) return [];
    return itemsOf(parts, parts.stack.index.vectors.search({ vector, k: 30 }).map((hit) => hit.id));
  };
}

/** Offsets in `text` where each item starts, found by its first characters with whitespace and markup ignored. */
export function locateItems(text: string, items: readonly StoredItem[]): number[] {
  const rawOffsets: number[] = [];
  let normalized = "";
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (/[\s*#]/.test(char)) continue;
    normalized += char;
    rawOffsets.push(index);
  }
  const offsets: number[] = [];
  let cursor = 0;
  for (const item of items) {
    const probe = `${item.title}${item.body}`.replace(/[\s*#△▲]/g, "").slice(0, 10);
    const at = probe ? normalized.indexOf(probe, cursor) : -1;
    const offset = at === -1 ? (offsets.at(-1) ?? 0) : rawOffsets[at]!;
    if (at !== -1) cursor = at + probe.length;
    offsets.push(offset);
  }
  return offsets;
}

/**
 * The textbook LangChain recipe: whole documents split by RecursiveCharacterTextSplitter
 * (500 characters, 50 overlap), the same embedder, an HNSW index, top 5; each chunk is credited
 * to the item it starts in.
 */
export async function langchainBaseline(parts: BaselineParts): Promise<Retriever> {
  const { catalog } = parts;
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 500, chunkOverlap: 50 });
  const chunks: { item: CitedItem; text: string }[] = [];
  for (const document of catalog.listDocuments()) {
    const text = catalog.getText(document.id) ?? "";
    const items = catalog.listItems({ documentId: document.id });
    if (items.length === 0) continue;
    const starts = locateItems(text, items);
    let cursor = 0;
    for (const piece of await splitter.splitText(text)) {
      const at = text.indexOf(piece, cursor);
      const start = at === -1 ? cursor : at;
      cursor = start + 1;
      let owner = 0;
      starts.forEach((offset, index) => { if (offset <= start) owner = index; });
      chunks.push({ item: toCited(items[owner]!), text: piece });
    }
  }
  const embedder = parts.stack.index.embedder;
  const index = createHnswIndex({ embedder: { provider: embedder.provider, model: embedder.model, dimensions: embedder.dimensions } });
  for (let start = 0; start < chunks.length; start += embedder.maxBatchSize) {
    const batch = chunks.slice(start, start + embedder.maxBatchSize);
    const vectors = await embedder.embed({ texts: batch.map((chunk) => chunk.text) });
    index.add(batch.map((_, offset) => ({ id: start + offset, vector: vectors[offset]! })).filter((entry) => entry.vector.some((value) => value !== 0)));
  }
  return async (question) => {
    const [vector] = await embedder.embed({ texts: [question] });
    if (!vector) return [];
    return index.search({ vector, k: TOP }).map((hit) => chunks[hit.id]!.item);
  };
}
