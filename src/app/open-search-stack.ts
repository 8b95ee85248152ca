import path from "node:path";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { createEmbedder, createQueryEmbedder } from "../models/create-embedder.js";
import type { Embedder } from "../models/embedder.js";
import { createIndexRefresher } from "../search/create-index-refresher.js";
import { MANIFEST_FILE_NAME } from "../search/hnsw-index.js";
import { createSearcher, type SearchParameters } from "../search/hybrid-search.js";
import { readIndexManifest } from "../search/index-manifest.js";
import { createRetrieval } from "../search/retrieval.js";
import { openSearchIndex } from "../search/search-index.js";
import type { Thesaurus } from "../query/thesaurus.js";
import type { ChunkStore } from "../store/chunk-store.js";
import { createJiebaTokenizer } from "../text/jieba-tokenizer.js";
import type { Retrieval } from "../search/retrieval.js";
import type { SearchIndex } from "../search/search-index.js";

/** The search stack: opened on first use, because it loads the segmenter and the index files. */
export interface SearchStack {
  index: SearchIndex;
  retrieval: Retrieval;
}

/**
 * Opens the retrieval indexes of `dataDir` with the configured segmenter and embedder, and
 * brings them in line with the store. Loaded lazily by the application: the segmenter's
 * dictionary and the index files are the largest part of start-up.
 */
export async function openSearchStack(options: {
  config: Config;
  dataDir: string;
  logger: Logger;
  chunks: ChunkStore;
  contentVersion: () => number;
  unitNames: () => string[];
  embedder?: Embedder | undefined;
  parameters?: Partial<SearchParameters> | undefined;
  thesaurus?: Thesaurus | undefined;
}): Promise<SearchStack> {
  const { config, logger } = options;
  const tokenizer = createJiebaTokenizer();
  const embedder = options.embedder ?? (await createEmbedder({ config, tokenizer, knownDimensions: indexedDimensions({ config, dataDir: options.dataDir }) }));
  const queryEmbedder = options.embedder ?? (await createQueryEmbedder({ config, embedder }));
  const index = openSearchIndex({
    chunks: options.chunks, contentVersion: options.contentVersion, unitNames: options.unitNames, dataDir: options.dataDir, embedder, tokenizer,
    // The configured offline embedder: a full build runs in worker threads that make its vectors themselves.
    ...(options.embedder === undefined && !config.embedding ? { workerBuild: {} } : {}),
    // jieba's dictionary (~3 s) loads while the index files are read on other threads.
    whileLoading: () => tokenizer.preload(),
  });
  await index.sync();
  const searcher = createSearcher({
    index, queryEmbedder, queryTimeoutMs: config.embedding?.queryTimeoutMs, logger,
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.thesaurus ? { thesaurus: options.thesaurus } : {}),
  });
  const refresh = createIndexRefresher({ index, contentVersion: options.contentVersion, logger });
  return { index, retrieval: createRetrieval({ index, search: searcher.search, refresh }) };
}

/** The vector length of the existing index when it was built by the configured endpoint model: no probe request needed then. */
function indexedDimensions(options: { config: Config; dataDir: string }): number | undefined {
  const model = options.config.embedding?.model;
  if (model === undefined) return undefined;
  try {
    const manifest = readIndexManifest({ path: path.join(options.dataDir, "index", MANIFEST_FILE_NAME) });
    return manifest?.embedder.provider === "openai-compatible" && manifest.embedder.model === model ? manifest.embedder.dimensions : undefined;
  } catch {
    // An unreadable manifest is reported, with its fix, when the index is loaded.
    return undefined;
  }
}
