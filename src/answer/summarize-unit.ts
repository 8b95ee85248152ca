import { issueNumberLabel, type StoredItem } from "../domain.js";
import type { QueryUnderstanding } from "../query/understand-query.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import type { CitationLinks } from "./citation-links.js";
import { displayTitle, toCitation, type Citation } from "./citation.js";

/** "2024年", "截至11月10日", "2月5日（正月初八）": a clause that only says when. */
const ONLY_WHEN = /^(?:截至|截止|自|从|于|到|至)?\s*(?:\d{4}\s*年)?\s*(?:\d{1,2}\s*月)?\s*(?:\d{1,2}\s*[日号])?\s*(?:以来|至今|前|后|起|底|初)?\s*(?:[（(][^）)]*[）)])?$/;

/** Clauses of an item that carry figures ("注册志愿者增至4.9万人"), in the item's order, at most `limit`. */
export function keyFigures(options: { body: string; limit: number }): string[] {
  const clauses = options.body.split(/[，。；;,\n]/).map((clause) => clause.trim()).filter((clause) => /\d/.test(clause) && clause.length <= 40 && !ONLY_WHEN.test(clause));
  return clauses.slice(0, options.limit);
}

/** Item lines an answered unit summary lists at most: a unit's 19,000 items were one 5 MB answer; `summary` on the command line lists all. */
export const SUMMARY_ITEM_LIMIT = 200;

/** Every item of the understood unit(s) in the understood period, in date order (not top-k). */
export function unitItems(options: { catalog: BulletinCatalog; understanding: QueryUnderstanding }): StoredItem[] {
  const period = options.understanding.period;
  return options.catalog.listItems({ units: options.understanding.units, ...(period ? { from: period.from, to: period.to } : {}) });
}

/** The most recent `limit` of those items, in date order, and how many there are in all (read by index, not item by item). */
export function recentUnitItems(options: { catalog: BulletinCatalog; understanding: QueryUnderstanding; limit?: number }): { items: StoredItem[]; total: { items: number; documents: number } } {
  const period = options.understanding.period;
  const query = { units: options.understanding.units, ...(period ? { from: period.from, to: period.to } : {}) };
  return { items: options.catalog.listItems({ ...query, newest: options.limit ?? SUMMARY_ITEM_LIMIT }), total: options.catalog.countItems(query) };
}

/**
 * Per issue the title and key figures of each item with a citation marker, then a count line. When
 * `items` are only the most recent of `total`, they keep the numbers they have in the whole list, and
 * a last line says how to see the rest.
 */
export function summarizeUnit(options: {
  items: readonly StoredItem[];
  /** How many items and issues there are in all, when `items` are the most recent of them. */
  total?: { items: number; documents: number };
  understanding: QueryUnderstanding;
  links?: CitationLinks | undefined;
  /** Named when the unit reported nothing (BULLETIN_SERIES). */
  series: string;
}): { intent: "summary"; answer: string; citations: Citation[]; truncated?: { shown: number; total: number } } {
  const { understanding, items } = options;
  const total = options.total ?? { items: items.length, documents: new Set(items.map((item) => item.documentId)).size };
  const first = total.items - items.length + 1;
  const period = understanding.period;
  const units = understanding.units.join("、");
  const scope = period ? `${period.label}` : "已收录简报中";
  if (total.items === 0) {
    return { intent: "summary", answer: `${units}在${scope}没有报送《${options.series}》。可以放宽时间范围再试。`, citations: [] };
  }
  const citations = items.map((item, index) => toCitation({ item, n: first + index, score: 1, links: options.links }));
  const lines = items.map((item, index) => {
    // A brief has no headline: its opening sentence already says what happened, figures and all.
    const figures = item.title ? keyFigures({ body: item.body, limit: 2 }) : [];
    const issue = item.issue === null ? item.source : issueNumberLabel({ issue: item.issue, edition: item.edition });
    return `- ${issue}（${item.date ?? "日期不详"}）${displayTitle(item)}${figures.length > 0 ? `：${figures.join("；")}` : ""} [${first + index}]`;
  });
  const counted = `共 ${total.documents} 期 ${total.items} 条。`;
  if (items.length === total.items) return { intent: "summary", answer: [`${units}${period ? `${period.label}` : ""}报送的工作：`, ...lines, counted].join("\n"), citations };
  const rest = `（共 ${total.items} 条，这里列出最近 ${items.length} 条；其余各条请缩短时间段再问，如加上“2024年上半年”，或用命令行 summary 导出全部。）`;
  return { intent: "summary", answer: [`${units}${period ? `${period.label}` : ""}报送的工作：`, ...lines, counted, rest].join("\n"), citations, truncated: { shown: items.length, total: total.items } };
}
