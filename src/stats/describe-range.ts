import type { DateRange, Granularity } from "./statistics.js";

const QUARTERS = ["一", "二", "三", "四"];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (value: number) => String(value).padStart(2, "0");

/** The first and last day of a bucket key ("2025-03", "2025-Q1", "2025"). */
export function bucketRange(bucket: string): { from: string; to: string } {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(bucket);
  if (quarter) {
    const year = Number(quarter[1]);
    const last = Number(quarter[2]) * 3;
    return { from: `${year}-${pad(last - 2)}-01`, to: `${year}-${pad(last)}-${pad(daysInMonth(year, last))}` };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(bucket);
  if (month) {
    const year = Number(month[1]);
    return { from: `${bucket}-01`, to: `${bucket}-${pad(daysInMonth(year, Number(month[2])))}` };
  }
  return { from: `${bucket}-01-01`, to: `${bucket}-12-31` };
}

/** "2025-03" -> "2025年3月", "2025-Q1" -> "2025年第一季度", "2025" -> "2025年". */
export function bucketLabel(bucket: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(bucket);
  if (quarter) return `${quarter[1]}年第${QUARTERS[Number(quarter[2]) - 1]}季度`;
  const month = /^(\d{4})-(\d{2})$/.exec(bucket);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return `${bucket}年`;
}

/** The bucket a date falls in. */
export function bucketOf(date: string, by: Granularity): string {
  if (by === "year") return date.slice(0, 4);
  if (by === "month") return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

/** Every bucket from the one holding `from` to the one holding `to`, empty ones included. */
export function bucketsBetween(options: { from: string; to: string; by: Granularity }): string[] {
  const buckets: string[] = [];
  let year = Number(options.from.slice(0, 4));
  let month = Number(options.from.slice(5, 7));
  const last = bucketOf(options.to, options.by);
  const step = options.by === "year" ? 12 : options.by === "quarter" ? 3 : 1;
  for (let guard = 0; guard < 12 * 200; guard += 1) {
    const bucket = bucketOf(`${year}-${pad(month)}-01`, options.by);
    if (buckets.at(-1) !== bucket) buckets.push(bucket);
    if (bucket === last) break;
    month += step;
    while (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return buckets;
}

/**
 * A range in words: "2025年", "2025年上半年", "2025年第一季度", "2025年3月", "2025-03-01 至 2025-05-10",
 * "2025-03-01 以来", "截至 2025-06-30", or "全部已收录简报" for an open range.
 */
export function rangeLabel(range: DateRange): string {
  const { from, to } = range;
  if (!from && !to) return "全部已收录简报";
  if (from && !to) return `${from} 以来`;
  if (!from && to) return `截至 ${to}`;
  const start = /^(\d{4})-(\d{2})-01$/.exec(from!);
  const end = /^(\d{4})-(\d{2})-(\d{2})$/.exec(to!);
  if (start && end && start[1] === end[1] && Number(end[3]) === daysInMonth(Number(end[1]), Number(end[2]))) {
    const year = start[1];
    const first = Number(start[2]);
    const last = Number(end[2]);
    if (first === 1 && last === 12) return `${year}年`;
    if (first === 1 && last === 6) return `${year}年上半年`;
    if (first === 7 && last === 12) return `${year}年下半年`;
    if (first === last) return `${year}年${first}月`;
    if (last - first === 2 && first % 3 === 1) return `${year}年第${QUARTERS[(first - 1) / 3]}季度`;
  }
  return `${from} 至 ${to}`;
}
