import pino from "pino";
import type { Config } from "./config.js";

export type Logger = pino.Logger;

/**
 * Structured logs go to stderr so that stdout stays clean for --json output; `destination`
 * replaces stderr (a CLI run inside a test writes to its own captured stream).
 */
export function createLogger(options: { level: Config["logLevel"]; destination?: { write(text: string): unknown } }): Logger {
  // errWithCause: a failure's cause (the endpoint's refusal, SQLite's error code) is what the operator needs.
  return pino(
    { level: options.level, base: undefined, serializers: { err: pino.stdSerializers.errWithCause } },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}
