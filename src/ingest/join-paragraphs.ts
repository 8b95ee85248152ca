import type { Segment } from "./segments.js";

/**
 * A paragraph rebuilt from lines that PDF extraction broke apart. `breaks` keeps the
 * offsets where lines were joined: a headline that wrapped onto the body line can end there.
 */
export interface Paragraph {
  text: string;
  breaks: number[];
  /** A Markdown heading or bold-only line: never joined with its neighbours. */
  standalone: boolean;
  /** Markdown heading level (1-6) of a standalone line, 0 otherwise. */
  heading: number;
  /** Starts on a new page (used to spot repeated running headers). */
  pageBreakBefore: boolean;
}

/** A newspaper byline ("本报记者 武建玲 通讯员 赵玲卉") is a line of its own, never a broken sentence. */
const BYLINE = /^(?:本报记者|本报通讯员|记者|通讯员|特约记者)[^，。；！？]{0,40}$|^[^，。；！？]{2,30}\s摄$/;
// A closing quote ends a sentence only after the sentence's own stop ("……。”"): "实现“交房即交证”" wraps on.
const TERMINAL = /[。！？!?；;…）)】]$|[。！？!?；;…][”」』]$/;
const CJK = "\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef“”‘’《》【】…—·";
const ASCII_WORD_END = /[A-Za-z0-9]$/;
const ASCII_WORD_START = /^[A-Za-z0-9]/;

function startsNewParagraph(previous: Paragraph | undefined, segment: Segment): boolean {
  if (!previous) return true;
  if (segment.heading > 0 || segment.bold || previous.standalone) return true;
  if (/^[△▲◆◇■□●【]/.test(segment.text) || /^\*\*/.test(segment.text)) return true;
  if (BYLINE.test(previous.text)) return true;
  return TERMINAL.test(previous.text);
}

/** Joins lines into paragraphs: a line continues the previous one unless that one ended a sentence. */
export function joinParagraphs(segments: readonly Segment[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const segment of segments) {
    const previous = paragraphs.at(-1);
    if (startsNewParagraph(previous, segment) || !previous) {
      paragraphs.push({
        text: segment.text,
        breaks: [],
        standalone: segment.heading > 0 || segment.bold,
        heading: segment.heading,
        pageBreakBefore: segment.pageBreakBefore,
      });
      continue;
    }
    const glue = ASCII_WORD_END.test(previous.text) && ASCII_WORD_START.test(segment.text) ? " " : "";
    previous.breaks.push(previous.text.length + glue.length);
    previous.text += glue + segment.text;
  }
  return paragraphs;
}

const STRAY_SPACE = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}\\d%])|(?<=[\\d%.])\\s+(?=[${CJK}])`, "g");

/** A figure with its thousands set apart by spaces, as some PDFs typeset them: "1 380", "12 460 000". */
const SPACED_THOUSANDS = /(?<![\d.])\d{1,3}(?: \d{3})+(?![\d.])/g;

/**
 * Removes spaces that text extraction inserts between Chinese characters ("服 务群众" -> "服务群众")
 * and inside figures ("1 380名" -> "1380名").
 */
export function removeStraySpaces(text: string): string {
  return text.replace(SPACED_THOUSANDS, (figure) => figure.replace(/ /g, "")).replace(STRAY_SPACE, "").replace(/\s{2,}/g, " ").trim();
}
