import { fileURLToPath } from "node:url";
import { createCountQuestions } from "../answer/answer-count.js";
import { createAnswerer, type Answerer } from "../answer/answer-question.js";
import type { CitationLinks } from "../answer/citation-links.js";
import type { Config } from "../config.js";
import { describeError } from "../errors.js";
import { ingestFiles, type IngestReport } from "../ingest/ingest-files.js";
import type { Logger } from "../log.js";
import type { ChatModel } from "../models/chat-model.js";
import { createChatModel } from "../models/create-chat-model.js";
import type { Embedder } from "../models/embedder.js";
import { readThesaurus, type Thesaurus } from "../query/thesaurus.js";
import { understandQuery, type QueryUnderstanding } from "../query/understand-query.js";
import { createUnitMatcher, readUnitAliasLines, type UnitMatcher } from "../query/unit-aliases.js";
import type { SearchParameters } from "../search/hybrid-search.js";
import type { SearchStack } from "./open-search-stack.js";
import { createBulletinStore, type BulletinCatalog } from "../store/bulletin-store.js";
import { createChunkStore } from "../store/chunk-store.js";
import { createConversationStore } from "../store/conversation-store.js";
import { createFeedbackStore, type FeedbackStore } from "../store/feedback-store.js";
import { createSeenMessageStore, type SeenMessageStore } from "../store/seen-message-store.js";
import { createStatistics, type Statistics } from "../stats/statistics.js";
import { cacheStatistics } from "./cache-statistics.js";
import { localDate } from "./local-date.js";
import { readEnglishGlossary } from "../query/english-glossary.js";

const ALIAS_FILE = fileURLToPath(new URL("../../data/dictionary/unit-aliases.txt", import.meta.url));
const ENGLISH_NAMES_FILE = fileURLToPath(new URL("../../data/dictionary/unit-names-en.txt", import.meta.url));
const GLOSSARY_FILE = fileURLToPath(new URL("../../data/dictionary/glossary-en.txt", import.meta.url));
const THESAURUS_FILE = fileURLToPath(new URL("../../data/dictionary/synonyms.txt", import.meta.url));

export type { SearchStack };

/** An ingest as one operation: files stored, then the search index brought up to date. */
export interface IngestResult extends IngestReport {
  /** Undefined when nothing changed; otherwise whether the index was updated, and why not. */
  index: { updated: true } | { updated: false; error: string } | undefined;
}

/** The product, built once from configuration; each channel takes only the parts it uses. */
export interface Application {
  readonly dataDir: string;
  /** Read access to issues, items and units: pages, lists, summaries. */
  readonly catalog: BulletinCatalog;
  readonly feedback: FeedbackStore;
  /** Counts per unit and period, rankings, trends (SQL over the store). */
  readonly statistics: Statistics;
  /** "Today" for 今年/去年: the fixed day the application was built with, else the clock's. */
  today(): string;
  /** Message ids a chat channel has handled (Feishu dedup across restarts). */
  readonly seenMessages: SeenMessageStore;
  /** True when a model writes the answers: channels can then stream them as they are written. */
  readonly writtenByModel: boolean;
  /** Unit names and aliases as of the store's latest content. */
  units(): UnitMatcher;
  /**
   * The answerer, citing with `links` (when the channel can give links), written by the
   * configured model unless `chatModel` replaces it (null: extractive answers).
   */
  answerer(options?: { links?: CitationLinks | undefined; chatModel?: ChatModel | null | undefined }): Answerer;
  /** Stores files and brings the search index in line with them. */
  ingest(options: { paths: readonly string[]; onProgress?: (event: { done: number; total: number; source: string }) => void }): Promise<IngestResult>;
  /** Opens (first call) and syncs the search stack. */
  search(): Promise<SearchStack>;
  /** Throws the index away and builds it again (after a change of embedder or segmentation). */
  reindex(options?: { onProgress?: (done: number, total: number) => void }): Promise<SearchStack>;
  /** Saves search-index changes kept in memory (small syncs do not rewrite the files); call before a short-lived process exits. */
  flush(): Promise<void>;
  close(): void;
}

export interface ApplicationOptions {
  config: Config;
  /** The data directory; defaults to config.dataDir (the CLI's --data-dir overrides it). */
  dataDir?: string;
  logger: Logger;
  /** "Today" for 今年/去年; defaults to config TODAY, else the clock. */
  today?: string;
  /** Replaces the configured embedder (tests, benchmarks). */
  embedder?: Embedder;
  /** Replaces the configured chat model; null forces extractive answers. */
  chatModel?: ChatModel | null;
  parameters?: Partial<SearchParameters>;
  /** Replaces data/dictionary/synonyms.txt; null searches without synonyms (to measure what they add). */
  thesaurus?: Thesaurus | null;
}

