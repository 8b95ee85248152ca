import pino from "pino";
import type { Config } from "./config.js";

export type Logger = pino.Logger;

/** Structured logs go to stderr so that stdout stays clean for --json output. */
export function createLogger(options: { level: Config["logLevel"] }): Logger {
  return pino({ level: options.level, base: undefined }, pino.destination({ fd: 2, sync: true }));
}
