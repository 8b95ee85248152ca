import type { ExportRequest } from "../export/export-request.js";
import { selectExport } from "../export/export-request.js";
import { readPeriods } from "../query/count-intent.js";
import { buildStatisticsReport } from "../stats/statistics-report.js";
import type { DateRange, Statistics } from "../stats/statistics.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import { messageCard } from "./cards.js";
import { escapeMarkdown } from "./escape-markdown.js";
import { statsCard } from "./stats-card.js";

/** What the bot needs for `/stats` and for sending exports. */
export interface FeishuStatistics {
  statistics: Statistics;
  /** "Today" for 今年/去年 and the default period of `/stats`. */
  today: () => string;
  /** BULLETIN_SERIES. */
  series: string;
  /** The statistics page for a period, when staff can open it (PUBLIC_BASE_URL). */
  pageUrl?: ((range: DateRange) => string | undefined) | undefined;
}

/** `/stats`, `/stats 2025`, `/stats 去年上半年`: the period asked for (this year by default), or undefined when none can be read. */
export function statsCommandRange(options: { argument: string; today: string }): (DateRange & { label: string }) | undefined {
  const argument = options.argument.trim();
  if (argument === "") return { from: `${options.today.slice(0, 4)}-01-01`, to: `${options.today.slice(0, 4)}-12-31`, label: `${options.today.slice(0, 4)}年` };
  const text = /^(?:19|20)\d{2}$/.test(argument) ? `${argument}年` : argument;
  const [period] = readPeriods({ text, today: options.today });
  return period;
}

/** The `/stats` reply card. */
export function statsCommandCard(parts: FeishuStatistics, argument: string): Record<string, unknown> {
  const range = statsCommandRange({ argument, today: parts.today() });
  if (!range) {
    return messageCard({ title: "统计", text: escapeMarkdown(`没看懂时间段“${argument.trim()}”。可以这样发：/stats（今年）、/stats 2025、/stats 去年上半年、/stats 2025年3月`) });
  }
  const report = buildStatisticsReport({ statistics: parts.statistics, range: { from: range.from, to: range.to } });
  return statsCard({ report, series: parts.series, pageUrl: parts.pageUrl?.({ from: range.from, to: range.to }) });
}

/** The Word document of an export answer, or undefined when there is nothing to send. */
export async function exportDocument(options: { catalog: BulletinCatalog; request: ExportRequest; series: string }): Promise<{ bytes: Buffer; fileName: string } | undefined> {
  const content = selectExport(options);
  if (!content || content.items.length === 0) return undefined;
  const { writeExportDocx } = await import("../export/write-docx.js");
  return { bytes: await writeExportDocx(content), fileName: content.fileName };
}
