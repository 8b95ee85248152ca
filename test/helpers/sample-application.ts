import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApplication, type Application, type ApplicationOptions } from "../../src/app/create-application.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { ROOT } from "./run-cli.js";

export const SAMPLES = path.join(ROOT, "data/samples");
export { CORPUS } from "./shared.js";
export const TODAY = "2026-11-23";

/**
 * A fresh data directory with `paths` ingested and indexed, and the application opened on it:
 * offline embedder, extractive answers (unless `chatModel` is given), a fixed "today".
 */
export async function sampleApplication(options: {
  paths: readonly string[];
  today?: string;
  env?: Record<string, string>;
} & Omit<Partial<ApplicationOptions>, "config" | "dataDir">): Promise<{ application: Application; dataDir: string }> {
  const { paths, env, ...rest } = options;
  const dataDir = mkdtempSync(path.join(tmpdir(), "application-"));
  const config = loadConfig({ LOG_LEVEL: "silent", ...env });
  const application = await createApplication({ config, dataDir, logger: createLogger({ level: "silent" }), chatModel: null, today: TODAY, ...rest });
  await application.ingest({ paths });
  return { application, dataDir };
}

/** Copies the samples into a scratch folder so a test can change or add files. */
export function copySamples(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "samples-"));
  cpSync(SAMPLES, folder, { recursive: true });
  return folder;
}
