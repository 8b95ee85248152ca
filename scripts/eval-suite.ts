/**
 * Every question file, side by side in one run: the files written over data/samples + ../shared/corpus run on
 * a store of those; the files written blind over the unseen bulletins (test/fixtures/unseen … unseen15) on a store that adds them:
 * the product against plain BM25 (and, with --all-systems, the vector and LangChain baselines).
 *   npx tsx scripts/eval-suite.ts [--files tune,holdout] [--all-systems] [--failures] [--json] [--ablation]
 * --param name=value: a search parameter other than its default (calibrate on tune only).
 * --ablation: the product without the thesaurus and without the character-pair evidence, side by side.
 * Tune only on the tune files (tune, tune2 … tune39); holdout, holdout3, holdout6, holdout9, holdout11, holdout12, holdout13, holdout14, holdout15, holdout16, holdout17, holdout18, holdout19, holdout20, holdout21, holdout22, holdout23, holdout24, holdout25, holdout26, holdout28, holdout29, holdout30, holdout31, holdout32, holdout33, holdout34, holdout35, holdout36, holdout37, holdout38 and holdout39 are for reporting.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createApplication, type ApplicationOptions } from "../src/app/create-application.js";
import { formatEvalReport } from "../src/cli/eval-report.js";
import { loadConfig } from "../src/config.js";
import { readEvalQuestions } from "../src/eval/eval-question.js";
import { EVAL_SYSTEMS, runEval } from "../src/eval/run-eval.js";
import { createLogger } from "../src/log.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SHARED = path.resolve(ROOT, "../shared");
// Files whose questions were written over the unseen bulletins run on a store that has them; the
// counts and unit summaries of the older files are over data/samples + ../shared/corpus alone.
// unseen4's … unseen15's writers saw only their own bulletins: each one's store leaves the other unseen ones out, so that
// a question they wrote as unanswerable is not answered by a bulletin they never saw.
type Store = "base" | "unseen" | "unseen2" | "unseen3" | "unseen4" | "unseen5" | "unseen6" | "unseen7" | "unseen8" | "unseen9" | "unseen10" | "unseen11" | "unseen12" | "unseen13" | "unseen14" | "unseen15";
const STORES: Record<string, Store> = { tune8: "unseen", tune3: "unseen", tune4: "unseen", holdout3: "unseen", tune5: "unseen", tune6: "unseen", holdout6: "unseen", tune7: "unseen", tune9: "unseen2", holdout9: "unseen2", tune10: "unseen2", tune11: "unseen3", holdout11: "unseen3", tune12: "unseen4", holdout12: "unseen4", tune13: "unseen5", holdout13: "unseen5", tune14: "unseen6", holdout14: "unseen6", tune15: "unseen7", holdout15: "unseen7", tune16: "unseen8", holdout16: "unseen8", tune17: "unseen9", holdout17: "unseen9", tune18: "unseen10", holdout18: "unseen10", tune19: "unseen11", holdout19: "unseen11", tune20: "unseen12", holdout20: "unseen12", tune21: "unseen13", holdout21: "unseen13", tune22: "unseen14", holdout22: "unseen14", tune23: "unseen15", holdout23: "unseen15", tune24: "unseen15", holdout24: "unseen15", tune25: "unseen14", holdout25: "unseen14", tune26: "unseen12", holdout26: "unseen12", tune27: "unseen10", tune28: "unseen13", holdout28: "unseen13", tune29: "unseen11", holdout29: "unseen11", tune30: "unseen9", holdout30: "unseen9", tune31: "unseen8", holdout31: "unseen8", tune32: "unseen4", holdout32: "unseen4", tune33: "unseen5", holdout33: "unseen5", tune34: "unseen6", holdout34: "unseen6", tune35: "unseen7", holdout35: "unseen7", tune36: "unseen12", holdout36: "unseen12", tune37: "unseen13", holdout37: "unseen13", tune38: "unseen14", holdout38: "unseen14", tune39: "unseen15", holdout39: "unseen15" };
const FILES: Record<string, string> = {
  tune: "test/fixtures/eval/tune.jsonl",
  tune2: "test/fixtures/eval/tune2.jsonl",
  holdout: "test/fixtures/eval/holdout.jsonl",
  shared: path.join(SHARED, "eval/questions.jsonl"),
  own50: "test/fixtures/questions.jsonl",
  counts: "test/fixtures/eval/counts.jsonl",
  tune3: "test/fixtures/unseen/tune3.jsonl",
  tune4: "test/fixtures/unseen/tune4.jsonl",
  holdout3: "test/fixtures/unseen/holdout3.jsonl",
  tune5: "test/fixtures/unseen/tune5.jsonl",
  tune6: "test/fixtures/unseen/tune6.jsonl",
  holdout6: "test/fixtures/unseen/holdout6.jsonl",
  tune7: "test/fixtures/unseen/tune7.jsonl",
  tune8: "test/fixtures/unseen/tune8.jsonl",
  tune9: "test/fixtures/unseen2/tune9.jsonl",
  holdout9: "test/fixtures/unseen2/holdout9.jsonl",
  tune10: "test/fixtures/unseen2/tune10.jsonl",
  tune11: "test/fixtures/unseen3/tune11.jsonl",
  holdout11: "test/fixtures/unseen3/holdout11.jsonl",
  tune12: "test/fixtures/unseen4/tune12.jsonl",
  holdout12: "test/fixtures/unseen4/holdout12.jsonl",
  tune13: "test/fixtures/unseen5/tune13.jsonl",
  holdout13: "test/fixtures/unseen5/holdout13.jsonl",
  tune14: "test/fixtures/unseen6/tune14.jsonl",
  holdout14: "test/fixtures/unseen6/holdout14.jsonl",
  tune15: "test/fixtures/unseen7/tune15.jsonl",
  holdout15: "test/fixtures/unseen7/holdout15.jsonl",
  tune16: "test/fixtures/unseen8/tune16.jsonl",
  holdout16: "test/fixtures/unseen8/holdout16.jsonl",
  tune17: "test/fixtures/unseen9/tune17.jsonl",
  holdout17: "test/fixtures/unseen9/holdout17.jsonl",
  tune18: "test/fixtures/unseen10/tune18.jsonl",
  holdout18: "test/fixtures/unseen10/holdout18.jsonl",
  tune19: "test/fixtures/unseen11/tune19.jsonl",
  holdout19: "test/fixtures/unseen11/holdout19.jsonl",
  tune20: "test/fixtures/unseen12/tune20.jsonl",
  holdout20: "test/fixtures/unseen12/holdout20.jsonl",
  tune21: "test/fixtures/unseen13/tune21.jsonl",
  holdout21: "test/fixtures/unseen13/holdout21.jsonl",
  tune22: "test/fixtures/unseen14/tune22.jsonl",
  holdout22: "test/fixtures/unseen14/holdout22.jsonl",
  tune23: "test/fixtures/unseen15/tune23.jsonl",
  holdout23: "test/fixtures/unseen15/holdout23.jsonl",
  tune24: "test/fixtures/unseen15/tune24.jsonl",
  holdout24: "test/fixtures/unseen15/holdout24.jsonl",
  tune25: "test/fixtures/unseen14/tune25.jsonl",
  holdout25: "test/fixtures/unseen14/holdout25.jsonl",
  tune26: "test/fixtures/unseen12/tune26.jsonl",
  holdout26: "test/fixtures/unseen12/holdout26.jsonl",
  tune27: "test/fixtures/unseen10/tune27.jsonl",
  tune28: "test/fixtures/unseen13/tune28.jsonl",
  holdout28: "test/fixtures/unseen13/holdout28.jsonl",
  tune29: "test/fixtures/unseen11/tune29.jsonl",
  holdout29: "test/fixtures/unseen11/holdout29.jsonl",
  tune30: "test/fixtures/unseen9/tune30.jsonl",
  holdout30: "test/fixtures/unseen9/holdout30.jsonl",
  tune31: "test/fixtures/unseen8/tune31.jsonl",
  holdout31: "test/fixtures/unseen8/holdout31.jsonl",
  tune32: "test/fixtures/unseen4/tune32.jsonl",
  holdout32: "test/fixtures/unseen4/holdout32.jsonl",
  tune33: "test/fixtures/unseen5/tune33.jsonl",
  holdout33: "test/fixtures/unseen5/holdout33.jsonl",
  tune34: "test/fixtures/unseen6/tune34.jsonl",
  holdout34: "test/fixtures/unseen6/holdout34.jsonl",
  tune35: "test/fixtures/unseen7/tune35.jsonl",
  holdout35: "test/fixtures/unseen7/holdout35.jsonl",
  tune36: "test/fixtures/unseen12/tune36.jsonl",
  holdout36: "test/fixtures/unseen12/holdout36.jsonl",
  tune37: "test/fixtures/unseen13/tune37.jsonl",
  holdout37: "test/fixtures/unseen13/holdout37.jsonl",
  tune38: "test/fixtures/unseen14/tune38.jsonl",
  holdout38: "test/fixtures/unseen14/holdout38.jsonl",
  tune39: "test/fixtures/unseen15/tune39.jsonl",
  holdout39: "test/fixtures/unseen15/holdout39.jsonl",
};

const { values } = parseArgs({ options: { files: { type: "string" }, "all-systems": { type: "boolean" }, failures: { type: "boolean" }, json: { type: "boolean" }, ablation: { type: "boolean" }, param: { type: "string", multiple: true } } });
// --param minimumCoverage=0.4: try a search parameter (on the tune split only).
const parameters = Object.fromEntries((values.param ?? []).map((entry) => { const [key, value] = entry.split("="); return [key, Number(value)]; }));
const chosen = values.files ? values.files.split(",") : Object.keys(FILES);
const storeOf = (name: string): Store => STORES[name] ?? "base";
// The segmenter's dictionary is one per process, and each store adds its units' names to it: as the product
// runs one store per process, each store is measured in a process of its own (figures do not depend on the order).
const stores = [...new Set(chosen.map(storeOf))];
if (stores.length > 1 && !process.env.EVAL_SUITE_STORE) {
  const rest: string[] = [];
  for (let index = 2; index < process.argv.length; index += 1) {
    const arg = process.argv[index]!;
    if (arg === "--files") index += 1;
    else if (!arg.startsWith("--files=")) rest.push(arg);
  }
  for (const store of stores) {
    const files = chosen.filter((name) => storeOf(name) === store).join(",");
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...rest, "--files", files], { stdio: "inherit", env: { ...process.env, EVAL_SUITE_STORE: store } });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
  process.exit(0);
}
const corpus = path.join(SHARED, "corpus");
const basePaths = [path.join(ROOT, "data/samples"), ...(existsSync(corpus) ? [corpus] : [])];
const unseenPaths = [...basePaths, path.join(ROOT, "test/fixtures/unseen/bulletins")];
const unseen2Paths = [...unseenPaths, path.join(ROOT, "test/fixtures/unseen2/bulletins")];
const unseen3Paths = [...unseen2Paths, path.join(ROOT, "test/fixtures/unseen3/bulletins")];
const paths: Record<Store, string[]> = { base: basePaths, unseen: unseenPaths, unseen2: unseen2Paths, unseen3: unseen3Paths, unseen4: [...basePaths, path.join(ROOT, "test/fixtures/unseen4/bulletins")], unseen5: [...basePaths, path.join(ROOT, "test/fixtures/unseen5/bulletins")], unseen6: [...basePaths, path.join(ROOT, "test/fixtures/unseen6/bulletins")], unseen7: [...basePaths, path.join(ROOT, "test/fixtures/unseen7/bulletins")], unseen8: [...basePaths, path.join(ROOT, "test/fixtures/unseen8/bulletins")], unseen9: [...basePaths, path.join(ROOT, "test/fixtures/unseen9/bulletins")], unseen10: [...basePaths, path.join(ROOT, "test/fixtures/unseen10/bulletins")], unseen11: [...basePaths, path.join(ROOT, "test/fixtures/unseen11/bulletins")], unseen12: [...basePaths, path.join(ROOT, "test/fixtures/unseen12/bulletins")], unseen13: [...basePaths, path.join(ROOT, "test/fixtures/unseen13/bulletins")], unseen14: [...basePaths, path.join(ROOT, "test/fixtures/unseen14/bulletins")], unseen15: [...basePaths, path.join(ROOT, "test/fixtures/unseen15/bulletins")] };

const dataDirs: Record<Store, string> = {
  base: mkdtempSync(path.join(tmpdir(), "eval-suite-")),
  unseen: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen-")),
  unseen2: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen2-")),
  unseen3: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen3-")),
  unseen4: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen4-")),
  unseen5: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen5-")),
  unseen6: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen6-")),
  unseen7: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen7-")),
  unseen8: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen8-")),
  unseen9: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen9-")),
  unseen10: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen10-")),
  unseen11: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen11-")),
  unseen12: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen12-")),
  unseen13: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen13-")),
  unseen14: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen14-")),
  unseen15: mkdtempSync(path.join(tmpdir(), "eval-suite-unseen15-")),
};
const open = (store: Store, options: Partial<ApplicationOptions> = {}) =>
  createApplication({ config: loadConfig({ LOG_LEVEL: "silent" }), dataDir: dataDirs[store], logger: createLogger({ level: "silent" }), chatModel: null, today: "2026-11-28", parameters, ...options });
const applications = new Map<Store, Awaited<ReturnType<typeof open>>>();
const applicationFor = async (name: string) => {
  const store = storeOf(name);
  let application = applications.get(store);
  if (!application) {
    application = await open(store);
    await application.ingest({ paths: paths[store] });
    applications.set(store, application);
  }
  return application;
};
const closeAll = () => {
  for (const application of applications.values()) application.close();
  for (const dataDir of Object.values(dataDirs)) rmSync(dataDir, { recursive: true, force: true });
};
if (values.ablation) {
  const variants: [string, Partial<ApplicationOptions>][] = [
    ["hybrid (all)", {}],
    ["without thesaurus", { thesaurus: null }],
    ["without character pairs", { parameters: { minimumBigramCoverage: Number.POSITIVE_INFINITY } }],
  ];
  for (const name of chosen) {
    const file = path.resolve(ROOT, FILES[name] ?? name);
    if (!existsSync(file)) continue;
    const questions = readEvalQuestions(file);
    const rows: string[] = [];
    await applicationFor(name);
    for (const [label, options] of variants) {
      const variant = await open(storeOf(name), options);
      const report = await runEval({ application: variant, questions, systems: label === "hybrid (all)" ? ["hybrid", "bm25"] : ["hybrid"] });
      rows.push(...report.systems.map((system) => `  ${system.name === "bm25" ? "bm25 only" : label}: ${system.metrics.passed}/${report.questions}`));
      variant.close();
    }
    console.log(`${name}\n${rows.join("\n")}`);
  }
  closeAll();
  process.exit(0);
}
const summary: string[] = [];
for (const name of chosen) {
  const file = path.resolve(ROOT, FILES[name] ?? name);
  if (!existsSync(file)) {
    console.log(`skipping ${name}: ${file} not found`);
    continue;
  }
  const report = await runEval({ application: await applicationFor(name), questions: readEvalQuestions(file), systems: values["all-systems"] ? EVAL_SYSTEMS : ["hybrid", "bm25"] });
  if (values.json) {
    console.log(JSON.stringify({ file: name, report }));
    continue;
  }
  const text = formatEvalReport(report);
  console.log(`\n## ${name} (${path.relative(ROOT, file)})\n${values.failures ? text : text.split("\nhybrid 未通过")[0]}`);
  const [hybrid, bm25] = report.systems;
  summary.push(`${name}: hybrid ${hybrid?.metrics.passed}/${report.questions}, bm25 ${bm25?.metrics.passed}/${report.questions}`);
}
console.log(`\n${summary.join("\n")}`);
closeAll();
