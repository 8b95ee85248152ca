import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "../config.js";
import { createLogger, type Logger } from "../log.js";
import { createEmbedder, createQueryEmbedder } from "../models/create-embedder.js";
import type { Embedder } from "../models/embedder.js";
import { createSearcher, type SearchParameters } from "../search/hybrid-search.js";
import { createIndexRefresher } from "../search/create-index-refresher.js";
import { createJiebaTokenizer } from "../text/jieba-tokenizer.js";
import { MANIFEST_FILE_NAME } from "../search/hnsw-index.js";
import { readIndexManifest } from "../search/index-manifest.js";
import { openSearchIndex, type SearchIndex } from "../search/search-index.js";
import { createUnitMatcher, readUnitAliasLines, type UnitMatcher } from "../query/unit-aliases.js";
import { createBulletinStore, type BulletinStore } from "../store/bulletin-store.js";
import { createConversationStore, type ConversationStore } from "../store/conversation-store.js";

const ALIAS_FILE = fileURLToPath(new URL("../../data/dictionary/unit-aliases.txt", import.meta.url));

/** Everything a question needs, opened once: the store, the retrieval indexes and the unit matcher. */
export interface Engine {
  readonly dataDir: string;
  readonly store: BulletinStore;
  readonly index: SearchIndex;
  readonly searcher: ReturnType<typeof createSearcher>;
  readonly conversations: ConversationStore;
  /**
   * Brings the index in line with the store when it changed since the last sync, e.g. through
   * `cli ingest` beside a running server. Cheap when nothing changed (one SQLite read); concurrent
   * callers share one sync; a failed sync is logged and the current index kept.
   */
  refresh(): Promise<void>;
  /** Unit names and aliases, refreshed after ingest. */
  units(): UnitMatcher;
  refreshUnits(): void;
  /** "Today" for resolving 今年/去年: config TODAY or the clock, in local time. */
  today(): string;
  close(): void;
}

export function localDate(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** Opens the engine on `dataDir`, bringing the indexes up to date with the store. */
export async function openEngine(options: {
  config: Config;
  dataDir: string;
  today?: string;
  embedder?: Embedder;
  parameters?: Partial<SearchParameters>;
  logger?: Logger;
}): Promise<Engine> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const store = createBulletinStore({ dataDir: options.dataDir });
  try {
    const tokenizer = createJiebaTokenizer();
    const embedder = options.embedder ?? (await createEmbedder({ config, tokenizer, knownDimensions: indexedDimensions({ config, dataDir: options.dataDir }) }));
    const queryEmbedder = options.embedder ?? (await createQueryEmbedder({ config, embedder }));
    const index = openSearchIndex({ store, dataDir: options.dataDir, embedder, tokenizer });
    await index.sync();
    const aliasLines = readUnitAliasLines({ path: ALIAS_FILE });
    let units = createUnitMatcher({ units: store.listUnits().map((entry) => entry.unit), aliasLines });
    const refreshUnits = () => {
      units = createUnitMatcher({ units: store.listUnits().map((entry) => entry.unit), aliasLines });
    };
    const fixedToday = options.today ?? config.today;

    return {
      dataDir: options.dataDir,
      store,
      index,
      searcher: createSearcher({ index, queryEmbedder, queryTimeoutMs: config.embedding?.queryTimeoutMs, logger, ...(options.parameters ? { parameters: options.parameters } : {}) }),
      conversations: createConversationStore(store.database),
      refresh: createIndexRefresher({ index, store, logger, onSynced: refreshUnits }),
      units: () => units,
      refreshUnits,
      today: () => fixedToday ?? localDate(),
      close: () => store.close(),
    };
  } catch (error) {
    store.close();
    throw error;
  }
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
