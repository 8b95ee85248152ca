import { issueName, type IssueReference, type StatisticsReport } from "./statistics-report.js";

function issueJson(reference: IssueReference) {
  return { year: reference.year, issue: reference.issue, date: reference.date, name: issueName(reference) };
}

/**
 * The report as `stats --json` and GET /api/stats write it. Like the other JSON contracts, a unit
 * is a `department`; counts per unit credit a joint report to every unit it names.
 */
export function statisticsJson(report: StatisticsReport) {
  return {
    range: report.range,
    departments: report.units,
    kinds: report.kinds,
    totals: report.totals,
    ranking: report.ranking.map((entry) => ({
      rank: entry.rank, tied: entry.tied, department: entry.unit, items: entry.items, reports: entry.reports, briefs: entry.briefs,
      joint: entry.joint, issues: entry.issues, first: entry.first, last: entry.last, issueList: entry.issueList.map(issueJson),
    })),
    trend: { by: report.trend.by, points: report.trend.points.map(({ bucket, ...point }) => ({ period: bucket, ...point })) },
    ...(report.periods
      ? {
          periods: report.periods.map((period) => ({
            period: period.bucket, label: period.label, totals: period.totals,
            ranking: period.units.map((entry) => ({ rank: entry.rank, tied: entry.tied, department: entry.unit, items: entry.items, reports: entry.reports, briefs: entry.briefs, joint: entry.joint, issues: entry.issues })),
          })),
        }
      : {}),
    silent: report.silent.map((entry) => ({ department: entry.unit, itemsBefore: entry.itemsBefore, lastSeen: entry.lastSeen })),
    rules: report.rules,
  };
}

export type StatisticsJson = ReturnType<typeof statisticsJson>;