/**
 * The composition root: opens the store and wires query understanding, search, answers and
 * models from configuration. Nothing heavy is loaded before it is needed: the segmenter, the
 * index and the model clients load on the first question or ingest that uses them.
 *
 * @example
 * const app = await createApplication({ config: loadConfig(), logger });
 * const answer = await app.answerer()({ question: "上街区注册志愿者有多少人？" });
 */
export async function createApplication(options: ApplicationOptions): Promise<Application> {
  const { config, logger } = options;
  const dataDir = options.dataDir ?? config.dataDir;
  const store = createBulletinStore({ dataDir });
  try {
    const chunks = createChunkStore({ database: store.database, markChanged: store.markChanged });
    const feedback = createFeedbackStore(store.database);
    const conversations = createConversationStore<QueryUnderstanding>(store.database);
    const chatModel = options.chatModel === null ? undefined : (options.chatModel ?? (await createChatModel(config)));
    const fixedToday = options.today ?? config.today;
    const today = () => fixedToday ?? localDate();
    const statistics = cacheStatistics({ statistics: createStatistics({ database: store.database }), contentVersion: store.contentVersion });
    const aliasLines = readUnitAliasLines({ path: ALIAS_FILE });
    const englishLines = readUnitAliasLines({ path: ENGLISH_NAMES_FILE });
    const glossary = readEnglishGlossary({ path: GLOSSARY_FILE });
    const unitNames = () => store.unitNames();

    let units: { matcher: UnitMatcher; version: number } | undefined;
    const currentUnits = () => {
      const version = store.contentVersion();
      if (units?.version !== version) units = { matcher: createUnitMatcher({ units: unitNames(), aliasLines, englishLines }), version };
      return units.matcher;
    };
    // Series names are filler in a question: the configured one and every one on record.
    let series: { names: string[]; version: number } | undefined;
    const seriesNames = () => {
      const version = store.contentVersion();
      if (series?.version !== version) {
        series = { names: [...new Set([config.bulletinSeries, ...store.seriesNames()])], version };
      }
      return series.names;
    };

    let stack: Promise<SearchStack> | undefined;
    const openStack = async (): Promise<SearchStack> => {
      const { openSearchStack } = await import("./open-search-stack.js");
      const thesaurus = options.thesaurus === null ? undefined : (options.thesaurus ?? readThesaurus({ path: THESAURUS_FILE }));
      return openSearchStack({ config, dataDir, logger, chunks, contentVersion: store.contentVersion, unitNames, embedder: options.embedder, parameters: options.parameters, thesaurus });
    };
    const search = () => {
      stack ??= openStack().catch((error: unknown) => {
        stack = undefined;
        throw error;
      });
      return stack;
    };

    return {
      dataDir,
      catalog: store,
      statistics,
      today,
      feedback,
      seenMessages: createSeenMessageStore(store.database),
      writtenByModel: chatModel !== undefined,
      units: currentUnits,
      answerer: (answererOptions = {}) => {
        const writer = answererOptions.chatModel === null ? undefined : (answererOptions.chatModel ?? chatModel);
        return createAnswerer({
          catalog: store,
          understand: ({ text, previous, today: asked }) =>
            understandQuery({ text, today: asked ?? today(), units: currentUnits(), glossary, series: seriesNames(), ...(previous ? { previous } : {}) }),
          counts: createCountQuestions({ statistics, catalog: store, series: config.bulletinSeries, today, units: currentUnits }),
          conversations,
          retrieval: async () => (await search()).retrieval,
          ...(answererOptions.links ? { links: answererOptions.links } : {}),
          ...(writer ? { chatModel: writer } : {}),
          logger,
          series: config.bulletinSeries,
        });
      },
      ingest: async ({ paths, onProgress }) => {
        const report = await ingestFiles({ store, paths, limits: config.ingest, ...(onProgress ? { onProgress } : {}) });
        if (!report.documents.some((document) => document.status !== "unchanged")) return { ...report, index: undefined };
        try {
          await (await search()).index.sync();
          return { ...report, index: { updated: true } };
        } catch (error) {
          logger.warn({ err: error }, "search index not updated after ingest");
          return { ...report, index: { updated: false, error: describeError(error) } };
        }
      },
      search,
      reindex: async ({ onProgress } = {}) => {
        const { clearSearchIndex } = await import("../search/search-index.js");
        stack = undefined;
        await clearSearchIndex({ chunks, dataDir });
        const rebuilt = await openStack();
        await rebuilt.index.sync(onProgress ? { onProgress } : {});
        stack = Promise.resolve(rebuilt);
        return rebuilt;
      },
      flush: async () => {
        const opened = await stack?.catch(() => undefined);
        await opened?.index.flush();
      },
      close: () => store.close(),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
