/**
 * The child side of cli-process.ts, on the compiled program (dist/, kept current by the test helpers).
 * Loads the program and the segmenter's dictionary once and prints "ready"; then answers each JSON
 * line on stdin with one JSON line on stdout, one request at a time:
 *   { id, args, startAt? }              runs the CLI program as `bulletin-bot <args>` would → { id, code, stdout, stderr }
 *   { id, ingest: { dataDir, file }, startAt? }   stores the file and syncs the index through the application → { id, documents, failed, synced }
 *   any request that throws             → { id, error }
 * `startAt` (ms since the epoch) makes several children begin the same step together, to the
 * millisecond on an idle machine, which a message through pipes and event loops cannot promise.
 */
import { createInterface } from "node:readline";

const dist = new URL("../../dist/", import.meta.url);
const { runCli } = await import(new URL("cli/program.js", dist).href);
const { createApplication } = await import(new URL("app/create-application.js", dist).href);
const { loadConfig } = await import(new URL("config.js", dist).href);
const { createLogger } = await import(new URL("log.js", dist).href);
const { createJiebaTokenizer } = await import(new URL("text/jieba-tokenizer.js", dist).href);
// Loaded before "ready", so that every request starts on equal footing: the search stack's modules and the dictionary.
await import(new URL("app/open-search-stack.js", dist).href);
createJiebaTokenizer().tokenize("预热");

/** As waitUntil in cli-process.ts: sleeps until shortly before `startAt`, then spins. */
async function waitUntil(startAt) {
  const early = startAt - Date.now() - 50;
  if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  while (Date.now() < startAt);
}

async function runProgram(args) {
  let stdout = "";
  let stderr = "";
  const io = { stdout: { write: (text) => (stdout += text), isTTY: false }, stderr: { write: (text) => (stderr += text), isTTY: false } };
  const code = await runCli({ argv: args, env: process.env, io });
  return { code, stdout, stderr };
}

async function ingest({ dataDir, file }) {
  const config = loadConfig({ LOG_LEVEL: "warn" });
  const application = await createApplication({ config, dataDir, logger: createLogger({ level: "warn" }), chatModel: null });
  try {
    const result = await application.ingest({ paths: [file] });
    await application.flush();
    return { documents: result.documents.length, failed: result.failed, synced: result.index?.updated === true };
  } finally {
    application.close();
  }
}

process.stdout.write("ready\n");
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  try {
    if (request.startAt !== undefined) await waitUntil(request.startAt);
    const answer = request.ingest ? await ingest(request.ingest) : await runProgram(request.args);
    process.stdout.write(`${JSON.stringify({ id: request.id, ...answer })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })}\n`);
  }
}
