import { NUMERAL, parseNumeral } from "../text/chinese-numerals.js";

export interface FoundDate {
  /** YYYY-MM-DD. */
  iso: string;
  year: number;
  /** Where the date (with any time after an ISO date) starts in the text, and how long it is. */
  index: number;
  length: number;
}

const CHINESE_DATE = new RegExp(`(${NUMERAL})\\s*年\\s*(${NUMERAL})\\s*月\\s*(${NUMERAL})\\s*[日号]`, "g");
/** 2018-09-14, 2018/9/14, 2018.09.14, optionally followed by a time ("2022-03-23 11:18"). */
const NUMERIC_DATE = /(?<![\d.\-/])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.\-/])(?:[\sT]*\d{1,2}:\d{2}(?::\d{2})?)?/g;

/** A calendar date in a plausible range for a bulletin, or null. */
export function toIsoDate(options: { year: number; month: number; day: number }): string | null {
  const { year, month, day } = options;
  if (year < 1949 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function candidates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  const add = (match: RegExpMatchArray, parts: [string, string, string]) => {
    const [year, month, day] = parts.map((part) => parseNumeral(part));
    if (year === undefined || month === undefined || day === undefined) return;
    const iso = toIsoDate({ year, month, day });
    if (iso) found.push({ iso, year, index: match.index!, length: match[0].length });
  };
  for (const match of text.matchAll(CHINESE_DATE)) add(match, [match[1]!, match[2]!, match[3]!]);
  for (const match of text.matchAll(NUMERIC_DATE)) add(match, [match[1]!, match[3]!, match[4]!]);
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The first valid calendar date in `text`, Chinese ("2024年5月8日", "二〇二四年五月八日",
 * "二○二四年五月八日") or numeric ("2024-05-08", "2022-03-23 11:18"). A match that is no real
 * date ("2024年13月1日") is skipped rather than ending the search.
 */
export function findDate(text: string): FoundDate | undefined {
  return candidates(text)[0];
}
