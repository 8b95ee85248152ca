import { parsePeriod } from "./parse-period.js";

/** What an English question asks for: the original file, or a summary. */
export const ENGLISH_SOURCE = /\b(?:original|full[- ]text|source(?: file| document)?|pdf|word file|download|the file|which (?:bulletin|issue|edition)s?)\b/gi;
export const ENGLISH_SUMMARY = /\b(?:summar(?:y|ise|ize)|overview|reported|report(?:s|ed)? (?:of|from|by)|what (?:has|did|have) .+ (?:done|report))/i;

/** Mostly Latin letters: unit names in Chinese may appear ("What has 区公安局 reported"). */
export function isEnglish(text: string): boolean {
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  return latin >= 8 && latin > han * 2;
}

/** "issue 12", "issue no. 12 of 2025". */
export function findEnglishIssue(text: string): { issue: { number: number; year?: number }; span: { start: number; end: number } } | undefined {
  const match = /\bissue\s*(?:no\.?|number|#)?\s*([0-9]{1,4})\b(?:\s*(?:of|in)\s*((?:19|20)[0-9]{2}))?/i.exec(text);
  if (!match) return undefined;
  const number = Number(match[1]);
  const year = match[2] ? Number(match[2]) : undefined;
  return { issue: year === undefined ? { number } : { number, year }, span: { start: match.index, end: match.index + match[0].length } };
}

const ENGLISH_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ENGLISH_MONTH = /\b(?:(early|mid|late|the (?:beginning|middle|end) of)\s+)?(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?(?:\s*,?\s*((?:19|20)[0-9]{2}))?/i;
const ENGLISH_PART: Record<string, string> = { early: "上旬", "the beginning of": "上旬", mid: "中旬", "the middle of": "中旬", late: "下旬", "the end of": "下旬" };

/** "late July 2021", "March 2024", "in June": read as 2021年7月下旬, 2024年3月, 6月. */
export function englishMonth(text: string, today: string) {
  const found = ENGLISH_MONTH.exec(text);
  if (!found?.[2]) return undefined;
  // "May I have…": a month needs a year, a part of it or a preposition before it.
  if (!found[1] && !found[3] && !/\b(?:in|from|of|during|since|for)\s+$/i.test(text.slice(0, found.index))) return undefined;
  const month = ENGLISH_MONTHS.indexOf(found[2].slice(0, 3).toLowerCase()) + 1;
  const part = found[1] ? ENGLISH_PART[found[1].toLowerCase()] ?? "" : "";
  const period = parsePeriod({ text: `${found[3] ? `${found[3]}年` : ""}${month}月${part}`, today });
  return period ? { ...period, start: found.index, end: found.index + found[0].length } : undefined;
}
