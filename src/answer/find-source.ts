import type { StoredDocument } from "../domain.js";
import type { QueryUnderstanding } from "../query/understand-query.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import type { CitationLinks } from "./citation-links.js";
import { toCitation, type Citation } from "./citation.js";
import { issueTitle } from "./series-title.js";

/**
 * The issue a question names: by number and year, by date, "最新一期", or a period that dates it
 * ("去年10月底那期"); the latest one when several match.
 */
export function findSourceDocument(options: { catalog: BulletinCatalog; understanding: QueryUnderstanding }): StoredDocument | undefined {
  const { catalog, understanding } = options;
  let candidates: StoredDocument[] = [];
  if (understanding.issue) {
    candidates = catalog.findIssue({ issue: understanding.issue.number, ...(understanding.issue.year ? { year: understanding.issue.year } : {}) });
    const period = understanding.period;
    if (!understanding.issue.year && period) candidates = candidates.filter((document) => document.date !== null && document.date >= period.from && document.date <= period.to);
  } else if (understanding.date) {
    return catalog.latestDocument({ date: understanding.date });
  } else if (understanding.latestIssue) {
    return catalog.latestDocument({ numbered: true });
  } else if (understanding.issueInPeriod && understanding.period) {
    return catalog.latestDocument({ from: understanding.period.from, to: understanding.period.to });
  }
  return candidates.sort((left, right) => (right.date ?? "").localeCompare(left.date ?? ""))[0];
}

/** The issue asked for, named under its own series (`series`, BULLETIN_SERIES, when its masthead names none). */
export function findSource(options: {
  catalog: BulletinCatalog;
  understanding: QueryUnderstanding;
  links?: CitationLinks | undefined;
  series: string;
}): { answer: string; citations: Citation[] } | undefined {
  const document = findSourceDocument(options);
  if (!document) return undefined;
  const items = options.catalog.listItems({ documentId: document.id });
  const citations = items.map((item, index) => toCitation({ item, n: index + 1, score: 1, links: options.links }));
  const name = document.issue === null ? document.source : issueTitle({ series: document.series, year: document.year, issue: document.issue, edition: document.edition, fallback: options.series });
  const units = [...new Set(items.flatMap((item) => item.units))];
  const link = options.links ? `\n查看：${options.links.issue({ documentId: document.id, year: document.year, issue: document.issue })}\n原文：${options.links.original({ documentId: document.id })}` : "";
  const answer = `${name}（${document.date ?? "日期不详"}），共 ${items.length} 条${units.length > 0 ? `，报送单位：${units.join("、")}` : ""}。原文文件：${document.source}${link}`;
  return { answer, citations };
}
