import type { AppliedFilters } from "../search/search-filters.js";
import type { QueryUnderstanding } from "../query/understand-query.js";

/** The fixed, polite reply when the bulletins on record do not answer the question; `series` is BULLETIN_SERIES. */
export function nothingFoundAnswer(options: { understanding: QueryUnderstanding; filters: AppliedFilters; series: string }): string {
  const { filters } = options;
  const scope: string[] = [];
  if (filters.units.length > 0) scope.push(`单位：${filters.units.join("、")}`);
  if (filters.period) scope.push(`时间：${filters.period.label}`);
  if (filters.issue) scope.push(`期号：${filters.issue.year ? `${filters.issue.year}年` : ""}第${filters.issue.number}期`);
  if (filters.date) scope.push(`日期：${filters.date}`);
  const searched = scope.length > 0 ? `（检索范围：${scope.join("；")}）` : "";
  const suggestion = scope.length > 0 ? "可以放宽单位或时间范围，或换个说法再问。" : "可以换个说法，或加上单位名称、时间再问。";
  return `已收录的《${options.series}》中没有找到能回答这个问题的内容${searched}。${suggestion}`;
}

/**
 * "税务局22年有没有…": the bulletins record it only at other times. That is not a yes; the records
 * found are listed as related, for the reader to check.
 */
export function outsidePeriodAnswer(options: { period: { label: string }; series: string }): string {
  return `${options.period.label}的《${options.series}》中没有查到这方面的记载；其他时间的相关记载列在下面，可点开原文核对。`;
}
