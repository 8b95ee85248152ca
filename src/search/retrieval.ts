import type { QueryUnderstanding } from "../query/understand-query.js";
import type { SearchMode, SearchResult } from "./hybrid-search.js";
import { inverseDocumentFrequency } from "./relevance.js";
import type { SearchIndex } from "./search-index.js";

/** What answering a fact question needs from the search layer, and nothing more. */
export interface Retrieval {
  /** Searches the bulletins as they are now: an ingest since the last search is indexed first. */
  search(request: { understanding: QueryUnderstanding; k: number; mode?: SearchMode }): Promise<SearchResult>;
  /** How telling a term is in the indexed bulletins (inverse document frequency). */
  termWeight(term: string): number;
  /** The terms of a text, as the index segments them. */
  tokenize(text: string): string[];
}

/** Binds a searcher to its index and to the refresh that keeps the index in step with the store. */
export function createRetrieval(options: {
  index: SearchIndex;
  search: (request: { understanding: QueryUnderstanding; k: number; mode?: SearchMode }) => Promise<SearchResult>;
  refresh: () => Promise<void>;
}): Retrieval {
  const { index } = options;
  return {
    search: async (request) => {
      await options.refresh();
      return options.search(request);
    },
    termWeight: (term) =>
      inverseDocumentFrequency({ documentFrequency: index.lexical.documentFrequency(term), documents: Math.max(1, index.lexical.size()) }),
    tokenize: (text) => index.tokenizer.tokenize(text),
  };
}
