import { tieGroups } from "../stats/rank-units.js";
import type { StatisticsReport } from "../stats/statistics-report.js";
import { messageCard } from "./cards.js";
import { escapeMarkdown, markdownLink } from "./escape-markdown.js";
import { cardRequestBytes } from "./fit-answer-card.js";
import { MESSAGE_BODY_LIMIT_BYTES } from "./feishu-messenger.js";

/** Room left for the request's other fields (ids, uuid). */
const BUDGET_BYTES = MESSAGE_BODY_LIMIT_BYTES - 2 * 1024;
/** Units named on one line (a tie, the silent units) before "等 N 个单位". */
const MAX_NAMES = 30;

function nameList(names: readonly string[]): string {
  return names.length > MAX_NAMES ? `${names.slice(0, MAX_NAMES).join("、")} 等 ${names.length} 个单位` : names.join("、");
}

function rankingLines(report: StatisticsReport): string[] {
  return tieGroups(report.ranking).map((group) => {
    if (group.entries.length === 1) {
      const entry = group.entries[0]!;
      return `${group.rank}. ${escapeMarkdown(entry.unit)} **${entry.items}** 条（${entry.issues} 期）`;
    }
    return `${group.rank}. 并列第 ${group.rank} 名（各 **${group.items}** 条）：${escapeMarkdown(nameList(group.entries.map((entry) => entry.unit)))}`;
  });
}

function trendLine(report: StatisticsReport): string {
  const points = report.trend.points;
  const shown = points.length > 24 ? points.filter((point) => point.items > 0) : points;
  return shown.map((point) => `${point.label.replace(/^\d{4}年(?=\d)/, points.length <= 12 ? "" : "$&")} ${point.items}`).join(" · ");
}

/**
 * `/stats [period]`: totals, the ranking (ties on one line), the monthly trend and the silent
 * units, as one card under Feishu's 30 KB limit; the lowest ranks go first when it would not fit,
 * with a link to the statistics page when there is a public address.
 */
export function statsCard(options: { report: StatisticsReport; pageUrl?: string | undefined; series: string; budgetBytes?: number }): Record<string, unknown> {
  const { report, series } = options;
  const budget = options.budgetBytes ?? BUDGET_BYTES;
  const { totals } = report;
  const title = `《${series}》${report.range.label}采用情况`;
  const head = [
    `**${escapeMarkdown(report.range.label)}**：共 ${totals.issues} 期 ${totals.items} 条信息（报送 ${totals.reports} 条、△短讯 ${totals.briefs} 条），${totals.units} 个单位有信息被采用。`,
    `<font color='grey'>${escapeMarkdown(`${report.rules.joint}；${report.rules.ties}。`)}</font>`,
  ];
  const ranking = rankingLines(report);
  const link = options.pageUrl ? markdownLink({ label: "在网页上查看图表和各单位的全部信息", url: options.pageUrl }) : "";
  const build = (shown: number) => {
    const rest = ranking.length - shown;
    const lines = [
      ...head,
      "",
      "**排名**",
      ...(ranking.length === 0 ? ["这一时期没有被采用的信息。"] : ranking.slice(0, shown)),
      ...(rest > 0 ? [`…… 其余 ${rest} 个名次未列出`] : []),
      "",
      `**${report.trend.by === "month" ? "每月" : report.trend.by === "quarter" ? "每季度" : "每年"}**：${escapeMarkdown(trendLine(report))}`,
      ...(report.silent.length > 0 ? ["", `**此前报送过、这一时期没有信息被采用**（${report.silent.length} 个）：${escapeMarkdown(nameList(report.silent.map((entry) => entry.unit)))}`] : []),
      ...(link ? ["", link] : []),
    ];
    return messageCard({ title, text: lines.join("\n") });
  };
  for (let shown = ranking.length; shown > 0; shown = Math.floor(shown * 0.8)) {
    const card = build(shown);
    if (cardRequestBytes(card) <= budget) return card;
  }
  return build(0);
}
