import type { StoredItem } from "../domain.js";
import type { IssueLinks } from "../web/issue-links.js";

/** One source an answer rests on: the JSON contract of `ask --json` (other tools depend on it). */
export interface Citation {
  n: number;
  issue: number | null;
  year: number | null;
  date: string | null;
  department: string | null;
  departments: string[];
  title: string;
  source: string;
  /** Position of the item in its issue (1-based). */
  item: number;
  score: number;
  /** Signed link to the item's anchor, when links are configured. */
  url?: string;
}

/** A short display title: the headline, or the opening of a brief's body. */
export function displayTitle(item: Pick<StoredItem, "title" | "body">): string {
  if (item.title) return item.title;
  const first = item.body.split(/[。！？\n]/)[0] ?? "";
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}

export function toCitation(options: { item: StoredItem; n: number; score: number; links?: IssueLinks | undefined }): Citation {
  const { item, links } = options;
  return {
    n: options.n,
    issue: item.issue,
    year: item.year,
    date: item.date,
    department: item.department,
    departments: item.departments,
    title: displayTitle(item),
    source: item.source,
    item: item.position,
    score: Math.round(options.score * 1000) / 1000,
    ...(links ? { url: links.issue({ documentId: item.documentId, year: item.year, issue: item.issue, item: item.position }) } : {}),
  };
}

/** "第64期（2025-11-27）区委社工部：标题" — how a citation reads in a list. */
export function formatCitation(citation: Citation): string {
  const issue = citation.issue === null ? citation.source : `第${citation.issue}期`;
  const date = citation.date ? `（${citation.date}）` : "";
  const unit = citation.departments.length > 0 ? citation.departments.join("、") : "";
  return `[${citation.n}] ${issue}${date}${unit}${unit ? "：" : " "}${citation.title}`;
}
