import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApplication, type Application, type ApplicationOptions } from "../../src/app/create-application.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { ROOT } from "./run-cli.js";

export const SAMPLES = path.join(ROOT, "data/samples");
import { CORPUS } from "./shared.js";

export { CORPUS };
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
  const open = () => createApplication({ config, dataDir, logger: createLogger({ level: "silent" }), chatModel: null, today: TODAY, ...rest });
  const template = await preparedTemplate({ paths, custom: rest.embedder !== undefined || env !== undefined });
  if (template) {
    cpSync(template, dataDir, { recursive: true });
    return { application: await open(), dataDir };
  }
  const application = await open();
  await application.ingest({ paths });
  return { application, dataDir };
}

const templates = new Map<string, Promise<string>>();

/**
 * The bundled samples and ../shared never change during a run: they are ingested and indexed once
 * per test process into a template directory, which each caller gets a copy of.
 */
async function preparedTemplate(options: { paths: readonly string[]; custom: boolean }): Promise<string | undefined> {
  const immutable = options.paths.every((entry) => [SAMPLES, CORPUS].some((root) => entry === root || entry.startsWith(`${root}${path.sep}`)));
  if (!immutable || options.custom) return undefined;
  const key = options.paths.join("\n");
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const directory = mkdtempSync(path.join(tmpdir(), "application-template-"));
      const application = await createApplication({ config: loadConfig({ LOG_LEVEL: "silent" }), dataDir: directory, logger: createLogger({ level: "silent" }), chatModel: null });
      await application.ingest({ paths: options.paths });
      application.close();
      return directory;
    })();
    templates.set(key, template);
  }
  return template;
}

/** Copies the samples into a scratch folder so a test can change or add files. */
export function copySamples(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "samples-"));
  cpSync(SAMPLES, folder, { recursive: true });
  return folder;
}

/** The bundled samples' paths without `name`: an application opened on them comes from the shared template. */
export function samplesWithout(name: string): string[] {
  return readdirSync(SAMPLES).sort().filter((entry) => entry !== name).map((entry) => path.join(SAMPLES, entry));
}
