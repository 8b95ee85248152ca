/**
 * Statistics benchmark: a generated archive of ~10,000 items (scripts/generate-corpus.ts) is
 * ingested, then the statistics are timed warm, in-process: the unit ranking for one year (the
 * target: under 50 ms), the full report behind `stats --by month` and the web view, a count
 * question through the answerer, and one unit's year as a Word document.
 *
 *   npm run bench:stats -- --items 10000
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createApplication } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { selectExport } from "../src/export/export-request.js";
import { writeExportDocx } from "../src/export/write-docx.js";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { createLogger } from "../src/log.js";
import { rankUnits } from "../src/stats/rank-units.js";
import { buildStatisticsReport } from "../src/stats/statistics-report.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { generateCorpus } from "./generate-corpus.js";

const { values } = parseArgs({ options: { items: { type: "string", default: "10000" }, rounds: { type: "string", default: "200" } } });
const targetItems = Number(values.items);
const rounds = Number(values.rounds);
const workDir = mkdtempSync(path.join(tmpdir(), "bench-stats-"));
const corpusDir = path.join(workDir, "corpus");
const dataDir = path.join(workDir, "store");

// About 6.5 items per generated issue.
generateCorpus({ count: Math.ceil(targetItems / 6.5), seed: 3, outDir: corpusDir });
const store = createBulletinStore({ dataDir });
let started = performance.now();
await ingestFiles({ store, paths: [corpusDir] });
const ingestSeconds = (performance.now() - started) / 1000;
const { items, documents } = store.counts();
store.close();

const application = await createApplication({ config: loadConfig({ LOG_LEVEL: "silent" }), dataDir, logger: createLogger({ level: "silent" }), chatModel: null, today: "2026-11-28" });
const { statistics } = application;
const year = { from: "2025-01-01", to: "2025-12-31" };

/** Runs `work` `rounds` times after a warm-up; p50, p95 and max in ms. */
async function time(work: () => unknown, count = rounds): Promise<{ p50: number; p95: number; max: number }> {
  for (let round = 0; round < 5; round += 1) await work();
  const latencies: number[] = [];
  for (let round = 0; round < count; round += 1) {
    const begin = performance.now();
    await work();
    latencies.push(performance.now() - begin);
  }
  latencies.sort((left, right) => left - right);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { p50: at(50), p95: at(95), max: latencies.at(-1)! };
}

const format = (figures: { p50: number; p95: number; max: number }) => `p50 ${figures.p50.toFixed(2)} ms, p95 ${figures.p95.toFixed(2)} ms, max ${figures.max.toFixed(2)} ms`;

const ranking = await time(() => rankUnits(statistics.unitTallies(year)));
const allTime = await time(() => rankUnits(statistics.unitTallies({})));
const report = await time(() => buildStatisticsReport({ statistics, range: year, by: "month" }));
const answer = application.answerer();
const question = await time(() => answer({ question: "2025年哪个单位上的信息最多？" }), 50);
const yearItems = statistics.totals(year).items;
const leader = rankUnits(statistics.unitTallies(year))[0]!;
const content = selectExport({ catalog: application.catalog, request: { kind: "unit", units: [leader.unit], ranges: [year] }, series: "上街信息" })!;
const docx = await time(() => writeExportDocx(content), 10);
const bytes = (await writeExportDocx(content)).length;
application.close();

console.log(`items stored                  ${items} in ${documents} issues (ingest ${ingestSeconds.toFixed(1)} s); ${yearItems} items in 2025`);
console.log(`ranking for one year (2025)   ${format(ranking)} over ${rounds} runs (target < 50 ms)`);
console.log(`ranking over all years        ${format(allTime)}`);
console.log(`year report, by month         ${format(report)} (ranking, issues per unit, trend, per-month ranking, silent units)`);
console.log(`count question, answered      ${format(question)} over 50 runs ("2025年哪个单位上的信息最多？")`);
console.log(`Word export of one unit-year  ${format(docx)} over 10 runs (${leader.unit}: ${content.items.length} items, ${(bytes / 1024).toFixed(0)} KiB)`);
rmSync(workDir, { recursive: true, force: true });
if (ranking.p95 >= 50) process.exitCode = 1;
