import { monthSpanNames, parsePeriod, type Period } from "./parse-period.js";

/**
 * How the periods a question names join up: a year and the month it runs to ("去年1到10月"), and
 * several periods as one span ("21年和22年一季度").
 */

/** Where in a question's text something was found. */
export interface Span {
  start: number;
  end: number;
}

// "到6月", "1到10月", "1-10月": the months up to one (from January: "1到" is kept out of the search words).
const UNTIL_MONTH = /(?:(?<![0-9])0?1\s*月?\s*(?=[到至\-—~～]))?(?:到|截至|截止到?|至|-|—|~|～)\s*([0-9]{1,2})\s*月(?:份|底|末|初|上旬|中旬|下旬)?/;

/** January 1 to December 31 of one year. */
export function isOneYear(period: { from: string; to: string }): boolean {
  const year = period.from.slice(0, 4);
  return period.from === `${year}-01-01` && period.to === `${year}-12-31`;
}

/** "从21年到23年": whole calendar years, one or more. */
export function isWholeYears(period: { from: string; to: string }): boolean {
  return period.from.endsWith("-01-01") && period.to.endsWith("-12-31");
}

/**
 * "22年……到6月", "去年1到10月": a year followed by the month it runs up to (no other period between) is
 * that year from January to that month, named as a report on it names it.
 */
export function untilMonth(options: { period: Period; text: string; today: string }): { period: Pick<Period, "to" | "label" | "reportedAs">; spans: Span[] } | undefined {
  const { period, text, today } = options;
  if (!isOneYear(period)) return undefined;
  const after = text.slice(period.end);
  const until = UNTIL_MONTH.exec(after);
  if (!until) return undefined;
  // "22年全年多少户 去年1到10月": the months belong to the period named after this one.
  if (parsePeriod({ text: after.slice(0, until.index), today })?.explicit) return undefined;
  const year = period.from.slice(0, 4);
  const start = period.end + until.index;
  const spans: Span[] = [{ start, end: start + until[0].length }];
  const months = [Number(until[1])];
  // "21年体彩1到8月的公益金和福彩1到10月的公益金": a further span of months in the same year, with no other period
  // between, is asked too; the period runs to the later one, and a report names either.
  const rest = after.slice(until.index + until[0].length);
  const further = UNTIL_MONTH.exec(rest);
  if (further && !parsePeriod({ text: rest.slice(0, further.index), today })?.explicit) {
    const at = spans[0]!.end + further.index;
    spans.push({ start: at, end: at + further[0].length });
    months.push(Number(further[1]));
  }
  const last = Math.max(...months);
  // The month as parse-period reads it: its last day, and how a report just after it names it.
  const month = parsePeriod({ text: `${year}年${last}月`, today });
  if (!month || month.from.slice(0, 7) !== month.to.slice(0, 7)) return undefined;
  // A report on January to that month names the span ("1-10月") or the month it ends with.
  const named = months.flatMap((end) => [...monthSpanNames(1, end), `前${end}个月`, `${end}月`]);
  return {
    period: { to: month.to, label: months.length > 1 ? `${year}年1月至${months[0]}月、1月至${months[1]}月` : `${year}年1月至${last}月`, reportedAs: [...new Set([...(month.reportedAs ?? []), ...named])] },
    spans,
  };
}

/** "上半年", "三季度", "前三季度": a part of a year named without its year. */
const PART_OF_YEAR = /^[\u4e00-\u9fff]{1,6}?((?:[上下]半年)|(?:前?[一二三四]季度))/;

/**
 * "前年体彩上半年卖了多少": a year, a few words about the topic, then a part of the year (no other period
 * between) is that part of that year, named as a report on it names it.
 */
export function partOfYearAfter(options: { period: Period; text: string; today: string }): { period: Pick<Period, "from" | "to" | "label" | "reportedAs">; spans: Span[] } | undefined {
  const { period, text, today } = options;
  if (!isOneYear(period)) return undefined;
  const after = text.slice(period.end);
  const part = PART_OF_YEAR.exec(after);
  // "23年企业上半年产值多少 下半年多少": two parts of the year asked are the whole year.
  if (!part || /[上下]半年|季度/.test(after.slice(part[0].length))) return undefined;
  const year = period.from.slice(0, 4);
  const named = parsePeriod({ text: `${year}年${part[1]}`, today });
  if (!named || named.from.slice(0, 4) !== year) return undefined;
  const start = period.end + part[0].length - part[1]!.length;
  return { period: { from: named.from, to: named.to, label: named.label, ...(named.reportedAs ? { reportedAs: named.reportedAs } : {}) }, spans: [{ start, end: start + part[1]!.length }] };
}

/**
 * One span from the first period's start to the last one's end. How a report names the period that ends
 * it ("一季度") is kept: "21年和22年一季度" still finds the first quarter's report that came out in April.
 */
export function spanning<T extends { from: string; to: string; reportedAs?: string[] }>(first: T, second: { from: string; to: string; reportedAs?: string[] }): Omit<T, "reportedAs"> & { reportedAs?: string[] } {
  const last = second.to > first.to ? second : first;
  return { ...withoutReport(first), from: first.from < second.from ? first.from : second.from, to: last.to, ...(last.reportedAs ? { reportedAs: last.reportedAs } : {}) };
}

function withoutReport<T extends { reportedAs?: string[] }>(period: T): Omit<T, "reportedAs"> {
  const { reportedAs: _named, ...span } = period;
  return span;
}

export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

/** "去年建的那8个速报站", "23年计划改的那24个小区": the period says when the thing was made, right before 的那. */
const DESCRIBES_THING = /^\s*[\u4e00-\u9fff]{1,6}?的[那这]/;
/**
 * "都接进省里系统了吗", "最后完工了几个", "现在还有几个", "还在用吗": what became of it since then. A yes/no question
 * about the thing itself ("23年办的那个书画展要门票吗") asks nothing of later reports.
 */
const BECAME_OF_IT = /最后|最终|后来|现在|目前|如今|至今|到现在|还[^，。？?\s]{0,8}(?:吗|没有?|不)[？?]?\s*$|都[^，。？?\s]{1,12}?了(?:吗|没有?|么)[？?]?\s*$|(?:完|好|完成|完工|竣工|到位|投用|运行|接入)了?(?:吗|没有?|么)[？?]?\s*$/;

/**
 * "去年建的那8个地震烈度速报站 都接进省里系统了吗": what became of a thing made in the period is reported
 * then or any time after, up to today; undefined where the period is not said of the thing that way.
 */
export function sinceMade(options: { period: { from: string; to: string; label: string }; after: string; today: string }): { from: string; to: string; label: string } | undefined {
  const { period, after, today } = options;
  if (!DESCRIBES_THING.test(after) || !BECAME_OF_IT.test(after) || period.to >= today) return undefined;
  return { from: period.from, to: today, label: `${period.label.replace(/（.*$/, "")}以来` };
}
