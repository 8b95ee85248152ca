import path from "node:path";
import type { ParsedDocument } from "../domain.js";
import { describeError, IngestError } from "../errors.js";
import type { BulletinStore, SaveStatus } from "../store/bulletin-store.js";
import { createFileParser } from "./create-file-parser.js";
import { PARSER_VERSION } from "./parse-document.js";
import type { IngestLimits } from "./ingest-limits.js";
import { walkFiles } from "./walk-files.js";

export interface IngestedDocument {
  source: string;
  path: string;
  status: SaveStatus;
  documentId: number;
  replacedIds: number[];
  parsed: ParsedDocument;
}

export interface FailedFile {
  source: string;
  path: string;
  error: string;
}

export interface IngestReport {
  documents: IngestedDocument[];
  failed: FailedFile[];
}

/**
 * Reads, parses and stores every file under `paths`. One transaction per document: a failure
 * (or a kill) leaves every other document as it was. Failed files are reported, never thrown.
 * Reading and parsing run in a worker thread within `limits`; storing stays on this thread.
 */
export async function ingestFiles(options: {
  store: BulletinStore;
  paths: readonly string[];
  limits?: Partial<IngestLimits> | undefined;
  onProgress?: (event: { done: number; total: number; source: string }) => void;
}): Promise<IngestReport> {
  const report: IngestReport = { documents: [], failed: [] };
  let files: string[];
  try {
    files = await walkFiles({ paths: options.paths });
  } catch (error) {
    const source = error instanceof IngestError ? error.source : options.paths.join(", ");
    report.failed.push({ source, path: source, error: describeError(error) });
    return report;
  }
  const parser = createFileParser({ limits: options.limits });
  try {
    for (const [index, file] of files.entries()) {
      const source = path.basename(file);
      try {
        const { document, parsed } = await parser.parse({ path: file });
        const saved = options.store.saveDocument({ source: document.source, path: path.resolve(file), bytes: document.bytes, mediaType: document.mediaType, text: document.text, parsed, parser: PARSER_VERSION });
        report.documents.push({ source: document.source, path: file, ...saved, parsed });
      } catch (error) {
        report.failed.push({ source, path: file, error: error instanceof IngestError ? `${error.reason}；${error.hint ?? ""}` : describeError(error) });
      }
      options.onProgress?.({ done: index + 1, total: files.length, source });
    }
  } finally {
    await parser.close();
  }
  return report;
}
