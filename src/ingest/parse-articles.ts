import type { ParsedDocument, ParsedItem } from "../domain.js";
import { joinParagraphs } from "./join-paragraphs.js";
import { findDate } from "./parse-masthead.js";
import type { Segment } from "./segments.js";
import { cleanBody } from "./split-items.js";

/** Lines that open an article right under its headline: bylines and continuation marks. */
const LEAD = /^(?:本报讯|本报记者|记者|通讯员|特约记者|[（(](?:上接|接上|下转)|新华社|据[^，。]{0,12}(?:消息|报道))/;
const MAX_HEADLINE = 34;

function isHeadlineCandidate(segment: Segment | undefined): boolean {
  if (!segment) return false;
  const text = segment.text;
  if (segment.heading > 0 || segment.bold) return text.length <= 60;
  return text.length <= MAX_HEADLINE && !/[。；！？!?]$/.test(text) && !/[，。；]/.test(text) && !LEAD.test(text);
}

/** Index of the segment where each article starts: a headline (optionally with a kicker line) followed by a lead line. */
function articleStarts(segments: readonly Segment[]): number[] {
  const starts = [0];
  for (let index = 1; index < segments.length; index += 1) {
    if (!isHeadlineCandidate(segments[index])) continue;
    const next = segments[index + 1];
    const afterNext = segments[index + 2];
    const leadFollows = next !== undefined && LEAD.test(next.text);
    const kickerThenHeadline = isHeadlineCandidate(next) && afterNext !== undefined && LEAD.test(afterNext.text);
    if (leadFollows || kickerThenHeadline) {
      if (index > starts.at(-1)!) starts.push(index);
      if (kickerThenHeadline) index += 1;
    }
  }
  return starts;
}

/**
 * Splits a document that is not a bulletin (a newspaper page, a report) into articles at its
 * headlines. Each article keeps every line; unit and date are left empty unless the text states them.
 */
export function parseArticles(segments: readonly Segment[], removed: string[]): ParsedDocument {
  const starts = articleStarts(segments);
  const items: ParsedItem[] = starts.map((start, index) => {
    const end = starts[index + 1] ?? segments.length;
    const block = segments.slice(start, end);
    const headlineLength = block.findIndex((segment, at) => at > 0 && !isHeadlineCandidate(segment)) ;
    const titleLines = block.slice(0, Math.max(1, Math.min(2, headlineLength === -1 ? 1 : headlineLength)))
      .filter((segment, at) => at === 0 || isHeadlineCandidate(segment));
    const bodySegments = block.slice(titleLines.length);
    return {
      position: index + 1,
      kind: "article",
      department: null,
      departments: [],
      title: titleLines.map((segment) => segment.text.replace(/\s+/g, " ")).join(" "),
      body: joinParagraphs(bodySegments).map((paragraph) => cleanBody(paragraph.text, removed)).filter(Boolean).join("\n"),
      attribution: "",
    };
  });
  const date = findDate(segments.slice(0, 3).map((segment) => segment.text).join(" "));
  return {
    kind: "article",
    issue: null,
    year: date?.year ?? null,
    date: date?.iso ?? null,
    publisher: null,
    series: null,
    editors: [],
    recipients: [],
    header: "",
    items,
    footer: "",
    removed,
  };
}
