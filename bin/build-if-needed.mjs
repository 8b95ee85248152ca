// Compiles src/ to dist/ (tsc) unless dist/ is newer than every source: the product runs compiled JavaScript.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const stamp = path.join(root, "dist/.tsbuildinfo");

function newestSource(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs);
  }
  return newest;
}

/** Runs tsc when a source, tsconfig or the lock file changed since the last build; a no-op (a few ms) otherwise. */
export function buildIfNeeded() {
  const compiler = path.join(root, "node_modules/typescript/bin/tsc");
  // An installed copy without sources or compiler runs what it has.
  if (!existsSync(compiler) || !existsSync(path.join(root, "src"))) return;
  const sources = Math.max(newestSource(path.join(root, "src")), ...["tsconfig.json", "tsconfig.build.json", "package-lock.json"].map((file) => statSync(path.join(root, file)).mtimeMs));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return;
  process.stderr.write("正在编译（tsc）……\n");
  const started = new Date();
  execFileSync(process.execPath, [compiler, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
  // An incremental build that found nothing to emit (a source touched, not changed) leaves the stamp as it was:
  // mark it current as of the build's start (a source saved meanwhile is still newer), or every later run would compile again.
  if (existsSync(stamp) && statSync(stamp).mtimeMs < started.getTime()) utimesSync(stamp, started, started);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfNeeded();
