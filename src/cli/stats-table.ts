import { issueName, type StatisticsReport } from "../stats/statistics-report.js";
import { formatTable } from "./format-table.js";

const GRANULARITY_NAMES = { month: "按月", quarter: "按季度", year: "按年" } as const;

/** "2025年第18期、2025年第57期", at most four names, then how many in all. */
function issueList(names: readonly string[]): string {
  return names.length <= 4 ? names.join("、") : `${names.slice(0, 4).join("、")} 等 ${names.length} 期`;
}

/** The report as `stats` prints it: totals, the ranking table, the trend (and per-period ranking), silent units. */
export function formatStatisticsReport(report: StatisticsReport): string {
  const { range, totals } = report;
  const span = range.from || range.to ? `（${range.from ?? "最早"} 至 ${range.to ?? "最新"}）` : "";
  const lines = [`统计范围：${range.label}${span === `（${range.label}）` ? "" : span}${report.units.length > 0 ? ` · 单位：${report.units.join("、")}` : ""}`];
  lines.push(`共 ${totals.issues} 期 ${totals.items} 条信息（报送 ${totals.reports} 条、△短讯 ${totals.briefs} 条），${totals.units} 个单位有信息被采用。`);
  lines.push(`说明：${report.rules.joint}；${report.rules.ties}；名次后的 = 表示并列。`, "");
  if (report.ranking.length === 0) lines.push("这一时期没有被采用的信息。");
  else {
    lines.push(formatTable({
      headers: ["排名", "单位", "条数", "报送", "△短讯", "联合报送", "期数", "出现的期"],
      rows: report.ranking.map((entry) => [
        `${entry.rank}${entry.tied ? "=" : ""}`, entry.unit, String(entry.items), String(entry.reports), String(entry.briefs), String(entry.joint), String(entry.issues), issueList(entry.issueList.map(issueName)),
      ]),
    }));
  }
  const { by, points } = report.trend;
  lines.push("", `${GRANULARITY_NAMES[by]}：`);
  lines.push(formatTable({ headers: ["时间", "条数", "报送", "△短讯", "期数"], rows: points.map((point) => [point.label, String(point.items), String(point.reports), String(point.briefs), String(point.issues)]) }));
  if (report.periods) {
    lines.push("", `各单位${GRANULARITY_NAMES[by]}：`);
    const rows = report.periods.flatMap((period) => period.units.map((entry) => [period.label, `${entry.rank}${entry.tied ? "=" : ""}`, entry.unit, String(entry.items), String(entry.reports), String(entry.briefs), String(entry.issues)]));
    lines.push(rows.length > 0 ? formatTable({ headers: ["时间", "排名", "单位", "条数", "报送", "△短讯", "期数"], rows }) : "（无）");
  }
  if (report.silent.length > 0) {
    lines.push("", `此前报送过、这一时期没有信息被采用的单位（${report.silent.length} 个）：`);
    lines.push(report.silent.map((entry) => `${entry.unit}（最近一次 ${entry.lastSeen ?? "日期不详"}）`).join("、"));
  }
  return lines.join("\n");
}
