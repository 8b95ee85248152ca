import { issueNumberLabel, type Citation, type CitationJson, type StoredItem } from "../domain.js";
import type { CitationLinks } from "./citation-links.js";

export type { Citation } from "../domain.js";

/** A short display title: the headline, or the opening of a brief's body. */
export function displayTitle(item: Pick<StoredItem, "title" | "body">): string {
  if (item.title) return item.title;
  const first = item.body.split(/[。！？\n]/)[0] ?? "";
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}

export function toCitation(options: { item: StoredItem; n: number; score: number; links?: CitationLinks | undefined }): Citation {
  const { item, links } = options;
  return {
    n: options.n,
    issue: item.issue,
    year: item.year,
    date: item.date,
    unit: item.unit,
    units: item.units,
    title: displayTitle(item),
    source: item.source,
    series: item.series,
    edition: item.edition,
    item: item.position,
    score: Math.round(options.score * 1000) / 1000,
    ...(links ? { url: links.issue({ documentId: item.documentId, year: item.year, issue: item.issue, item: item.position }) } : {}),
  };
}

/** "《上街信息》第64期": the cited issue under its own series; the file name for an article. */
export function citedIssue(citation: Pick<Citation, "issue" | "series" | "source" | "edition">): string {
  if (citation.issue === null) return citation.source;
  return `${citation.series ? `《${citation.series}》` : ""}${issueNumberLabel({ issue: citation.issue, edition: citation.edition })}`;
}

/** "[1] 《上街信息》第64期（2025-11-27）区委社工部：标题" — how a citation reads in a list. */
export function formatCitation(citation: Citation): string {
  const issue = citedIssue(citation);
  const date = citation.date ? `（${citation.date}）` : "";
  const unit = citation.units.length > 0 ? citation.units.join("、") : "";
  return `[${citation.n}] ${issue}${date}${unit}${unit ? "：" : " "}${citation.title}`;
}

/** The citation as the JSON contract writes it: the unit keeps its historical field names. */
export function citationJson(citation: Citation): CitationJson {
  const { unit, units, url, ...rest } = citation;
  return {
    n: rest.n, issue: rest.issue, year: rest.year, date: rest.date, department: unit, departments: units,
    title: rest.title, source: rest.source, series: rest.series, item: rest.item, score: rest.score,
    // Only 增刊/特刊/专报 carry the field: a regular issue's JSON is as it always was.
    ...(rest.edition !== "regular" ? { edition: rest.edition } : {}), ...(url !== undefined ? { url } : {}),
  };
}
