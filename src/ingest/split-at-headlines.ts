import { foldTraditional } from "../text/fold-traditional.js";
import type { Attribution } from "./parse-attribution.js";
import { findHeadline, type Headline } from "./find-headline.js";
import type { Paragraph } from "./join-paragraphs.js";

/** Paragraphs of one item before titles are cut, with the attribution that closed them. */
export interface RawItem {
  paragraphs: Paragraph[];
  attribution: Attribution | undefined;
}

const BRIEF_START = /^\s*[△▲◆◇●■□]/;

/** Cuts unsigned paragraphs before every headline in the style of the first one. */
function splitUnsigned(paragraphs: readonly Paragraph[]): RawItem[] {
  const headlines = paragraphs.map((paragraph) => findHeadline(paragraph));
  const style = headlines.find((headline) => headline !== undefined)?.style;
  const items: RawItem[] = [];
  paragraphs.forEach((paragraph, index) => {
    if (index === 0 || (style !== undefined && headlines[index]?.style === style)) items.push({ paragraphs: [], attribution: undefined });
    items.at(-1)!.paragraphs.push(paragraph);
  });
  return items;
}

function mentions(headline: Headline, units: readonly string[]): boolean {
  const text = foldTraditional(headline.text);
  return units.some((unit) => text.includes(unit));
}

/**
 * Splits a group of paragraphs that no attribution divides into items at their headlines.
 * Unsigned groups (an office writing its own items) split at each headline styled like their
 * first. A signed group splits only where a headline in the opening headline's style names the
 * signing unit ("区教育局推进……" before "（区教育局）"): what comes before it is an unsigned item,
 * while sub-headings inside one unit's report ("一、……") never split it.
 */
export function splitAtHeadlines(raw: RawItem): RawItem[] {
  const [first] = raw.paragraphs;
  if (!first || raw.paragraphs.length < 2 || BRIEF_START.test(first.text)) return [raw];
  if (!raw.attribution) return splitUnsigned(raw.paragraphs);
  const units = raw.attribution.units;
  const opening = findHeadline(first);
  if (!opening || mentions(opening, units)) return [raw];
  const at = raw.paragraphs.findIndex((paragraph, index) => {
    const headline = index > 0 ? findHeadline(paragraph) : undefined;
    return headline !== undefined && headline.style === opening.style && mentions(headline, units);
  });
  if (at === -1) return [raw];
  return [...splitUnsigned(raw.paragraphs.slice(0, at)), { paragraphs: raw.paragraphs.slice(at), attribution: raw.attribution }];
}
