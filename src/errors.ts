/**
 * One error base for everything the product reports to a person: a context prefix,
 * what went wrong, and how to fix it. Subclasses exist per failure domain so callers
 * can branch on `instanceof` without parsing messages.
 */
export class AppError extends Error {
  readonly context: string;
  readonly hint: string | undefined;

  constructor(options: { context: string; message: string; hint?: string; cause?: unknown }) {
    const text = options.hint
      ? `[${options.context}] ${options.message}; ${options.hint}`
      : `[${options.context}] ${options.message}`;
    super(text, { cause: options.cause });
    this.name = new.target.name;
    this.context = options.context;
    this.hint = options.hint;
  }
}

/** A configuration variable is missing or malformed. */
export class ConfigError extends AppError {
  readonly variable: string;
  constructor(options: { variable: string; message: string; hint: string; cause?: unknown }) {
    super({ context: "config", message: `${options.variable}: ${options.message}`, hint: options.hint, cause: options.cause });
    this.variable = options.variable;
  }
}

/** One input file could not be read or parsed. Names the file. */
export class IngestError extends AppError {
  readonly source: string;
  readonly reason: string;
  constructor(options: { source: string; reason: string; hint: string; cause?: unknown }) {
    super({ context: "ingest", message: `${options.source}: ${options.reason}`, hint: options.hint, cause: options.cause });
    this.source = options.source;
    this.reason = options.reason;
  }
}

/** The on-disk store or an index is unusable as found. */
export class StoreError extends AppError {
  constructor(options: { message: string; hint: string; cause?: unknown }) {
    super({ context: "store", ...options });
  }
}

/** How to rebuild the search index: the one fix for an index that no longer matches the program or its configuration. */
export const REINDEX_HINT = "请运行 npm run cli -- reindex 重建索引";

/** The search index on disk was built by another version, embedder or segmentation, or is damaged: rebuild it. */
export class IndexOutOfDateError extends StoreError {
  constructor(options: { message: string; cause?: unknown }) {
    super({ message: options.message, hint: REINDEX_HINT, ...(options.cause !== undefined ? { cause: options.cause } : {}) });
  }
}

/** A file the product ships or the operator edits (dictionary, unit aliases, prompt, link manifest) is missing or malformed. */
export class DataFileError extends AppError {
  readonly file: string;
  constructor(options: { file: string; message: string; hint: string; cause?: unknown }) {
    super({ context: "data", message: `${options.file}: ${options.message}`, hint: options.hint, cause: options.cause });
    this.file = options.file;
  }
}

/** A model endpoint (LLM_* or EMBEDDING_*) failed, refused or answered nonsense. */
export class ModelError extends AppError {
  constructor(options: { kind: "llm" | "embedding"; message: string; hint: string; cause?: unknown }) {
    super({ context: options.kind, message: options.message, hint: options.hint, cause: options.cause });
  }
}

/** Signing in with Feishu failed or was refused. */
export class LoginError extends AppError {
  constructor(options: { message: string; hint: string; cause?: unknown }) {
    super({ context: "login", ...options });
  }
}

/**
 * A request the web layer answers with `status` and a Chinese `publicMessage` for the person at the
 * browser (the error message proper carries the context prefix, for logs).
 */
export class HttpError extends AppError {
  readonly status: number;
  readonly publicMessage: string;
  constructor(status: number, publicMessage: string, options: { cause?: unknown } = {}) {
    super({ context: "http", message: `${status} ${publicMessage}`, ...(options.cause !== undefined ? { cause: options.cause } : {}) });
    this.status = status;
    this.publicMessage = publicMessage;
  }
}

/** The user's command line is wrong. */
export class UsageError extends AppError {
  constructor(options: { message: string; hint: string }) {
    super({ context: "cli", ...options });
  }
}

/** Renders any thrown value for a person: AppErrors as written, others with their message. */
export function describeError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
