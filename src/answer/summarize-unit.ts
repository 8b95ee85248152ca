import { issueNumberLabel, type StoredItem } from "../domain.js";
import type { QueryUnderstanding } from "../query/understand-query.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import type { CitationLinks } from "./citation-links.js";
import { displayTitle, toCitation, type Citation } from "./citation.js";

/** Clauses of an item that carry figures ("注册志愿者增至4.9万人"), shortest first, at most `limit`. */
export function keyFigures(options: { body: string; limit: number }): string[] {
  const clauses = options.body.split(/[，。；;,\n]/).map((clause) => clause.trim()).filter((clause) => /\d/.test(clause) && clause.length <= 40);
  return clauses.slice(0, options.limit);
}

/** Every item of the understood unit(s) in the understood period, in date order (not top-k). */
export function unitItems(options: { catalog: BulletinCatalog; understanding: QueryUnderstanding }): StoredItem[] {
  const period = options.understanding.period;
  return options.catalog.listItems({ units: options.understanding.units, ...(period ? { from: period.from, to: period.to } : {}) });
}

/** Per issue the title and key figures of each item with a citation marker, then a count line. */
export function summarizeUnit(options: {
  items: readonly StoredItem[];
  understanding: QueryUnderstanding;
  links?: CitationLinks | undefined;
  /** Named when the unit reported nothing (BULLETIN_SERIES). */
  series: string;
}): { intent: "summary"; answer: string; citations: Citation[] } {
  const { understanding, items } = options;
  const period = understanding.period;
  const units = understanding.units.join("、");
  const scope = period ? `${period.label}` : "已收录简报中";
  if (items.length === 0) {
    return { intent: "summary", answer: `${units}在${scope}没有报送《${options.series}》。可以放宽时间范围再试。`, citations: [] };
  }
  const citations = items.map((item, index) => toCitation({ item, n: index + 1, score: 1, links: options.links }));
  const lines = items.map((item, index) => {
    // A brief has no headline: its opening sentence already says what happened, figures and all.
    const figures = item.title ? keyFigures({ body: item.body, limit: 2 }) : [];
    const issue = item.issue === null ? item.source : issueNumberLabel({ issue: item.issue, edition: item.edition });
    return `- ${issue}（${item.date ?? "日期不详"}）${displayTitle(item)}${figures.length > 0 ? `：${figures.join("；")}` : ""} [${index + 1}]`;
  });
  const issues = new Set(items.map((item) => item.documentId)).size;
  return { intent: "summary", answer: [`${units}${period ? `${period.label}` : ""}报送的工作：`, ...lines, `共 ${issues} 期 ${items.length} 条。`].join("\n"), citations };
}
