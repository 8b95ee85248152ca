import type { ParsedItem } from "../domain.js";
import { findClosingAttribution, findInlineAttributions, type Attribution } from "./parse-attribution.js";
import { findHeadline } from "./find-headline.js";
import { findLeadingUnit, type LeadingUnit } from "./find-leading-unit.js";
import { removeStraySpaces, type Paragraph } from "./join-paragraphs.js";
import { splitAtHeadlines, type RawItem } from "./split-at-headlines.js";
import { splitTitle } from "./split-title.js";

/** Marks that open a short note: △ in 上街信息, ◆ ● ■ ▲ in other offices' bulletins. */
export const BRIEF_MARK = /^\s*([△▲◆◇●■□])\s*/;
/** Notes by the editors are no unit's item, even in an issue whose items are unsigned. */
const EDITOR_NOTE = /^\s*(?:编者按|编者注|编后|按语)\s*[：:]/;

function sliceParagraph(paragraph: Paragraph, start: number, end = paragraph.text.length): Paragraph {
  return {
    ...paragraph,
    text: paragraph.text.slice(start, end),
    breaks: paragraph.breaks.filter((at) => at > start && at < end).map((at) => at - start),
  };
}

/** An item starts at a brief mark or a unit named up front ("【区教育局】", "某某镇："). */
function opensItem(paragraph: Paragraph): boolean {
  const brief = BRIEF_MARK.exec(paragraph.text);
  return brief !== null || findLeadingUnit(paragraph.text) !== undefined;
}

/** Groups paragraphs into items: an item ends at the unit attribution that closes it. */
function groupItems(paragraphs: readonly Paragraph[]): RawItem[] {
  const items: RawItem[] = [];
  let current: Paragraph[] = [];
  const close = (attribution: Attribution | undefined) => {
    if (current.length > 0) items.push({ paragraphs: current, attribution });
    current = [];
  };
  const queue = [...paragraphs];
  while (queue.length > 0) {
    const paragraph = queue.shift()!;
    if (opensItem(paragraph)) close(undefined);
    const inline = findInlineAttributions(paragraph.text)[0];
    if (inline) {
      current.push(sliceParagraph(paragraph, 0, inline.end));
      close({ ...inline });
      queue.unshift(sliceParagraph(paragraph, inline.end));
      continue;
    }
    current.push(paragraph);
    const closing = findClosingAttribution(paragraph.text);
    if (closing) close(closing);
  }
  close(undefined);
  return items;
}

/** Drops inline Markdown bold markers (recording them) and extraction spaces. */
export function cleanBody(text: string, removed: string[]): string {
  const plain = text.replace(/\*\*([^*\n]+?)\*\*/g, (_whole, inner: string) => {
    removed.push("****");
    return inner;
  });
  return plain.length > 30 ? removeStraySpaces(plain) : plain.replace(/\s+/g, " ").trim();
}

const FIGURE_SPACE = /(?<=[\u4e00-\u9fff“”])\s+(?=\d)|(?<=[\d%])\s+(?=[\u4e00-\u9fff“”])/g;

/** Headline and where the body starts in an item's first paragraph, if it has a headline. */
function readTitle(first: Paragraph, removed: string[]): { title: string; bodyStart: number } | undefined {
  const headline = findHeadline(first);
  const split = splitTitle(first);
  // A short line over the body is the headline as laid out, unless the headline visibly runs on
  // past the line end (a wrapped headline); splitTitle's guess inside the line loses to it, except
  // where the body visibly begins inside the line ("…稳就业 区人社局以…" wrapped with no comma yet).
  // A first line as long as the wrapped lines after it is body text too, not a headline laid out alone.
  const laidOut = (headline?.style === "line" || headline?.style === "numbered") && !fullLine(first) ? headline : undefined;
  if (laidOut && (!split || (split.bodyStart < laidOut.bodyStart && !split.opened))) return { title: laidOut.text, bodyStart: laidOut.bodyStart };
  if (!split) return undefined;
  if (first.text.startsWith("**")) removed.push("****");
  // "完成 2024 年下半年征兵任务": the spaces extraction puts around figures go; a space between two units stays.
  return { title: split.title.replace(/\s+/g, " ").replace(FIGURE_SPACE, ""), bodyStart: split.bodyStart };
}

/** The paragraph's first line is as wide as a wrapped line after it: it was wrapped, not set apart. */
function fullLine(paragraph: Paragraph): boolean {
  const { breaks, text } = paragraph;
  const first = breaks[0];
  if (first === undefined || breaks.length < 2) return false;
  const widest = Math.max(...breaks.slice(1).map((at, index) => displayWidth(text.slice(breaks[index]!, at))));
  return displayWidth(text.slice(0, first)) >= widest - 4;
}

/** Columns a line takes on the page: Chinese characters and full-width punctuation take two. */
function displayWidth(line: string): number {
  let width = 0;
  for (const character of line) width += /[\u3000-\u9fff\uff00-\uffef]/.test(character) ? 2 : 1;
  return width;
}

/**
 * Turns the body paragraphs of a bulletin into items with unit, kind, title and body.
 * Signed items take the units of their attribution; an item that names no unit is the issuing
 * office's own and takes `publisher`, unless it is an editor's note or a stray paragraph without
 * headline in an issue whose other items are signed.
 */
export function splitItems(options: { paragraphs: readonly Paragraph[]; removed: string[]; publisher: string | null }): ParsedItem[] {
  const { removed, publisher } = options;
  const raws = groupItems(options.paragraphs).flatMap(splitAtHeadlines);
  const anySigned = raws.some((raw) => raw.attribution !== undefined || findLeadingUnit(raw.paragraphs[0]!.text.replace(BRIEF_MARK, "")) !== undefined);
  return raws.map((raw, index) => {
    const parts = [...raw.paragraphs];
    const attribution = raw.attribution;
    if (attribution) {
      const last = parts.length - 1;
      parts[last] = sliceParagraph(parts[last]!, 0, attribution.start);
    }
    let title = "";
    let kind: ParsedItem["kind"] = "report";
    let lead: LeadingUnit | undefined;
    const brief = BRIEF_MARK.exec(parts[0]!.text);
    if (brief) {
      kind = "brief";
      removed.push(brief[1]!);
      parts[0] = sliceParagraph(parts[0]!, brief[0].length);
    }
    if (!attribution) {
      lead = findLeadingUnit(parts[0]!.text);
      if (lead) parts[0] = sliceParagraph(parts[0]!, lead.end);
    }
    const first = parts[0]!;
    if (kind === "brief") {
      // Briefs have no headline.
    } else if (first.standalone) {
      title = first.text.trim();
      parts.shift();
    } else {
      const read = readTitle(first, removed);
      if (read) {
        title = read.title;
        parts[0] = sliceParagraph(first, read.bodyStart);
      }
    }
    const body = parts.map((part) => cleanBody(part.text, removed)).filter(Boolean).join("\n");
    const ownItem = publisher !== null && !EDITOR_NOTE.test(body) && (title !== "" || kind === "brief" || !anySigned);
    const units = attribution?.units ?? lead?.units ?? (ownItem ? [publisher] : []);
    return {
      position: index + 1,
      kind,
      unit: units[0] ?? null,
      units: units,
      title,
      body,
      attribution: attribution?.text.trim() ?? lead?.text ?? "",
    };
  });
}
