import { basename } from "node:path";
import type { Worker } from "node:worker_threads";
import type { ParsedDocument } from "../domain.js";
import { IngestError } from "../errors.js";
import { MEGABYTE, resolveIngestLimits, type IngestLimits } from "./ingest-limits.js";
import type { ParsedFile } from "./parse-file.js";
import type { ReadDocumentResult } from "./read-document.js";
import { startModuleWorker } from "../start-module-worker.js";

/** Reads and parses files in a worker thread, so that a hostile file can only fail itself. */
export interface FileParser {
  /** Rejects with an IngestError naming the file when it is refused, fails, runs out of memory or time. */
  parse(options: { path: string }): Promise<ParsedFile>;
  /** Terminates the worker (a later parse starts a new one). */
  close(): Promise<void>;
}

/** What the main thread sends the worker. */
export interface ParseRequest {
  path: string;
  limits: IngestLimits;
}

/** What the worker sends back; a Buffer arrives as a plain Uint8Array. */
export type WorkerMessage =
  | { type: "ready" }
  | { type: "parsed"; document: Omit<ReadDocumentResult, "bytes"> & { bytes: Uint8Array }; parsed: ParsedDocument }
  | { type: "failed"; error: { source: string; reason: string; hint: string } | { message: string } };

type Outcome = { type: "answered"; message: WorkerMessage } | { type: "died"; error: Error | undefined } | { type: "timed-out" } | { type: "over-memory" };

/** How often the process's resident memory is sampled while a file is parsed. */
const memorySampleMs = 50;

interface RunningWorker {
  worker: Worker;
  ready: Promise<void>;
  /** Receives the outcome of the request in flight. */
  settle: ((outcome: Outcome) => void) | undefined;
}

/**
 * Starts one reusable worker with a V8 heap limit (`limits.workerHeapMb`) and a wall-clock
 * limit per file (`limits.timeoutMs`). The heap limit does not cover ArrayBuffers (a PDF whose
 * streams inflate to gigabytes), so the process's resident memory is watched too: growing by more
 * than `limits.maxMemoryGrowthMb` during one file terminates the worker. A worker that dies or
 * overruns is replaced for the next file. Call close() when done, or the worker keeps the process alive.
 *
 * @example
 * const parser = createFileParser({ limits: { timeoutMs: 30_000 } });
 * try { const { parsed } = await parser.parse({ path: "2024-21.docx" }) } finally { await parser.close() }
 */
export function createFileParser(options: { limits?: Partial<IngestLimits> } = {}): FileParser {
  const limits = resolveIngestLimits(options.limits);
  let current: RunningWorker | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  function start(): RunningWorker {
    const worker = spawnWorker({ maxOldGenerationSizeMb: limits.workerHeapMb });
    let markReady!: () => void;
    let failStart!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    ready.catch(() => undefined);
    const running: RunningWorker = { worker, ready, settle: undefined };
    let failure: Error | undefined;
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "ready") markReady();
      else running.settle?.({ type: "answered", message });
    });
    worker.on("error", (error) => (failure = error));
    worker.on("exit", (exitCode) => {
      if (current === running) current = undefined;
      failStart(failure ?? new Error(`worker exited with code ${exitCode}`));
      running.settle?.({ type: "died", error: failure });
    });
    return running;
  }

  async function parseOne(path: string): Promise<ParsedFile> {
    const source = basename(path);
    const running = (current ??= start());
    await running.ready.catch((error: unknown) => {
      throw new IngestError({ source, reason: "无法启动解析线程", hint: "这是程序的运行环境问题，请联系管理员查看日志", cause: error });
    });
    const outcome = await new Promise<Outcome>((resolve) => {
      const baseline = process.memoryUsage.rss();
      const timer = setTimeout(() => running.settle?.({ type: "timed-out" }), limits.timeoutMs);
      const watchdog = setInterval(() => {
        if (process.memoryUsage.rss() - baseline > limits.maxMemoryGrowthMb * MEGABYTE) running.settle?.({ type: "over-memory" });
      }, memorySampleMs);
      running.settle = (settled) => {
        clearTimeout(timer);
        clearInterval(watchdog);
        running.settle = undefined;
        resolve(settled);
      };
      running.worker.postMessage({ path, limits } satisfies ParseRequest);
    });
    if (outcome.type === "timed-out" || outcome.type === "over-memory") {
      if (current === running) current = undefined;
      await running.worker.terminate();
    }
    if (outcome.type === "timed-out") {
      throw new IngestError({
        source,
        reason: `解析超时（超过 ${Math.round(limits.timeoutMs / 1000)} 秒）`,
        hint: "文件可能过大或结构异常；请用 Word/WPS 另存为或拆分后再导入",
      });
    }
    if (outcome.type === "over-memory") throw outOfMemoryError({ source, memoryMb: limits.maxMemoryGrowthMb });
    if (outcome.type === "died") throw workerDiedError({ source, error: outcome.error, memoryMb: limits.workerHeapMb });
    return fromMessage({ message: outcome.message, source });
  }

  return {
    parse({ path }) {
      const result = queue.then(() => parseOne(path));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      const running = current;
      current = undefined;
      await running?.worker.terminate();
    },
  };
}

function spawnWorker(resourceLimits: { maxOldGenerationSizeMb: number }): Worker {
  return startModuleWorker({ from: import.meta.url, name: "file-parser-worker", workerOptions: { resourceLimits } });
}

function fromMessage(options: { message: WorkerMessage; source: string }): ParsedFile {
  const { message, source } = options;
  if (message.type === "parsed") {
    const { bytes } = message.document;
    return { document: { ...message.document, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, parsed: message.parsed };
  }
  if (message.type === "failed") {
    const { error } = message;
    if ("reason" in error) throw new IngestError(error);
    throw new Error(error.message);
  }
  throw new IngestError({ source, reason: "解析线程返回了意外的消息", hint: "这是程序的问题，请联系管理员查看日志" });
}

function outOfMemoryError(options: { source: string; memoryMb: number; cause?: unknown }): IngestError {
  return new IngestError({
    source: options.source,
    reason: `解析时占用内存超过上限（${options.memoryMb} MB），可能是异常文件`,
    hint: "请用 Word/WPS 打开后另存为，或转为 .txt 后再导入",
    cause: options.cause,
  });
}

function workerDiedError(options: { source: string; error: Error | undefined; memoryMb: number }): IngestError {
  const { source, error, memoryMb } = options;
  if ((error as NodeJS.ErrnoException | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY") return outOfMemoryError({ source, memoryMb, cause: error });
  return new IngestError({
    source,
    reason: `解析线程意外退出${error ? `（${error.message}）` : ""}`,
    hint: "请用 Word/WPS 打开后另存为，或转为 .txt 后再导入；如反复出现，请联系管理员查看日志",
    cause: error,
  });
}
