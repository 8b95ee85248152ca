import type { ParsedDocument } from "../domain.js";
import { parseArticles } from "./parse-articles.js";
import { parseBulletin } from "./parse-bulletin.js";
import { parseMasthead, type Masthead } from "./parse-masthead.js";
import { toSegments } from "./segments.js";

/**
 * A numbered issue that also names its series, publisher or date; or, for unnumbered 专报 and
 * the like, series, publisher and date together. Whether its items are signed does not matter:
 * offices often leave their own items unsigned.
 */
function isBulletinMasthead(masthead: Masthead): boolean {
  const numbered = masthead.issue !== null || masthead.totalIssue !== null;
  const named = masthead.series !== null || masthead.publisher !== null || masthead.date !== null;
  return numbered ? named : masthead.series !== null && masthead.publisher !== null && masthead.date !== null;
}

/**
 * Raised whenever a change to parsing changes what is read from a file already stored: the next
 * ingest of that file parses it again instead of keeping the older reading.
 */
export const PARSER_VERSION = 12;

/** Newspaper bylines: a paper's page is articles even when its masthead carries a number (总第3307期). */
const NEWSPAPER_LEAD = /^(?:本报讯|本报记者|本报通讯员)/;

/**
 * Parses the text of one file into a bulletin (issue, date, unit items) or, when it has no
 * bulletin masthead, into articles split at headlines. Never drops a document.
 *
 * @example parseDocument({ text: "上街信息\n第 8 期\n…（区委社工部）" }).items[0].unit // "区委社工部"
 */
export function parseDocument(options: { text: string }): ParsedDocument {
  const { segments, noise } = toSegments(options.text);
  const masthead = parseMasthead(segments);
  const newspaper = segments.some((segment) => NEWSPAPER_LEAD.test(segment.text));
  if (isBulletinMasthead(masthead) && !newspaper) return parseBulletin(segments, masthead, [...noise]);
  // A numbered masthead is never an article's headline; other top lines may be ("标题\n2022-03-23 11:18").
  const numbered = masthead.issue !== null || masthead.totalIssue !== null;
  return parseArticles({ segments, removed: [...noise], headerLength: numbered ? masthead.length : 0 });
}
