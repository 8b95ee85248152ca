import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCorpus } from "../scripts/generate-corpus.js";
import { cacheStatistics } from "../src/app/cache-statistics.js";
import { countedItems, newestCountedItems } from "../src/answer/count-answer-parts.js";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { createStatistics } from "../src/stats/statistics.js";
import { createBulletinStore, type BulletinStore } from "../src/store/bulletin-store.js";
import { SAMPLES } from "./helpers/sample-application.js";

let store: BulletinStore;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "count-listing-"));
  generateCorpus({ count: 80, seed: 6, outDir: path.join(dataDir, "corpus") });
  store = createBulletinStore({ dataDir });
  await ingestFiles({ store, paths: [path.join(dataDir, "corpus"), SAMPLES] });
});
afterAll(() => {
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the newest counted items", () => {
  it("are the last of every counted item, for the whole archive, a period, several periods, units and kinds", () => {
    const [unit] = store.unitNames();
    const cases = [
      { units: [], ranges: [], kinds: undefined },
      { units: [], ranges: [{ from: "2025-01-01", to: "2025-12-31" }], kinds: undefined },
      { units: [], ranges: [{ from: "2024-01-01", to: "2024-06-30" }, { from: "2024-04-01", to: "2025-03-31" }], kinds: ["brief" as const] },
      { units: [unit!], ranges: [{ from: "2024-01-01" }], kinds: ["report" as const] },
    ];
    for (const query of cases) {
      const all = countedItems({ catalog: store, ...query });
      expect(all.length).toBeGreaterThan(3);
      for (const limit of [1, 3, 20]) expect(newestCountedItems({ catalog: store, ...query, limit })).toEqual(all.slice(-limit));
      expect(store.countItems({ ...(query.units.length > 0 ? { units: query.units } : {}), ranges: query.ranges, counted: { kinds: query.kinds } }).items).toBe(all.length);
    }
  });
});

describe("cached statistics", () => {
  it("answer as the statistics do until the store changes, and give every caller its own copy", async () => {
    const statistics = createStatistics({ database: store.database });
    const cached = cacheStatistics({ statistics, contentVersion: store.contentVersion });
    const tallies = cached.unitTallies({});
    expect(tallies).toEqual(statistics.unitTallies({}));
    tallies.sort((left, right) => left.unit.localeCompare(right.unit)).reverse().pop();
    expect(cached.unitTallies({})).toEqual(statistics.unitTallies({}));
    expect(cached.totals({ from: "2025-01-01" })).toEqual(statistics.totals({ from: "2025-01-01" }));
    const before = cached.totals({});
    const version = store.contentVersion();
    // Another seed's issues replace this archive's first ones: different items, different counts.
    generateCorpus({ count: 3, seed: 99, outDir: path.join(dataDir, "more") });
    await ingestFiles({ store, paths: [path.join(dataDir, "more")] });
    expect(store.contentVersion()).not.toBe(version);
    expect(cached.totals({})).toEqual(statistics.totals({}));
    expect(cached.totals({})).not.toEqual(before);
  });
});
