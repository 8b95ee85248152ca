import { announcedWindow, namesPeriod, reportWindow, shiftDays } from "../query/period-reports.js";
import type { QueryUnderstanding } from "../query/understand-query.js";
import type { ChunkInfo } from "./search-index.js";

/** The filters a search applied, as the reply explains them. */
export interface AppliedFilters {
  units: string[];
  period?: { from: string; to: string; label: string; explicit: boolean };
  issue?: { number: number; year?: number };
  date?: string;
  /** The explicit period found nothing and was applied as a preference instead ("2023年的产值" reported in 2024). */
  periodRelaxed?: boolean;
  /** The named units reported nothing on it; the items found are other units' reports that name them. */
  unitsRelaxed?: boolean;
}

/** A report on a period comes out up to this many days after it ends… */
const REPORT_LAG_DAYS = 120;
/** …and a colloquial period ("开春") may start a little before the calendar says. */
const REPORT_LEAD_DAYS = 31;

function yearsOf(period: { from: string; to: string }): number[] {
  const years: number[] = [];
  for (let year = Number(period.from.slice(0, 4)); year <= Number(period.to.slice(0, 4)); year += 1) years.push(year);
  return years;
}

function inPeriod(date: string | null, period: { from: string; to: string } | undefined): boolean {
  return period === undefined || (date !== null && date >= period.from && date <= period.to);
}

const LAST_YEAR = /去年|上年度|上一年/;
const YEAR_BEFORE_LAST = /前年/;

/**
 * The items a period relaxed still lets through: a text naming one of its years ("2023年林果产值" in a
 * 2024 issue), or an issue from just before the period to a few months after it.
 */
export function reportedAround(period: { from: string; to: string }): (chunk: ChunkInfo) => boolean {
  const years = yearsOf(period);
  const around = { from: shiftDays(period.from, -REPORT_LEAD_DAYS), to: shiftDays(period.to, REPORT_LAG_DAYS) };
  // "2024 年秋季": a PDF or Markdown text may set the year apart from 年.
  const named = years.map((year) => new RegExp(`${year}\\s*年`));
  // "去年学校一年级报名412人" in a 2023 issue is on 2022, "前年" on 2021.
  const looksBack = (date: string | null, text: string) => {
    const issued = Number(date?.slice(0, 4));
    return (years.includes(issued - 1) && LAST_YEAR.test(text)) || (years.includes(issued - 2) && YEAR_BEFORE_LAST.test(text));
  };
  return (chunk) => {
    const text = `${chunk.title}${chunk.text}`;
    return named.some((year) => year.test(text)) || inPeriod(chunk.date, around) || looksBack(chunk.date, text);
  };
}

/** In the period, or a report on it from just after ("上半年…" in an August issue). */
export function onPeriod(chunk: ChunkInfo, period: QueryUnderstanding["period"]): boolean {
  if (!period || inPeriod(chunk.date, period)) return true;
  const window = reportWindow(period);
  if (window !== undefined && inPeriod(chunk.date, window) && namesPeriod(`${chunk.title}${chunk.text}`, period)) return true;
  // ... or, for a programme year ("2026年度"), a report from just before it that names it.
  const announced = announcedWindow(period);
  return announced !== undefined && inPeriod(chunk.date, announced) && namesPeriod(`${chunk.title}${chunk.text}`, announced);
}

/** Hard filters from what the question states explicitly: units, an explicit period, an issue, a day. */
export function buildFilter(understanding: QueryUnderstanding): { filter: ((chunk: ChunkInfo) => boolean) | undefined; applied: AppliedFilters } {
  const applied: AppliedFilters = { units: understanding.units };
  if (understanding.period) applied.period = understanding.period;
  if (understanding.issue) applied.issue = understanding.issue;
  if (understanding.date) applied.date = understanding.date;
  const units = new Set(understanding.units);
  // Newspaper articles name no unit in an attribution; they pass when their text names the unit.
  const names = [...units, ...understanding.unitMentions.map((mention) => mention.alias)];
  const unitMatches = (chunk: ChunkInfo) =>
    chunk.units.length > 0
      ? chunk.units.some((unit) => units.has(unit))
      : names.some((name) => chunk.text.includes(name) || chunk.title.includes(name));
  const explicitPeriod = understanding.period?.explicit ? understanding.period : undefined;
  const { issue, date } = understanding;
  const active = units.size > 0 || explicitPeriod !== undefined || issue !== undefined || date !== undefined;
  if (!active) return { filter: undefined, applied };
  return {
    applied,
    filter: (chunk) =>
      (units.size === 0 || unitMatches(chunk)) &&
      onPeriod(chunk, explicitPeriod) &&
      (issue === undefined || (chunk.issue === issue.number && (issue.year === undefined || chunk.year === issue.year))) &&
      (date === undefined || chunk.date === date),
  };
}
