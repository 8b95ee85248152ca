import { fileURLToPath } from "node:url";
import type { Config } from "../config.js";
import { createEmbedder } from "../search/create-embedder.js";
import type { Embedder } from "../search/embedder.js";
import { createSearcher, type SearchParameters } from "../search/hybrid-search.js";
import { createJiebaTokenizer } from "../search/jieba-tokenizer.js";
import { openSearchIndex, type SearchIndex } from "../search/search-index.js";
import { createUnitMatcher, readUnitAliasLines, type UnitMatcher } from "../search/unit-aliases.js";
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
}): Promise<Engine> {
  const store = createBulletinStore({ dataDir: options.dataDir });
  try {
    const tokenizer = createJiebaTokenizer();
    const embedder = options.embedder ?? (await createEmbedder({ config: options.config, tokenizer }));
    const index = openSearchIndex({ store, dataDir: options.dataDir, embedder, tokenizer });
    await index.sync();
    const aliasLines = readUnitAliasLines({ path: ALIAS_FILE });
    let units = createUnitMatcher({ units: store.listDepartments().map((entry) => entry.department), aliasLines });
    const fixedToday = options.today ?? options.config.today;
    return {
      dataDir: options.dataDir,
      store,
      index,
      searcher: createSearcher({ index, ...(options.parameters ? { parameters: options.parameters } : {}) }),
      conversations: createConversationStore(store.database),
      units: () => units,
      refreshUnits: () => {
        units = createUnitMatcher({ units: store.listDepartments().map((entry) => entry.department), aliasLines });
      },
      today: () => fixedToday ?? localDate(),
      close: () => store.close(),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
