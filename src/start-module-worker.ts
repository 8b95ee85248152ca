import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Written by every build (tsconfig.build.json; bin/build-if-needed.mjs refreshes it after a no-op build). */
const BUILD_STAMP = "dist/.tsbuildinfo";
const BUILD_INPUTS = ["tsconfig.json", "tsconfig.build.json", "package-lock.json"];

/** Whether each project root's dist/ is current, checked once per process. */
const currentBuilds = new Map<string, boolean>();

/**
 * Starts a worker thread on the module `name` next to the caller (`from` is the caller's import.meta.url).
 *
 * Compiled (dist/, production): the .js as is. From the TypeScript sources (`npm run cli`, tests):
 * the compiled copy of the same module when dist/ was built after every source last changed (the same
 * bulletin-bot bin/build-if-needed.mjs checks), since it starts in a third of the time; otherwise the .ts
 * through tsx's loader registered inside the worker, as Node 20 does not apply `--import tsx` to workers.
 */
export function startModuleWorker(options: { from: string; name: string; workerOptions?: WorkerOptions }): Worker {
  const caller = fileURLToPath(options.from);
  if (path.extname(caller) !== ".ts") return new Worker(new URL(`./${options.name}.js`, options.from), options.workerOptions);
  const compiled = currentCompiledModule({ root: ROOT, caller, name: options.name });
  return compiled ? new Worker(pathToFileURL(compiled), options.workerOptions) : startThroughTsx(options);
}

/**
 * dist/…/name.js for a module next to `caller` (a file under root/src), when it exists and dist/ was
 * built after every source and build input last changed; undefined otherwise.
 */
export function currentCompiledModule(options: { root: string; caller: string; name: string }): string | undefined {
  const { root } = options;
  const sources = path.join(root, "src");
  const compiled = path.join(root, "dist", path.relative(sources, path.dirname(options.caller)), `${options.name}.js`);
  if (!compiled.startsWith(path.join(root, "dist") + path.sep) || !existsSync(compiled)) return undefined;
  let current = currentBuilds.get(root);
  if (current === undefined) {
    current = isBuildCurrent(root);
    currentBuilds.set(root, current);
  }
  return current ? compiled : undefined;
}

function startThroughTsx(options: { from: string; name: string; workerOptions?: WorkerOptions }): Worker {
  const entry = new URL(`./${options.name}.ts`, options.from);
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options.workerOptions, eval: true, execArgv: [] });
}

function isBuildCurrent(root: string): boolean {
  const stamp = path.join(root, BUILD_STAMP);
  if (!existsSync(stamp)) return false;
  const inputs = BUILD_INPUTS.map((file) => path.join(root, file)).filter((file) => existsSync(file));
  const newest = Math.max(newestModification(path.join(root, "src")), ...inputs.map((file) => statSync(file).mtimeMs));
  return statSync(stamp).mtimeMs >= newest;
}

function newestModification(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(file) : statSync(file).mtimeMs);
  }
  return newest;
}
