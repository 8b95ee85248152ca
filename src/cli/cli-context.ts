import type { Application, ApplicationOptions } from "../app/create-application.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";

/** Where a command writes: the process's streams, or a test's buffers. */
export interface CliOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
}

/** What every command receives: configuration read once, the resolved data directory, its output. */
export interface CliContext {
  config: Config;
  dataDir: string;
  logger: Logger;
  io: CliIo;
  /** Marks the run as failed without stopping it (later files are still ingested). */
  fail(code?: number): void;
  /** Opens the application on the data directory; it is closed when the command ends. */
  openApplication(options?: Omit<ApplicationOptions, "config" | "dataDir" | "logger">): Promise<Application>;
}

/** Gives a command its context, built on first use: `--help` reads no configuration and loads nothing. */
export type ContextProvider = () => Promise<CliContext>;
