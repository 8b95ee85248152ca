import { NUMERAL, parseNumeral } from "./chinese-numerals.js";
import type { Segment } from "./segments.js";

/** What the top of a bulletin says about the issue. */
export interface Masthead {
  series: string | null;
  issue: number | null;
  year: number | null;
  date: string | null;
  publisher: string | null;
  /** Number of leading segments that belong to the masthead. */
  length: number;
}

const DATE = new RegExp(`(${NUMERAL})\\s*年\\s*(${NUMERAL})\\s*月\\s*(${NUMERAL})\\s*日`);
const ISSUE = new RegExp(`(?:(\\d{4})\\s*年\\s*)?[（(]?\\s*(?:总\\s*)?第\\s*(${NUMERAL})\\s*期\\s*[）)]?`, "g");
const SERIES = /^[\u4e00-\u9fa5]{2,10}(?:信息|简报|动态|专报|通讯|快报|要情|参阅)$/;
const PUBLISHER = /^(?:中共)?[\u4e00-\u9fa5]{2,24}(?:办公室|委员会|人民政府|政府办|委办|宣传部|研究室)$/;

function toIsoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1949 || year > 2200) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Finds the first calendar date written in Chinese style in `text`. */
export function findDate(text: string): { iso: string; year: number; index: number; length: number } | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const year = parseNumeral(match[1]!);
  const month = parseNumeral(match[2]!);
  const day = parseNumeral(match[3]!);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const iso = toIsoDate(year, month, day);
  return iso ? { iso, year, index: match.index, length: match[0].length } : undefined;
}

/**
 * Consumes masthead lines from the start of a document. A line belongs to the masthead when,
 * once the series name, issue number, publisher and date are removed from it, nothing remains.
 */
export function parseMasthead(segments: readonly Segment[]): Masthead {
  const masthead: Masthead = { series: null, issue: null, year: null, date: null, publisher: null, length: 0 };
  for (const segment of segments.slice(0, 8)) {
    let rest = segment.text;
    const found: Partial<Masthead> = {};
    const date = findDate(rest);
    if (date && masthead.date === null) {
      found.date = date.iso;
      found.year = date.year;
      rest = rest.slice(0, date.index) + " " + rest.slice(date.index + date.length);
    }
    rest = rest.replace(ISSUE, (whole, year: string | undefined, numeral: string) => {
      const value = parseNumeral(numeral);
      if (value !== undefined && found.issue === undefined && masthead.issue === null) {
        found.issue = value;
        if (year && found.year === undefined) found.year = Number(year);
      }
      return " ";
    });
    const words = rest.split(/\s+/).filter(Boolean);
    const leftovers = words.filter((word) => {
      if (masthead.series === null && found.series === undefined && SERIES.test(word)) {
        found.series = word;
        return false;
      }
      if (masthead.publisher === null && found.publisher === undefined && PUBLISHER.test(word)) {
        found.publisher = word;
        return false;
      }
      return !/^[（()）\-—·•|｜]+$/.test(word);
    });
    if (leftovers.length > 0 || Object.keys(found).length === 0) break;
    Object.assign(masthead, found, { year: found.year ?? masthead.year });
    masthead.length += 1;
  }
  return masthead;
}
