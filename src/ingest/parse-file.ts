import type { ParsedDocument } from "../domain.js";
import { IngestError } from "../errors.js";
import { resolveIngestLimits, type IngestLimits } from "./ingest-limits.js";
import { parseDocument } from "./parse-document.js";
import { readDocument, type ReadDocumentResult } from "./read-document.js";

/** One file read and parsed, ready to store. */
export interface ParsedFile {
  document: ReadDocumentResult;
  parsed: ParsedDocument;
}

/**
 * Reads and parses one file within the limits: everything ingest does to a file except storing it.
 * Runs inside the parsing worker (see createFileParser).
 *
 * @example const { parsed } = await parseFile({ path: "bulletins/2024-21.pdf" })
 */
export async function parseFile(options: { path: string; limits?: Partial<IngestLimits> }): Promise<ParsedFile> {
  const limits = resolveIngestLimits(options.limits);
  const document = await readDocument({ path: options.path, limits });
  const parsed = parseDocument({ text: document.text });
  if (parsed.items.length > limits.maxItems) {
    throw new IngestError({
      source: document.source,
      reason: `解析出 ${parsed.items.length} 条信息，超过每份文件 ${limits.maxItems} 条的上限`,
      hint: "一期简报通常只有十来条；请确认这是一期简报，或拆分为多个文件后再导入",
    });
  }
  return { document, parsed };
}
