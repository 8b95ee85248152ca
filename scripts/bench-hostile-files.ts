/**
 * Hostile-input measurement: ingests a 300 MB zip-bomb .docx, a bomb whose zip directory
 * understates its size, a 3 GB (sparse) text file, a 4.7 M-character text, a PDF whose content
 * stream inflates to 1 GB and a good bulletin into a fresh store, and prints each file's outcome
 * and time and the process's peak RSS (worker thread included: it is the same process).
 *
 *   npx tsx scripts/bench-hostile-files.ts [--inflated-mb 300] [--pdf-inflated-mb 1024]
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { writeBombDocx, writeBombPdf } from "../test/helpers/bomb-files.js";

const { values } = parseArgs({ options: { "inflated-mb": { type: "string", default: "300" }, "pdf-inflated-mb": { type: "string", default: "1024" } } });
const root = path.resolve(import.meta.dirname, "..");
const workDir = mkdtempSync(path.join(tmpdir(), "bench-hostile-"));
const inputDir = path.join(workDir, "input");
const dataDir = path.join(workDir, "store");
mkdirSync(inputDir);

await writeBombDocx({ path: path.join(inputDir, "1-bomb.docx"), inflatedMegabytes: Number(values["inflated-mb"]) });
await writeBombDocx({ path: path.join(inputDir, "2-bomb-understated.docx"), inflatedMegabytes: Number(values["inflated-mb"]), lieAboutSize: true });
const oversized = path.join(inputDir, "3-oversized.txt");
writeFileSync(oversized, "");
truncateSync(oversized, 3 * 1024 * 1024 * 1024);
const sample = readFileSync(path.join(root, "data/samples/2025-18.md"), "utf8");
writeFileSync(path.join(inputDir, "4-long.md"), sample.repeat(4_000));
await writeBombPdf({ path: path.join(inputDir, "5-bomb.pdf"), inflatedMegabytes: Number(values["pdf-inflated-mb"]) });
copyFileSync(path.join(root, "data/samples/2025-18.md"), path.join(inputDir, "6-good.md"));

const store = createBulletinStore({ dataDir });
const started = performance.now();
let last = started;
const seconds: Record<string, number> = {};
const report = await ingestFiles({
  store,
  paths: [inputDir],
  onProgress: ({ source }) => {
    const now = performance.now();
    seconds[source] = (now - last) / 1000;
    last = now;
  },
});
const totalSeconds = (performance.now() - started) / 1000;
store.close();

for (const document of report.documents) console.log(`stored   ${document.source.padEnd(26)} ${seconds[document.source]!.toFixed(2)} s  ${document.parsed.items.length} items`);
for (const failure of report.failed) console.log(`refused  ${failure.source.padEnd(26)} ${seconds[failure.source]!.toFixed(2)} s  ${failure.error.split("；")[0]}`);
console.log(`total                              ${totalSeconds.toFixed(2)} s (worker start-ups included)`);
console.log(`peak RSS                           ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
rmSync(workDir, { recursive: true, force: true });
