import type { Paragraph } from "./join-paragraphs.js";

/**
 * How a paragraph opens with a headline: a Markdown heading (by level), a bold-only line, a bold
 * lead ("**标题**正文"), a numbered line ("一、……"), or a short line followed by body text.
 * Items of one issue share the style of their headlines; sub-headings inside an item differ.
 */
export type HeadlineStyle = `heading-${number}` | "bold" | "bold-lead" | "numbered" | "line";

export interface Headline {
  style: HeadlineStyle;
  text: string;
  /** Offset in the paragraph where the body starts (paragraph length for a standalone line). */
  bodyStart: number;
}

const MIN_LINE = 4;
const MAX_LINE = 40;
const NUMBERED = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．](?!\d))/;
const PUNCTUATION = /[，。；：！？,;:!?]/;

export function findHeadline(paragraph: Paragraph): Headline | undefined {
  const text = paragraph.text;
  if (paragraph.standalone) {
    return { style: paragraph.heading > 0 ? `heading-${paragraph.heading}` : "bold", text: text.trim(), bodyStart: text.length };
  }
  const lead = /^\*\*([^*]+)\*\*\s*/.exec(text);
  if (lead) return { style: "bold-lead", text: lead[1]!.trim(), bodyStart: lead[0].length };
  const firstBreak = paragraph.breaks[0];
  if (firstBreak === undefined || firstBreak < MIN_LINE || firstBreak > MAX_LINE) return undefined;
  const line = text.slice(0, firstBreak).trim();
  if (NUMBERED.test(line) && !/[。；！？]/.test(line.slice(0, -1))) return { style: "numbered", text: line, bodyStart: firstBreak };
  if (PUNCTUATION.test(line) || /[、“‘《（(]$/.test(line)) return undefined;
  return { style: "line", text: line, bodyStart: firstBreak };
}
