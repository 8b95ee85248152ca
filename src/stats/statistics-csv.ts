import { issueName, type StatisticsReport } from "./statistics-report.js";

const HEADERS = ["时间段", "排名", "并列", "单位", "条数", "报送", "△短讯", "联合报送", "期数", "出现的期"];

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The ranking as CSV (one row per unit, or per period and unit when the report has a breakdown),
 * with a BOM so that Excel reads the Chinese text as UTF-8.
 */
export function statisticsCsv(report: StatisticsReport): string {
  const rows: (string | number)[][] = [HEADERS];
  if (report.periods) {
    for (const period of report.periods) {
      for (const entry of period.units) {
        rows.push([period.label, entry.rank, entry.tied ? "是" : "", entry.unit, entry.items, entry.reports, entry.briefs, entry.joint, entry.issues, ""]);
      }
    }
  } else {
    for (const entry of report.ranking) {
      rows.push([report.range.label, entry.rank, entry.tied ? "是" : "", entry.unit, entry.items, entry.reports, entry.briefs, entry.joint, entry.issues, entry.issueList.map(issueName).join("、")]);
    }
  }
  return `\uFEFF${rows.map((row) => row.map(field).join(",")).join("\r\n")}\r\n`;
}
