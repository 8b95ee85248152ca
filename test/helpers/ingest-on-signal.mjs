/**
 * Run as a child process by tests, on the compiled program (dist/, kept current by the test helpers):
 * `node ingest-on-signal.mjs <folder> <rounds> <file>`. Loads everything and prints "ready"; then, for
 * each round r, waits for the file <folder>/go-<r> to appear and does what `cli ingest` does (store
 * the file, sync the index) in <folder>/data-<r>, printing one JSON line. Several children thus start
 * the same step within a millisecond, which a "go" message through pipes and event loops cannot promise.
 */
import { existsSync } from "node:fs";
import path from "node:path";

const dist = new URL("../../dist/", import.meta.url);
const { createApplication } = await import(new URL("app/create-application.js", dist).href);
const { loadConfig } = await import(new URL("config.js", dist).href);
const { createLogger } = await import(new URL("log.js", dist).href);
// Loaded before "ready", so that the rounds start on equal footing.
await import(new URL("app/open-search-stack.js", dist).href);

const [folder, rounds, file] = process.argv.slice(2);
const config = loadConfig({ LOG_LEVEL: "warn" });
const logger = createLogger({ level: "warn" });
process.stdout.write("ready\n");
for (let round = 0; round < Number(rounds); round += 1) {
  const go = path.join(folder, `go-${round}`);
  // Spinning, not polling on a timer: the point is to start together.
  while (!existsSync(go));
  const application = await createApplication({ config, dataDir: path.join(folder, `data-${round}`), logger, chatModel: null });
  const result = await application.ingest({ paths: [file] });
  await application.flush();
  application.close();
  process.stdout.write(`${JSON.stringify({ round, documents: result.documents.length, failed: result.failed, synced: result.index?.updated === true })}\n`);
}
