import { bucketLabel, bucketsBetween, rangeLabel } from "./describe-range.js";
import { JOINT_RULE, rankUnits, TIE_RULE, type Ranked } from "./rank-units.js";
import type { CountedKind, DateRange, Granularity, SilentUnit, Statistics, Totals, TrendPoint, UnitTally } from "./statistics.js";

/** An issue as reports name it: 2025年第64期 (2025-11-27). */
export interface IssueReference {
  documentId: number;
  year: number | null;
  issue: number | null;
  date: string | null;
}

export type RankedUnit = UnitTally & Ranked & { issueList: IssueReference[] };

export interface PeriodRanking {
  bucket: string;
  label: string;
  totals: Pick<TrendPoint, "items" | "reports" | "briefs" | "issues">;
  units: (UnitTally & Ranked)[];
}

/** Everything the CLI table, the JSON/CSV exports, the web view and the Feishu card show. */
export interface StatisticsReport {
  range: { from?: string; to?: string; label: string };
  /** The units asked about; [] for all units. */
  units: string[];
  kinds: CountedKind[];
  totals: Totals;
  ranking: RankedUnit[];
  /** Per bucket over the range, empty buckets included. */
  trend: { by: Granularity; points: (TrendPoint & { label: string })[] };
  /** Unit ranking per bucket, when a breakdown was asked for. */
  periods?: PeriodRanking[];
  /** Units seen before the range that carried nothing in it (only when all units are counted). */
  silent: SilentUnit[];
  rules: { joint: string; ties: string };
}

/**
 * Counts, ranking, trend and silent units for one range.
 * @example buildStatisticsReport({ statistics, range: { from: "2025-01-01", to: "2025-12-31" }, by: "month" })
 */
export function buildStatisticsReport(options: {
  statistics: Statistics;
  range: DateRange;
  units?: readonly string[];
  kinds?: readonly CountedKind[];
  /** Adds a per-period unit ranking; the trend is by this too (default month). */
  by?: Granularity;
}): StatisticsReport {
  const { statistics, range } = options;
  const units = [...(options.units ?? [])];
  const query = { ...range, ...(units.length > 0 ? { units } : {}), ...(options.kinds ? { kinds: options.kinds } : {}) };
  const issues = new Map<string, IssueReference[]>();
  for (const row of statistics.unitIssues(query)) {
    const list = issues.get(row.unit) ?? [];
    list.push({ documentId: row.documentId, year: row.year, issue: row.issue, date: row.date });
    issues.set(row.unit, list);
  }
  const ranking = rankUnits(statistics.unitTallies(query)).map((entry) => ({ ...entry, issueList: issues.get(entry.unit) ?? [] }));
  const by = options.by ?? "month";
  const report: StatisticsReport = {
    range: { ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}), label: rangeLabel(range) },
    units,
    kinds: [...(options.kinds ?? ["report", "brief"])],
    totals: statistics.totals(query),
    ranking,
    trend: { by, points: filledTrend({ statistics, range, by, points: statistics.trend({ ...query, by }) }) },
    silent: units.length === 0 ? statistics.silentUnits(range) : [],
    rules: { joint: JOINT_RULE, ties: TIE_RULE },
  };
  if (options.by) {
    const points = new Map(report.trend.points.map((point) => [point.bucket, point]));
    const perBucket = new Map<string, UnitTally[]>();
    for (const row of statistics.unitTrend({ ...query, by })) {
      const { bucket, ...tally } = row;
      perBucket.set(bucket, [...(perBucket.get(bucket) ?? []), tally]);
    }
    report.periods = [...points.values()].map((point) => ({
      bucket: point.bucket,
      label: point.label,
      totals: { items: point.items, reports: point.reports, briefs: point.briefs, issues: point.issues },
      units: rankUnits(perBucket.get(point.bucket) ?? []),
    }));
  }
  return report;
}

function filledTrend(options: { statistics: Statistics; range: DateRange; by: Granularity; points: TrendPoint[] }): (TrendPoint & { label: string })[] {
  const { points, by } = options;
  const coverage = options.range.from && options.range.to ? undefined : options.statistics.coverage();
  const from = options.range.from ?? coverage?.first ?? points[0]?.bucket;
  const to = options.range.to ?? coverage?.last ?? points.at(-1)?.bucket;
  if (!from || !to || from > to) return points.map((point) => ({ ...point, label: bucketLabel(point.bucket) }));
  const found = new Map(points.map((point) => [point.bucket, point]));
  return bucketsBetween({ from, to, by }).map((bucket) => ({
    ...(found.get(bucket) ?? { bucket, items: 0, reports: 0, briefs: 0, issues: 0 }),
    label: bucketLabel(bucket),
  }));
}

/** "2025年第64期", or the date when the issue has no number. */
export function issueName(reference: Pick<IssueReference, "year" | "issue" | "date">): string {
  if (reference.issue === null) return reference.date ?? "日期不详";
  return `${reference.year ?? ""}${reference.year ? "年" : ""}第${reference.issue}期`;
}
