import { issueNumberLabel, type StoredDocument, type StoredItem } from "../domain.js";
import { issueTitle } from "./series-title.js";
import type { CitationLinks } from "./citation-links.js";
import { displayTitle, toCitation, type Citation } from "./citation.js";

/** Most items listed in one overview; the rest are counted and reachable through the issue page. */
export const OVERVIEW_LIMIT = 12;

/**
 * What one issue contains: its number and date, then each item's unit and headline, cited.
 * @example "《上街信息》2025年第64期（2025-11-27）共 5 条：\n- 区公安局：…… [1]"
 */
export function issueOverview(options: { document: StoredDocument; items: readonly StoredItem[]; series: string; links?: CitationLinks | undefined }): { answer: string; citations: Citation[] } {
  const { document, items, links } = options;
  const name = document.issue === null ? document.source : issueTitle({ series: document.series, year: document.year, issue: document.issue, edition: document.edition, fallback: options.series });
  const shown = items.slice(0, OVERVIEW_LIMIT);
  const citations = shown.map((item, index) => toCitation({ item, n: index + 1, score: 1, links }));
  const lines = shown.map((item, index) => `- ${item.units.length > 0 ? `${item.units.join("、")}：` : ""}${displayTitle(item)} [${index + 1}]`);
  const more = items.length > shown.length ? [`另有 ${items.length - shown.length} 条，请打开本期查看。`] : [];
  return { answer: [`${name}（${document.date ?? "日期不详"}）共 ${items.length} 条：`, ...lines, ...more].join("\n"), citations };
}

/** Items a question's filters alone select ("第55期矿山街道和中心路街道报了什么"), each with its issue. */
export function itemListing(options: { items: readonly StoredItem[]; scope: string; links?: CitationLinks | undefined }): { answer: string; citations: Citation[] } {
  const shown = options.items.slice(0, OVERVIEW_LIMIT);
  const citations = shown.map((item, index) => toCitation({ item, n: index + 1, score: 1, links: options.links }));
  const lines = shown.map((item, index) => {
    const issue = item.issue === null ? item.source : issueNumberLabel({ issue: item.issue, edition: item.edition });
    return `- ${issue}（${item.date ?? "日期不详"}）${item.units.length > 0 ? `${item.units.join("、")}：` : ""}${displayTitle(item)} [${index + 1}]`;
  });
  const more = options.items.length > shown.length ? [`另有 ${options.items.length - shown.length} 条未列出，可缩小范围再问。`] : [];
  return { answer: [`${options.scope}共 ${options.items.length} 条：`, ...lines, ...more].join("\n"), citations };
}
