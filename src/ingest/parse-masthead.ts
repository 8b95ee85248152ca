import type { IssueEdition } from "../domain.js";
import { hasMastheadParts, leftoversAreMinor, readMastheadLine, type MastheadLine } from "./read-masthead-line.js";
import type { Segment } from "./segments.js";

/** What the top of a bulletin says about the issue. */
export interface Masthead {
  series: string | null;
  issue: number | null;
  totalIssue: number | null;
  edition: IssueEdition;
  year: number | null;
  date: string | null;
  publisher: string | null;
  /** Number of leading segments that belong to the masthead. */
  length: number;
}

/** Mastheads are a handful of short lines; anything longer is body text. */
const ZONE = 10;
const MAX_LINE = 80;

/** A top line with nothing recognised but one short word: the series name when an issue number follows. */
function seriesCandidate(line: MastheadLine): string | undefined {
  const [word] = line.leftovers;
  if (line.series !== null || line.leftovers.length !== 1) return undefined;
  return /^[\u4e00-\u9fa5]{2,12}$/.test(word!) ? word : undefined;
}

/** Whether a line continues the masthead read so far: a masthead names each part once. */
function belongsToMasthead(line: MastheadLine, masthead: Masthead): boolean {
  const repeats =
    (line.series !== null && masthead.series !== null && line.series !== masthead.series) ||
    (line.issue !== null && masthead.issue !== null) ||
    (line.publisher !== null && masthead.publisher !== null && line.publisher !== masthead.publisher);
  if (repeats) return false;
  // Once number and date are known, only publisher and decoration lines may follow.
  if ((masthead.issue !== null || masthead.totalIssue !== null) && masthead.date !== null) {
    return line.leftovers.length === 0 && line.series === null && line.issue === null && line.date === null;
  }
  return line.leftovers.length === 0 || (hasMastheadParts(line) && leftoversAreMinor(line));
}

/**
 * Consumes masthead lines from the start of a document, in any order and layout: series name
 * (letter-spaced or not), 第N期 / N期 / 2024年第N期 / 增刊第N期 / 总第N期, publisher and date,
 * one per line or several on one line. The first valid date wins. A line belongs to the
 * masthead when it names at least one of these and what is left is short and no sentence.
 *
 * @example parseMasthead(toSegments("信 息 简 报\n增刊第7期\n中共某某市委办公室 2024年5月20日").segments)
 *   // { series: "信息简报", issue: 7, edition: "supplement", publisher: "中共某某市委办公室", date: "2024-05-20", ... }
 */
export function parseMasthead(segments: readonly Segment[]): Masthead {
  const masthead: Masthead = { series: null, issue: null, totalIssue: null, edition: "regular", year: null, date: null, publisher: null, length: 0 };
  let issueYear: number | null = null;
  let dateYear: number | null = null;
  let candidate: string | undefined;
  for (const [index, segment] of segments.slice(0, ZONE).entries()) {
    if (segment.text.length > MAX_LINE) break;
    const line = readMastheadLine(segment.text);
    const numbered = masthead.issue !== null || masthead.totalIssue !== null;
    // The series name sits above the number; a bare short line further down is the first headline.
    const topWord = !numbered && masthead.date === null ? seriesCandidate(line) : undefined;
    if (topWord === undefined && !belongsToMasthead(line, masthead)) break;
    if (topWord !== undefined) candidate ??= topWord;
    masthead.series ??= line.series;
    masthead.publisher ??= line.publisher;
    masthead.issue ??= line.issue;
    masthead.totalIssue ??= line.totalIssue;
    if (line.edition !== null && masthead.edition === "regular") masthead.edition = line.edition;
    issueYear ??= line.issue !== null ? line.issueYear : null;
    if (masthead.date === null && line.date) {
      masthead.date = line.date.iso;
      dateYear = line.date.year;
    }
    masthead.length = index + 1;
  }
  if (masthead.series === null && (masthead.issue !== null || masthead.totalIssue !== null)) masthead.series = candidate ?? null;
  masthead.year = issueYear ?? dateYear;
  return masthead;
}
