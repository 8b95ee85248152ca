import { issueNumberLabel, type IssueEdition } from "../domain.js";

/**
 * How replies name a series: 《信息简报》, or 《上街信息》《信息简报》 for several. Names are those
 * stored with the documents; `fallback` (BULLETIN_SERIES) stands in when none of them names one.
 *
 * @example seriesTitle({ series: ["信息简报", null, "信息简报"], fallback: "上街信息" }) // "《信息简报》"
 */
export function seriesTitle(options: { series: readonly (string | null)[]; fallback: string }): string {
  const names = [...new Set(options.series.filter((name): name is string => name !== null && name !== ""))];
  return (names.length > 0 ? names : [options.fallback]).map((name) => `《${name}》`).join("");
}

/**
 * "《信息简报》2024年第7期": an issue as replies name it, under its own series.
 *
 * @example issueTitle({ series: null, year: 2025, issue: 64, fallback: "上街信息" }) // "《上街信息》2025年第64期"
 */
export function issueTitle(options: { series: string | null; year: number | null; issue: number; edition?: IssueEdition | undefined; fallback: string }): string {
  const year = options.year === null ? "" : `${options.year}年`;
  return `${seriesTitle({ series: [options.series], fallback: options.fallback })}${year}${issueNumberLabel({ issue: options.issue, edition: options.edition })}`;
}
