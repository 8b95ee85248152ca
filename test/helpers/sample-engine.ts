import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config.js";
import { openEngine, type Engine } from "../../src/app/open-engine.js";
import { ingestFiles } from "../../src/ingest/ingest-files.js";
import { createBulletinStore } from "../../src/store/bulletin-store.js";
import { ROOT } from "./run-cli.js";

export const SAMPLES = path.join(ROOT, "data/samples");
export const CORPUS = path.resolve(ROOT, "../shared/corpus");
export const TODAY = "2026-11-23";

/** A fresh data directory with `paths` ingested, and an engine opened on it (offline embedder). */
export async function sampleEngine(options: { paths: readonly string[]; today?: string }): Promise<{ engine: Engine; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "engine-"));
  const store = createBulletinStore({ dataDir });
  await ingestFiles({ store, paths: options.paths });
  store.close();
  const engine = await openEngine({ config: loadConfig({}), dataDir, today: options.today ?? TODAY });
  return { engine, dataDir };
}

/** Copies the samples into a scratch folder so a test can change or add files. */
export function copySamples(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "samples-"));
  cpSync(SAMPLES, folder, { recursive: true });
  return folder;
}
