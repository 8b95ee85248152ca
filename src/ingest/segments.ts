/**
 * First pass over decoded text: one segment per non-empty line, with the layout facts
 * later passes need (blank line or page break before it, Markdown heading, bold-only line).
 * Lines that are pure layout (page numbers, rules, form feeds) are dropped into `noise`
 * so that the no-text-lost check can account for every character.
 */
export interface Segment {
  /** Line text with Markdown heading/bold markers removed and whitespace trimmed. */
  text: string;
  /** A blank line (or more) separated this line from the previous one. */
  blankBefore: boolean;
  /** A page break (form feed or page-number line) came right before this line. */
  pageBreakBefore: boolean;
  /** Markdown heading level (1-6) or 0. */
  heading: number;
  /** The whole line was bold (`**...**`) in Markdown. */
  bold: boolean;
}

export interface SegmentedText {
  segments: Segment[];
  /** Everything removed as layout: page-number lines, rules, markup markers. */
  noise: string[];
}

const PAGE_NUMBER = /^(?:[-—–－−_~～·•\s]*\d{1,3}[-—–－−_~～·•\s]*|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})$/;
const RULE = /^(?:-{3,}|\*{3,}|_{3,}|={3,})$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*$/;
const BOLD_LINE = /^\*\*([^*].*?)\*\*$/;

/** Unifies line endings and invisible characters; keeps form feeds as page-break marks. */
export function normalizeWhitespace(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t\v]/g, " ");
}

export function toSegments(raw: string): SegmentedText {
  const noise: string[] = [];
  const segments: Segment[] = [];
  let blankBefore = false;
  let pageBreakBefore = false;

  for (const physical of normalizeWhitespace(raw).split("\n")) {
    let line = physical;
    if (line.includes("\f")) {
      pageBreakBefore = true;
      line = line.replace(/\f/g, "");
    }
    const trimmed = line.trim();
    if (trimmed === "") {
      blankBefore = true;
      continue;
    }
    if (PAGE_NUMBER.test(trimmed)) {
      noise.push(trimmed);
      pageBreakBefore = true;
      continue;
    }
    if (RULE.test(trimmed)) {
      noise.push(trimmed);
      blankBefore = true;
      continue;
    }
    let text = trimmed;
    let heading = 0;
    let bold = false;
    const headingMatch = HEADING.exec(text);
    if (headingMatch) {
      heading = headingMatch[1]!.length;
      noise.push(text.replace(headingMatch[2]!, ""));
      text = headingMatch[2]!;
    }
    const boldMatch = BOLD_LINE.exec(text);
    if (boldMatch && !boldMatch[1]!.includes("**")) {
      bold = true;
      noise.push("****");
      text = boldMatch[1]!.trim();
    }
    if (text === "") continue;
    segments.push({ text, blankBefore, pageBreakBefore, heading, bold });
    blankBefore = false;
    pageBreakBefore = false;
  }
  return { segments, noise };
}
