import type { ParsedDocument } from "../domain.js";
import { foldTraditional } from "../text/fold-traditional.js";
import { joinParagraphs } from "./join-paragraphs.js";
import { parseFooter } from "./parse-footer.js";
import { parseMasthead, type Masthead } from "./parse-masthead.js";
import type { Segment } from "./segments.js";
import { splitItems } from "./split-items.js";

/** A running header repeated at the top of later pages: the series name or the issue line again. */
function isRunningHeader(segment: Segment, masthead: Masthead, mastheadLines: ReadonlySet<string>): boolean {
  // Compared unspaced and folded: "信 息 簡 報" on page 2 repeats the series 信息简报.
  const text = foldTraditional(segment.text.replace(/\s+/g, ""));
  if (mastheadLines.has(text) || text === masthead.series) return true;
  if (masthead.series && text.startsWith(masthead.series) && text.length <= masthead.series.length + 12 && /期|年/.test(text)) return true;
  return false;
}

/**
 * Parses a bulletin whose masthead has already been recognised. Items need not be signed: an
 * office's own items take the publisher as their unit. A date missing from the masthead is
 * taken from the footer (the 印发 line).
 */
export function parseBulletin(segments: readonly Segment[], masthead: Masthead, removed: string[]): ParsedDocument {
  const mastheadSegments = segments.slice(0, masthead.length);
  const mastheadLines = new Set(mastheadSegments.map((segment) => foldTraditional(segment.text.replace(/\s+/g, ""))));
  const rest = segments.slice(masthead.length).filter((segment) => {
    if (!isRunningHeader(segment, masthead, mastheadLines)) return true;
    removed.push(segment.text);
    return false;
  });
  const footer = parseFooter(rest);
  const items = splitItems({ paragraphs: joinParagraphs(rest.slice(0, footer.start)), removed, publisher: masthead.publisher });
  return {
    kind: "bulletin",
    issue: masthead.issue,
    totalIssue: masthead.totalIssue,
    edition: masthead.edition,
    year: masthead.year ?? footer.date?.year ?? null,
    date: masthead.date ?? footer.date?.iso ?? null,
    publisher: masthead.publisher,
    series: masthead.series,
    editors: footer.editors,
    recipients: footer.recipients,
    header: mastheadSegments.map((segment) => segment.text).join("\n"),
    items,
    footer: rest.slice(footer.start).map((segment) => segment.text).join("\n"),
    removed,
  };
}
