import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";

/**
 * The only module that imports @langchain/openai. Clients are built from explicit values only
 * (no OPENAI_* environment reads), share one retry policy, and work with any OpenAI-compatible
 * endpoint (DeepSeek, Qwen, vLLM, Ollama): a missing key becomes the dummy "none" those accept.
 */
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND"]);

/**
 * LangChain reads these from the environment at every call, by itself: with LANGSMITH_TRACING set,
 * bulletin prompts would be sent to a tracing service, and LANGCHAIN_VERBOSE prints them to stdout
 * (breaking `--json`). The product's configuration is src/config.ts alone, so they are removed
 * from this process's environment before any client exists.
 */
const LANGCHAIN_ENVIRONMENT = /^(?:LANGCHAIN|LANGSMITH)_/;

export function neutraliseLangChainEnvironment(env: NodeJS.ProcessEnv = process.env): string[] {
  const removed = Object.keys(env).filter((name) => LANGCHAIN_ENVIRONMENT.test(name));
  for (const name of removed) delete env[name];
  return removed;
}

function configuration(baseUrl: string) {
  return { baseURL: baseUrl, organization: null, project: null, adminAPIKey: null, webhookSecret: null };
}

export function createChatClient(options: { baseUrl: string; model: string; apiKey: string | undefined; temperature: number; maxRetries: number }): ChatOpenAI {
  neutraliseLangChainEnvironment();
  return new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey || "none",
    temperature: options.temperature,
    streaming: true,
    // Some compatible servers reject `stream_options`; token usage is not needed here.
    streamUsage: false,
    maxRetries: options.maxRetries,
    onFailedAttempt: rethrowUnlessRetryable,
    configuration: configuration(options.baseUrl),
  });
}

export function createEmbeddingsClient(options: {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  dimensions: number | undefined;
  batchSize: number;
  maxRetries: number;
  timeoutMs: number;
}): OpenAIEmbeddings {
  neutraliseLangChainEnvironment();
  return new OpenAIEmbeddings({
    model: options.model,
    apiKey: options.apiKey || "none",
    dimensions: options.dimensions,
    batchSize: options.batchSize,
    maxRetries: options.maxRetries,
    maxConcurrency: 2,
    timeout: options.timeoutMs,
    onFailedAttempt: rethrowUnlessRetryable,
    stripNewLines: false,
    // The openai client defaults to base64, which several compatible servers ignore and answer with floats.
    encodingFormat: "float",
    configuration: configuration(options.baseUrl),
  });
}

/** Rejects as soon as `signal` aborts, even while the library still awaits a silent server. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  let listener: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    listener = () => reject(signal.reason);
    signal.addEventListener("abort", listener, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener("abort", listener!));
}

export function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error && typeof error.status === "number") return error.status;
  return undefined;
}

/** The innermost `code` in the cause chain, e.g. "ECONNREFUSED" under fetch's "fetch failed". */
export function networkCause(error: unknown): { code: string; message: string } | undefined {
  let found: { code: string; message: string } | undefined;
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 6; depth += 1) {
    if ("code" in current && typeof current.code === "string") {
      const message = "message" in current && typeof current.message === "string" ? current.message : "";
      found = { code: current.code, message: message || current.code };
    }
    current = "cause" in current ? current.cause : undefined;
  }
  return found;
}

/** True when the endpoint cannot be reached at all (nothing listening, unknown host): retrying is pointless. */
export function isUnreachable(error: unknown): boolean {
  const cause = networkCause(error);
  return statusOf(error) === undefined && cause !== undefined && UNREACHABLE_CODES.has(cause.code);
}

/**
 * Retry policy for the library's AsyncCaller: an error thrown here is final.
 * Retries 5xx, 408, 429, timeouts and dropped connections; not other 4xx, aborts or a refused connection.
 */
function rethrowUnlessRetryable(error: Error): void {
  if (error.name === "AbortError") throw error;
  const status = statusOf(error);
  if (status !== undefined && status < 500 && status !== 408 && status !== 429) throw error;
  if (isUnreachable(error)) throw error;
}
