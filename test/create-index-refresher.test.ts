import path from "node:path";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { createIndexRefresher } from "../src/search/create-index-refresher.js";
import type { SearchIndex } from "../src/search/search-index.js";
import { createBulletinStore, type BulletinStore } from "../src/store/bulletin-store.js";
import { sampleApplication, SAMPLES } from "./helpers/sample-application.js";

let application: Application | undefined;
let counter: BulletinStore | undefined;
afterEach(() => {
  application?.close();
  application = undefined;
  counter?.close();
  counter = undefined;
});

/** The store's change counter, read through a connection of its own. */
function contentVersionOf(dataDir: string): () => number {
  counter = createBulletinStore({ dataDir });
  return counter.contentVersion;
}

/** The application's index with its syncs counted, and `fail` making the next ones reject. */
function countingIndex(index: SearchIndex) {
  const counted = { syncs: 0, fail: false };
  const wrapped: Pick<SearchIndex, "sync" | "isStale"> = {
    isStale: () => index.isStale(),
    sync: async () => {
      counted.syncs += 1;
      if (counted.fail) throw new Error("embeddings endpoint down");
      return index.sync();
    },
  };
  return { counted, index: wrapped as SearchIndex };
}

/** Stores `file` through a connection of its own, as another process would. */
async function ingestElsewhere(dataDir: string, file: string): Promise<void> {
  const store = createBulletinStore({ dataDir });
  await ingestFiles({ store, paths: [file] });
  store.close();
}

describe("createIndexRefresher", () => {
  it("does nothing while the store is unchanged, and runs one sync for questions arriving together", async () => {
    const opened = await sampleApplication({ paths: [path.join(SAMPLES, "2025-18.md")] });
    application = opened.application;
    const stack = await application.search();
    const { counted, index } = countingIndex(stack.index);
    let synced = 0;
    const refresh = createIndexRefresher({ index, contentVersion: contentVersionOf(opened.dataDir), logger: pino({ level: "silent" }), onSynced: () => (synced += 1) });

    await refresh();
    expect(counted.syncs).toBe(0);

    await ingestElsewhere(opened.dataDir, path.join(SAMPLES, "2026-15.md"));
    await Promise.all([refresh(), refresh(), refresh(), refresh(), refresh()]);
    expect(counted.syncs).toBe(1);
    expect(synced).toBe(1);
    expect(stack.index.findChunks({ date: "2026-04-09" }).length).toBeGreaterThan(0);
    await refresh();
    expect(counted.syncs).toBe(1);
  });

  it("logs a failed sync, does not retry it for every question, and retries once the store changes again", async () => {
    const opened = await sampleApplication({ paths: [path.join(SAMPLES, "2025-18.md")] });
    application = opened.application;
    const stack = await application.search();
    const { counted, index } = countingIndex(stack.index);
    const warnings: string[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => void warnings.push((JSON.parse(line) as { msg: string }).msg) });
    const refresh = createIndexRefresher({ index, contentVersion: contentVersionOf(opened.dataDir), logger });

    counted.fail = true;
    await ingestElsewhere(opened.dataDir, path.join(SAMPLES, "2026-15.md"));
    await refresh();
    await refresh();
    expect(counted.syncs).toBe(1);
    expect(warnings).toEqual(["search index sync failed; answering from the index as it is"]);

    counted.fail = false;
    await ingestElsewhere(opened.dataDir, path.join(SAMPLES, "2026-03.txt"));
    await refresh();
    expect(counted.syncs).toBe(2);
    expect(stack.index.isStale()).toBe(false);
  });
});
