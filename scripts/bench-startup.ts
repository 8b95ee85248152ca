/**
 * Start-up and memory of the compiled CLI (run `npm run build` first; `npm run bench:startup` does):
 * - `bulletin-bot --help` against a bare `node -e 0`, side by side, median of several runs, and the ratio;
 * - idle RSS of `serve` on the bundled samples and on a generated archive of --items items, and
 *   the share held by the segmenter's dictionary alone.
 *
 *   npm run bench:startup -- --items 10000 --runs 15
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus } from "./generate-corpus.js";

const { values } = parseArgs({ options: { items: { type: "string", default: "10000" }, runs: { type: "string", default: "15" } } });
const root = path.resolve(import.meta.dirname, "..");
// What staff run: the bin, which checks the build is current, then the compiled program.
const main = path.join(root, "bin/bulletin-bot.js");
const quietEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "warn" };

function wall(command: string[]): number {
  const started = performance.now();
  const result = spawnSync(command[0]!, command.slice(1), { env: quietEnv, stdio: "ignore" });
  if (result.status !== 0) throw new Error(`${command.join(" ")} exited with ${result.status}`);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)]!;
const runs = Number(values.runs);
const bare: number[] = [];
const help: number[] = [];
wall(["node", "-e", "0"]);
wall(["node", main, "--help"]);
// Interleaved, so drift of the machine's speed hits both alike.
for (let run = 0; run < runs; run += 1) {
  bare.push(wall([process.execPath, "-e", "0"]));
  help.push(wall([process.execPath, main, "--help"]));
}
console.log(`node -e 0                 ${median(bare).toFixed(0)} ms (median of ${runs})`);
console.log(`bulletin-bot --help       ${median(help).toFixed(0)} ms (median of ${runs}), ${(median(help) / median(bare)).toFixed(2)} × a bare node start`);

/** Starts `serve` on `dataDir` (ingesting `paths` first), waits for its URL and an answer, then reads its resident memory. */
async function idleServeRss(options: { label: string; paths: string[] }): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-startup-"));
  try {
    const env = { ...quietEnv, DATA_DIR: dataDir, PORT: "0" };
    const ingest = spawnSync(process.execPath, [main, "ingest", ...options.paths, "--json"], { env, encoding: "utf8", maxBuffer: 1 << 28 });
    if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
    const started = performance.now();
    const server = spawn(process.execPath, [main, "serve"], { env, stdio: ["ignore", "pipe", "inherit"] });
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      server.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        const found = /http:\/\/[0-9.]+:\d+\//.exec(output);
        if (found) resolve(found[0]);
      });
      server.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const response = await fetch(`${url}api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "区农委春耕落实了多少亩小麦？" }) });
    await response.json();
    const firstAnswer = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    server.kill("SIGTERM");
    console.log(`serve, ${options.label.padEnd(18)} idle RSS ${rss.toFixed(0)} MiB, start to first answer ${(firstAnswer / 1000).toFixed(1)} s`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await idleServeRss({ label: "bundled samples", paths: [path.join(root, "data/samples")] });
const corpus = mkdtempSync(path.join(tmpdir(), "bench-startup-corpus-"));
generateCorpus({ count: Math.ceil(Number(values.items) / 6.5), seed: 3, outDir: corpus });
await idleServeRss({ label: `${values.items} items`, paths: [corpus] });
rmSync(corpus, { recursive: true, force: true });

const jieba = spawnSync(process.execPath, ["--input-type=module", "-e", `
  const { default: nodejieba } = await import("nodejieba");
  const before = process.memoryUsage().rss;
  nodejieba.cutForSearch("区委社工部推动志愿服务", true);
  console.log(((process.memoryUsage().rss - before) / 1048576).toFixed(0));
`], { cwd: root, encoding: "utf8" });
console.log(`segmenter dictionary       ${jieba.stdout.trim()} MiB of RSS on its own (loaded at the first segmentation)`);
