/**
 * Ingest benchmark: generates N synthetic bulletins from the sample templates and ingests them
 * into a fresh store, then re-ingests them (the idempotent path). Prints throughput and peak RSS.
 *
 *   npm run bench:ingest -- --count 1000
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { generateCorpus } from "./generate-corpus.js";

const { values } = parseArgs({ options: { count: { type: "string", default: "1000" }, seed: { type: "string", default: "1" } } });
const count = Number(values.count);
const workDir = mkdtempSync(path.join(tmpdir(), "bench-ingest-"));
const corpusDir = path.join(workDir, "corpus");
const dataDir = path.join(workDir, "store");

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

const files = generateCorpus({ count, seed: Number(values.seed), outDir: corpusDir });
const store = createBulletinStore({ dataDir });

const first = performance.now();
const report = await ingestFiles({ store, paths: [corpusDir] });
const firstSeconds = (performance.now() - first) / 1000;

const second = performance.now();
const again = await ingestFiles({ store, paths: [corpusDir] });
const secondSeconds = (performance.now() - second) / 1000;

const { documents, items } = store.counts();
store.close();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const databaseBytes = statSync(path.join(dataDir, "bulletins.db")).size;

console.log(`bulletins generated      ${files.length}`);
console.log(`stored                   ${documents} documents, ${items} items, ${report.failed.length} failed`);
console.log(`first ingest             ${firstSeconds.toFixed(2)} s  (${(files.length / firstSeconds).toFixed(0)} files/s, ${(items / firstSeconds).toFixed(0)} items/s)`);
console.log(`re-ingest (unchanged)    ${secondSeconds.toFixed(2)} s  (${(files.length / secondSeconds).toFixed(0)} files/s, ${again.documents.filter((document) => document.status === "unchanged").length} unchanged)`);
console.log(`database size            ${(databaseBytes / 1024 / 1024).toFixed(1)} MiB`);
console.log(`peak RSS                 ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
rmSync(workDir, { recursive: true, force: true });
