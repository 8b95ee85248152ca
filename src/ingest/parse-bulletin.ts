import type { ParsedDocument } from "../domain.js";
import { joinParagraphs } from "./join-paragraphs.js";
import { parseFooter } from "./parse-footer.js";
import { parseMasthead, type Masthead } from "./parse-masthead.js";
import type { Segment } from "./segments.js";
import { splitItems } from "./split-items.js";

/** A running header repeated at the top of later pages: the series name or the issue line again. */
function isRunningHeader(segment: Segment, masthead: Masthead, mastheadLines: ReadonlySet<string>): boolean {
  const text = segment.text.replace(/\s+/g, "");
  if (mastheadLines.has(text)) return true;
  if (masthead.series && text.startsWith(masthead.series) && text.length <= masthead.series.length + 12 && /期|年/.test(text)) return true;
  return false;
}

/**
 * Parses a bulletin whose masthead has already been recognised.
 * Returns undefined when the body holds no attributed item (then it is not a bulletin).
 */
export function parseBulletin(segments: readonly Segment[], masthead: Masthead, removed: string[]): ParsedDocument | undefined {
  const mastheadSegments = segments.slice(0, masthead.length);
  const mastheadLines = new Set(mastheadSegments.map((segment) => segment.text.replace(/\s+/g, "")));
  const rest = segments.slice(masthead.length).filter((segment) => {
    if (!isRunningHeader(segment, masthead, mastheadLines)) return true;
    removed.push(segment.text);
    return false;
  });
  const footer = parseFooter(rest);
  const items = splitItems(joinParagraphs(rest.slice(0, footer.start)), removed);
  if (!items.some((item) => item.department !== null)) return undefined;
  return {
    kind: "bulletin",
    issue: masthead.issue,
    year: masthead.year,
    date: masthead.date,
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
