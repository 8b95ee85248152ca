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
