import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { childEnvironment, ensureBuilt, ROOT, type CliResult } from "./run-cli.js";

/**
 * Sleeps until shortly before `startAt` (ms since the epoch), then spins: a timer alone can fire
 * several milliseconds late. Processes that wait for the same instant start a step together.
 */
export async function waitUntil(startAt: number): Promise<void> {
  const early = startAt - Date.now() - 50;
  if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  while (Date.now() < startAt);
}

/** What the child's `ingest` request reports: the application's ingest, as `cli ingest` runs it. */
export interface ChildIngestResult {
  documents: number;
  failed: unknown[];
  synced: boolean;
}

/**
 * Another process that runs the CLI program (compiled, as staff run it) on request, started once
 * and kept for several commands: tests of what happens beside or against another process pay for
 * one process start and one dictionary load, not one per command.
 */
export interface CliProcess {
  /** Runs `bulletin-bot <args>` in the child; with `startAt` (ms since the epoch) it begins at that instant. */
  run(args: readonly string[], options?: { startAt?: number }): Promise<CliResult>;
  /** Stores `file` in `dataDir` and syncs the index through the application, as `cli ingest` does. */
  ingest(options: { dataDir: string; file: string; startAt?: number }): Promise<ChildIngestResult>;
  /** What the child wrote to its own stderr (a command's stderr is in its result). */
  stderr(): string;
  /** Ends the child and resolves with its exit code. */
  close(): Promise<number | null>;
}

/**
 * Starts the child (test/helpers/cli-process-child.mjs) with a sealed environment (see
 * childEnvironment) and resolves once it has loaded the program and the segmenter.
 *
 * @example
 * const other = await startCliProcess({ env: { LOG_LEVEL: "warn" } });
 * const result = await other.run(["--data-dir", dataDir, "ingest", file]);
 */
export async function startCliProcess(options: { env?: Record<string, string> } = {}): Promise<CliProcess> {
  ensureBuilt();
  const child = spawn(process.execPath, [path.join(ROOT, "test/helpers/cli-process-child.mjs")], { cwd: ROOT, env: childEnvironment(options.env), stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const waiting = new Map<number, { resolve: (answer: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  let ready!: () => void;
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve;
    void exited.then((code) => reject(new Error(`the CLI child exited with ${code} before it was ready:\n${stderr}`)));
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line === "ready") return ready();
    const answer = JSON.parse(line) as { id: number; error?: string };
    const request = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (answer.error !== undefined) request?.reject(new Error(`in the CLI child: ${answer.error}`));
    else request?.resolve(answer);
  });
  void exited.then((code) => {
    for (const request of waiting.values()) request.reject(new Error(`the CLI child exited with ${code}:\n${stderr}`));
    waiting.clear();
  });
  await started;

  let nextId = 0;
  const send = (request: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = (nextId += 1);
      waiting.set(id, { resolve, reject });
      child.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  return {
    run: async (args, { startAt } = {}) => {
      const { code, stdout, stderr: commandStderr } = await send({ args, startAt });
      return { code: code as number, stdout: stdout as string, stderr: commandStderr as string };
    },
    ingest: async ({ startAt, ...ingest }) => {
      const { documents, failed, synced } = await send({ ingest, startAt });
      return { documents: documents as number, failed: failed as unknown[], synced: synced as boolean };
    },
    stderr: () => stderr,
    close: () => {
      child.stdin.end();
      return exited;
    },
  };
}
