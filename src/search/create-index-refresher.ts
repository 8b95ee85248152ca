import type { Logger } from "../log.js";
import type { SearchIndex } from "./search-index.js";

/** A question waits this long for a sync (another process may hold the index lock while embedding); then it is answered from the index as it is. */
const WAIT_MS = 10_000;
/** After a failed sync (embeddings endpoint down), questions do not retry it before this, unless the store changes again. */
const RETRY_AFTER_FAILURE_MS = 30_000;

/**
 * Returns `refresh()`: syncs `index` when the store changed since its last sync (an ingest in
 * this process or another). Cheap when nothing changed (one SQLite read); callers arriving while
 * a sync runs share it; a failed sync is logged and the index kept as it is.
 *
 * @example
 * const refresh = createIndexRefresher({ index, contentVersion: store.contentVersion, logger });
 * await refresh(); // before each question
 */
export function createIndexRefresher(options: { index: SearchIndex; contentVersion: () => number; logger: Logger; onSynced?: () => void }): () => Promise<void> {
  const { index, contentVersion, logger } = options;
  let running: Promise<void> | undefined;
  let failure: { version: number; at: number } | undefined;

  const start = (): Promise<void> | undefined => {
    if (!index.isStale()) return undefined;
    const version = contentVersion();
    if (failure && failure.version === version && Date.now() - failure.at < RETRY_AFTER_FAILURE_MS) return undefined;
    return index
      .sync()
      .then(
        () => {
          failure = undefined;
          options.onSynced?.();
        },
        (error: unknown) => {
          failure = { version, at: Date.now() };
          logger.warn({ err: error }, "search index sync failed; answering from the index as it is");
        },
      )
      .finally(() => {
        running = undefined;
      });
  };

  return async () => {
    running ??= start();
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([running, new Promise((resolve) => (timer = setTimeout(resolve, WAIT_MS)))]);
    clearTimeout(timer);
  };
}
