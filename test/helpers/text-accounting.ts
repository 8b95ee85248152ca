import type { ParsedDocument } from "../../src/domain.js";

/** Every visible character of a text, whitespace dropped, sorted: a multiset to compare. */
function characterMultiset(text: string): string {
  return [...text.replace(/\s+/g, "")].sort().join("");
}

/** The parsed document's text, in reading order: masthead, items, footer. */
export function parsedText(document: ParsedDocument): string {
  return [document.header, ...document.items.map((item) => `${item.title}${item.body}${item.attribution}`), document.footer].join("");
}

/**
 * No text lost and none duplicated: every visible character of the source lands exactly once
 * in the masthead, one item, the footer, or the removed layout (page numbers, markup).
 */
export function accountForEveryCharacter(source: string, document: ParsedDocument): { missing: string; extra: string } {
  const expected = [...characterMultiset(source.replace(/\f/g, ""))];
  const actual = [...characterMultiset(parsedText(document) + document.removed.join(""))];
  const missing: string[] = [];
  const extra: string[] = [];
  let i = 0;
  let j = 0;
  while (i < expected.length || j < actual.length) {
    const a = expected[i];
    const b = actual[j];
    if (a === b) { i += 1; j += 1; }
    else if (b === undefined || (a !== undefined && a < b)) { missing.push(a!); i += 1; }
    else { extra.push(b); j += 1; }
  }
  return { missing: missing.join(""), extra: extra.join("") };
}

/** Items appear in the source in order: each item's text is a subsequence found after the previous one. */
export function itemsInSourceOrder(source: string, document: ParsedDocument): boolean {
  const lettersOnly = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, "");
  const plain = lettersOnly(source);
  let cursor = 0;
  for (const item of document.items) {
    const text = lettersOnly(`${item.title}${item.body}`);
    const probe = text.slice(0, 12);
    const at = plain.indexOf(probe, cursor);
    if (at === -1) return false;
    cursor = at + probe.length;
  }
  return true;
}
