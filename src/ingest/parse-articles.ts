import type { ParsedDocument, ParsedItem } from "../domain.js";
import { joinParagraphs } from "./join-paragraphs.js";
import { findDate } from "./find-date.js";
import { findClosingAttribution } from "./parse-attribution.js";
import { findFooterDate } from "./parse-footer.js";
import type { Segment } from "./segments.js";
import { cleanBody } from "./split-items.js";
import { splitTitle } from "./split-title.js";

/** Lines that open an article right under its headline: bylines and continuation marks. */
const LEAD = /^(?:本报讯|本报记者|记者|通讯员|特约记者|[（(](?:上接|接上|下转)|新华社|据[^，。]{0,12}(?:消息|报道))/;
const MAX_HEADLINE = 34;

function isHeadlineCandidate(segment: Segment | undefined): boolean {
  if (!segment) return false;
  const text = segment.text;
  if (segment.heading > 0 || segment.bold) return text.length <= 60;
  return text.length <= MAX_HEADLINE && !/[。；！？!?]$/.test(text) && !/[，。；]/.test(text) && !LEAD.test(text) && !isDateLine(text);
}

/** "2022-03-23 11:18", "2024年5月8日 星期三": the dateline of a web export or a paper, not a headline. */
function isDateLine(text: string): boolean {
  const date = findDate(text);
  return date !== undefined && text.length - date.length <= 8;
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

/** One article from its segments: headline, body, and the unit when a closing attribution names one. */
function toArticle(block: readonly Segment[], position: number, removed: string[]): ParsedItem {
  const headlineLength = block.findIndex((segment, at) => at > 0 && !isHeadlineCandidate(segment));
  let titleLines = block
    .slice(0, Math.max(1, Math.min(2, headlineLength === -1 ? 1 : headlineLength)))
    .filter((segment, at) => at === 0 || isHeadlineCandidate(segment));
  // A lone paragraph is all body (a citation needs text to quote); a text that opens with a
  // sentence may still carry its headline at the start ("标题 正文……").
  if (!isHeadlineCandidate(block[0]) || titleLines.length === block.length) titleLines = [];
  const paragraphs = joinParagraphs(block.slice(titleLines.length));
  const split = titleLines.length === 0 && paragraphs[0] ? splitTitle(paragraphs[0]) : undefined;
  if (split) {
    if (paragraphs[0]!.text.startsWith("**")) removed.push("****");
    paragraphs[0] = { ...paragraphs[0]!, text: paragraphs[0]!.text.slice(split.bodyStart) };
  }
  const last = paragraphs.at(-1);
  const attribution = last ? findClosingAttribution(last.text) : undefined;
  if (last && attribution) last.text = last.text.slice(0, attribution.start);
  const units = attribution?.units ?? [];
  return {
    position,
    kind: "article",
    unit: units[0] ?? null,
    units: units,
    title: split ? split.title.replace(/\s+/g, " ") : titleLines.map((segment) => segment.text.replace(/\s+/g, " ")).join(" "),
    body: paragraphs.map((paragraph) => cleanBody(paragraph.text, removed)).filter(Boolean).join("\n"),
    attribution: attribution?.text.trim() ?? "",
  };
}

/**
 * Splits a document that is not a bulletin (a newspaper page, a report, a notice) into articles at
 * its headlines. Each article keeps every line; an article that ends with a unit attribution
 * takes that unit. The date comes from the first lines, else from the end (印发 or signature date).
 * The first `headerLength` segments (a paper's numbered masthead) are kept as the header.
 */
export function parseArticles(options: { segments: readonly Segment[]; removed: string[]; headerLength: number }): ParsedDocument {
  const { removed } = options;
  const header = options.segments.slice(0, options.headerLength);
  const segments = options.segments.slice(options.headerLength);
  const starts = articleStarts(segments);
  const items = starts.map((start, index) => toArticle(segments.slice(start, starts[index + 1] ?? segments.length), index + 1, removed));
  const top = [...header, ...segments.slice(0, 3)].map((segment) => segment.text).join(" ");
  const date = findDate(top) ?? findFooterDate(segments.map((segment) => segment.text)) ?? undefined;
  return {
    kind: "article",
    issue: null,
    totalIssue: null,
    edition: "regular",
    year: date?.year ?? null,
    date: date?.iso ?? null,
    publisher: null,
    series: null,
    editors: [],
    recipients: [],
    header: header.map((segment) => segment.text).join("\n"),
    items,
    footer: "",
    removed,
  };
}
