import type { IssueEdition } from "../domain.js";
import { NUMERAL, parseNumeral } from "../text/chinese-numerals.js";

/** What one masthead line says about the issue number. */
export interface IssueMarks {
  issue: number | null;
  /** Year written with the number ("2024年第3期"). */
  year: number | null;
  /** Running number across years ("总第3307期", "（总第112期）"). */
  totalIssue: number | null;
  /** null when the line names no edition. */
  edition: IssueEdition | null;
  /** The line with every recognised mark replaced by a space. */
  rest: string;
}

export const EDITION_WORDS: Readonly<Record<string, IssueEdition>> = { 增刊: "supplement", 特刊: "special", 专刊: "special", 专报: "report" };
const EDITION = Object.keys(EDITION_WORDS).join("|");
const YEAR = "(?<!\\d)(\\d{4}|[〇○OＯ零一二三四五六七八九]{4})\\s*年\\s*(?:度\\s*)?";

const TOTAL = new RegExp(`[（(]?\\s*总\\s*第?\\s*(${NUMERAL})\\s*期\\s*[）)]?`, "g");
/** 第3期, 3期, 2024年第3期, 增刊第7期, （增刊）第7期, 2024年增刊第2期. */
const ISSUE = new RegExp(`(?:${YEAR})?(?:[（(【]?\\s*(${EDITION})\\s*[）)】]?\\s*)?第?\\s*(${NUMERAL})\\s*期`, "g");
/** An edition named without a number: "（专报）", "【特刊】", or the word standing alone. */
const EDITION_MARK = new RegExp(`[（(【〔\\[]\\s*(${EDITION})\\s*[）)】〕\\]]|(?<![\\u4e00-\\u9fa5])(${EDITION})(?![\\u4e00-\\u9fa5])`, "g");

/**
 * Reads the issue marks of one masthead line (traditional characters already folded) and
 * removes them, so that what is left can be read as series name, publisher and date.
 *
 * @example readIssueMarks("增刊第7期（总第112期）") // { issue: 7, edition: "supplement", totalIssue: 112, ... }
 */
export function readIssueMarks(line: string): IssueMarks {
  const marks: IssueMarks = { issue: null, year: null, totalIssue: null, edition: null, rest: line };
  let rest = line.replace(TOTAL, (whole, numeral: string) => {
    const value = parseNumeral(numeral);
    if (value === undefined) return whole;
    marks.totalIssue ??= value;
    return " ";
  });
  rest = rest.replace(ISSUE, (whole, year: string | undefined, edition: string | undefined, numeral: string) => {
    const value = parseNumeral(numeral);
    if (value === undefined || marks.issue !== null) return whole;
    marks.issue = value;
    if (year) marks.year = parseNumeral(year) ?? null;
    if (edition) marks.edition = EDITION_WORDS[edition]!;
    return " ";
  });
  rest = rest.replace(EDITION_MARK, (_whole, bracketed: string | undefined, bare: string | undefined) => {
    marks.edition ??= EDITION_WORDS[(bracketed ?? bare)!]!;
    return " ";
  });
  marks.rest = rest;
  return marks;
}
