import type { ParsedDocument } from "../domain.js";
import { parseArticles } from "./parse-articles.js";
import { parseBulletin } from "./parse-bulletin.js";
import { parseMasthead } from "./parse-masthead.js";
import { toSegments } from "./segments.js";

/**
 * Parses the text of one file into a bulletin (issue, date, unit items) or, when it has no
 * bulletin masthead, into articles split at headlines. Never drops a document.
 *
 * @example parseDocument({ text: "上街信息\n第 8 期\n…（区委社工部）" }).items[0].department // "区委社工部"
 */
export function parseDocument(options: { text: string }): ParsedDocument {
  const { segments, noise } = toSegments(options.text);
  const masthead = parseMasthead(segments);
  if (masthead.issue !== null && (masthead.date !== null || masthead.series !== null)) {
    const bulletin = parseBulletin(segments, masthead, [...noise]);
    if (bulletin) return bulletin;
  }
  return parseArticles(segments, [...noise]);
}
