import path from "node:path";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";

/** What every command receives: configuration read once, and the resolved data directory. */
export interface CliContext {
  config: Config;
  dataDir: string;
  logger: Logger;
}

export function createCliContext(options: { config: Config; logger: Logger; dataDirOption: string | undefined }): CliContext {
  return {
    config: options.config,
    logger: options.logger,
    dataDir: options.dataDirOption ? path.resolve(options.dataDirOption) : options.config.dataDir,
  };
}
