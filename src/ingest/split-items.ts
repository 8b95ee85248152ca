import type { ParsedItem } from "../domain.js";
import { findClosingAttribution, findInlineAttributions, type Attribution } from "./parse-attribution.js";
import { removeStraySpaces, type Paragraph } from "./join-paragraphs.js";
import { splitTitle } from "./split-title.js";

const BRIEF_MARK = /^\s*([△▲])\s*/;

interface RawItem {
  paragraphs: Paragraph[];
  attribution: Attribution | undefined;
}

function sliceParagraph(paragraph: Paragraph, start: number, end = paragraph.text.length): Paragraph {
  return {
    ...paragraph,
    text: paragraph.text.slice(start, end),
    breaks: paragraph.breaks.filter((at) => at > start && at < end).map((at) => at - start),
  };
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
    if (BRIEF_MARK.test(paragraph.text)) close(undefined);
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

/** Turns the body paragraphs of a bulletin into items with unit, kind, title and body. */
export function splitItems(paragraphs: readonly Paragraph[], removed: string[]): ParsedItem[] {
  return groupItems(paragraphs).map((raw, index) => {
    const parts = [...raw.paragraphs];
    const attribution = raw.attribution;
    if (attribution) {
      const last = parts.length - 1;
      parts[last] = sliceParagraph(parts[last]!, 0, attribution.start);
    }
    let title = "";
    let kind: ParsedItem["kind"] = "report";
    const first = parts[0]!;
    const brief = BRIEF_MARK.exec(first.text);
    if (brief) {
      kind = "brief";
      removed.push(brief[1]!);
      parts[0] = sliceParagraph(first, brief[0].length);
    } else if (first.standalone) {
      title = first.text.trim();
      parts.shift();
    } else {
      const split = splitTitle(first);
      if (split) {
        title = split.title.replace(/\s+/g, " ");
        if (first.text.startsWith("**")) removed.push("****");
        parts[0] = sliceParagraph(first, split.bodyStart);
      }
    }
    const units = attribution?.units ?? [];
    return {
      position: index + 1,
      kind,
      department: units[0] ?? null,
      departments: units,
      title,
      body: parts.map((part) => cleanBody(part.text, removed)).filter(Boolean).join("\n"),
      attribution: attribution?.text.trim() ?? "",
    };
  });
}
