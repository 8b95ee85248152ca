import { escapeRegExp } from "../text/escape-reg-exp.js";
import type { Period } from "./parse-period.js";
import { daysBetween } from "./period-spans.js";

/** A report on a half year, quarter or month comes out within this many days after it ends. */
export const REPORTED_WITHIN_DAYS = 75;
/** ... and a whole year's, named by its year, within this many. */
const YEAR_REPORTED_WITHIN_DAYS = 183;

/**
 * The days after a period in which a bulletin may report on it ("上半年累计完成投资" in an August
 * issue); undefined for periods that are not reported on that way (a year, a day, a rolling window).
 */
export function reportWindow(period: Pick<Period, "to" | "reportedAs">): { from: string; to: string } | undefined {
  if (!period.reportedAs || period.reportedAs.length === 0) return undefined;
  // A year's totals ("2025年，全区出生人口1420人") are reported up to half a year after it, always naming the year.
  const days = period.reportedAs.some((name) => /^\d{4}年/.test(name)) ? YEAR_REPORTED_WITHIN_DAYS : REPORTED_WITHIN_DAYS;
  return { from: shiftDays(period.to, 1), to: shiftDays(period.to, days) };
}

/**
 * "26年度居民医保": a programme year is announced before it starts ("2026 年度城乡居民医保集中征缴" in a
 * November issue): the days before it in which a report naming that year may tell of it, and the name.
 */
export function announcedWindow(period: Pick<Period, "from" | "reportedAs">): { from: string; to: string; reportedAs: string[] } | undefined {
  const named = (period.reportedAs ?? []).filter((name) => /^\d{4}年度$/.test(name));
  if (named.length === 0) return undefined;
  return { from: shiftDays(period.from, -YEAR_REPORTED_WITHIN_DAYS), to: shiftDays(period.from, -1), reportedAs: named };
}

/** True when `text` names the period the way a report just after it does: "上半年", "1-6月", "6 月" (not "16月"). */
export function namesPeriod(text: string, period: Pick<Period, "reportedAs">): boolean {
  return (period.reportedAs ?? []).some((name) => new RegExp(`(?<!\\d)${[...name].map(escapeRegExp).join("\\s*")}`).test(text));
}

/** "1—10月，…": a span of months a clause opens on, the span its figures are for. */
const OPENING_MONTHS = /^[^，,；;。]{0,12}?(?<!\d)(\d{1,2})\s*[-—–~～至到]\s*(\d{1,2})\s*月/;

/**
 * "前三季度新增担保金额" against "1—10月，…担保金额4.26亿元": the clause opens on a span of months other than
 * the one asked (a half year, quarters, "1到4月"), so its figures are of another span.
 */
export function opensOnOtherMonths(clause: string, period: Pick<Period, "reportedAs">): boolean {
  if (!(period.reportedAs ?? []).some((name) => /\d\s*[-—–~～至到]\s*\d/.test(name))) return false;
  const opening = OPENING_MONTHS.exec(clause);
  return opening !== null && !namesPeriod(opening[0], period);
}

/** An ISO date moved by whole days. */
export function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A report dated `date` came out in the period or in the weeks after it that report on it. */
export function reportsOn(date: string | null, period: { from: string; to: string }): boolean {
  return date !== null && date >= period.from && date <= shiftDays(period.to, REPORTED_WITHIN_DAYS);
}

/**
 * A whole year's figures come out up to half a year after it ("2025年，全区筹集保障性租赁住房650套" in a
 * May 2026 issue): true when `date` is in those months and the period is one calendar year.
 */
export function reportsLaterOnYear(date: string | null, period: { from: string; to: string }): boolean {
  const year = period.from.slice(0, 4);
  return period.from === `${year}-01-01` && period.to === `${year}-12-31` && date !== null && date > period.to && date <= shiftDays(period.to, YEAR_REPORTED_WITHIN_DAYS);
}

/** ... in a passage naming the year (`text` with its issue's 今年/去年 already resolved). */
export function looksBackOn(date: string | null, text: string, period: { from: string; to: string }): boolean {
  return reportsLaterOnYear(date, period) && new RegExp(`${period.from.slice(0, 4)}\\s*年(?!度)`).test(text);
}

/** A plan for a period is published up to this many days before it ("预计今年秋季招收新生2870人" in late August). */
export const PLANNED_AHEAD_DAYS = 75;

/** A report dated `date` may give the plan for the period: from shortly before it to its end. */
export function plansFor(date: string | null, period: { from: string; to: string }): boolean {
  return date !== null && date >= shiftDays(period.from, -PLANNED_AHEAD_DAYS) && date <= period.to;
}

/**
 * "3月份大扫除那次": a period named without its year is the same months of any year; an issue of those months
 * (a season's at most) is the likelier one, whichever year it is.
 */
export function inMonthsOfAnyYear(date: string | null, period: { from: string; to: string }): boolean {
  if (date === null || period.from.slice(0, 4) !== period.to.slice(0, 4) || period.to.slice(5) < period.from.slice(5)) return false;
  const months = Number(period.to.slice(5, 7)) - Number(period.from.slice(5, 7)) + 1;
  return months <= 3 && date.slice(5) >= period.from.slice(5) && date.slice(5) <= period.to.slice(5);
}

/**
 * A period this short ("7月底", "国庆", a season; days counted both ends in) is an event's or a season's, reported
 * within a month after it ("全区未发生泛塘死鱼事故" in a September issue is on the summer).
 */
const SHORT_PERIOD_DAYS = 92;
const EVENT_REPORTED_WITHIN_DAYS = 30;

/**
 * "23年7月底那场大暴雨 有没有人员伤亡" against an August 10 issue: a report out in a short period or in the
 * month after it is on the period.
 */
export function reportsJustAfter(date: string | null, period: { from: string; to: string }): boolean {
  return date !== null && daysBetween(period.from, period.to) <= SHORT_PERIOD_DAYS && date >= period.from && date <= shiftDays(period.to, EVENT_REPORTED_WITHIN_DAYS);
}
