import { readFileSync } from "node:fs";
import { createApplication } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
const dataDir = process.argv[2]!;
let t = performance.now();
const application = await createApplication({ config: loadConfig({ LOG_LEVEL: "silent" }), dataDir, logger: createLogger({ level: "silent" }), chatModel: null, today: "2026-11-23" });
const stack = await application.search();
console.log("open+sync", ((performance.now() - t) / 1000).toFixed(1), "s", "rss", (process.memoryUsage().rss / 1048576).toFixed(0));
const index = stack.index;
const questions = readFileSync("test/fixtures/questions.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l).question as string);
const answer = application.answerer();
for (const q of questions) await answer({ question: q });
const rows: [number, string][] = [];
for (const q of questions) { const s = performance.now(); await answer({ question: q }); rows.push([performance.now() - s, q]); }
rows.sort((a, b) => b[0] - a[0]);
for (const [ms, q] of rows.slice(0, 12)) console.log(ms.toFixed(1), q);
const vector = (await index.embedder.embed({ texts: ["应急演练开展了多少场"] }))[0]!;
for (const criteria of [{ units: ["区应急管理局"] }, { from: "2025-01-01", to: "2025-06-30" }]) {
  let s = performance.now(); const found = index.findChunks(criteria); const findMs = performance.now() - s;
  const allowed = new Set(found.map((c) => c.id));
  s = performance.now(); index.vectors.search({ vector, k: 60, filter: (id) => allowed.has(id) }); const vecMs = performance.now() - s;
  s = performance.now(); index.lexical.search({ query: ["应急", "演练"], k: 60, filter: (id) => allowed.has(id) }); const lexMs = performance.now() - s;
  console.log(JSON.stringify(criteria), found.length, "find", findMs.toFixed(1), "vector", vecMs.toFixed(1), "lexical", lexMs.toFixed(1));
}
let s = performance.now(); for (let i = 0; i < 20; i++) index.vectors.search({ vector, k: 60 }); console.log("vector unfiltered", ((performance.now() - s) / 20).toFixed(2));
s = performance.now(); for (let i = 0; i < 20; i++) index.lexical.search({ query: ["应急", "演练", "开展", "多少"], k: 60 }); console.log("lexical unfiltered", ((performance.now() - s) / 20).toFixed(2));
console.log("rss", (process.memoryUsage().rss / 1048576).toFixed(0));
application.close();
