import { displayTitle } from "../answer/citation.js";
import { issueTitle } from "../answer/series-title.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import { escapeMarkdown } from "./escape-markdown.js";

// These replies are card markdown: every piece of bulletin text in them goes through escapeMarkdown.

/** `/latest`: the most recent issues with their units. */
export function latestIssuesText(catalog: BulletinCatalog, count = 5): string {
  const documents = catalog.listDocuments().filter((document) => document.kind === "bulletin").reverse().slice(0, count);
  if (documents.length === 0) return "还没有收录任何简报。";
  return documents
    .map((document) => {
      const units = [...new Set(catalog.listItems({ documentId: document.id }).flatMap((item) => item.units))];
      return `**${document.year}年第${document.issue}期**（${escapeMarkdown(document.date ?? "日期不详")}）· ${document.itemCount} 条\n${escapeMarkdown(units.join("、"))}`;
    })
    .join("\n\n");
}

/** `/units`: every reporting unit with its item count. */
export function unitsText(catalog: BulletinCatalog): string {
  const units = catalog.listUnits();
  if (units.length === 0) return "还没有收录任何简报。";
  return `共 ${units.length} 个报送单位：\n${escapeMarkdown(units.map((unit) => `${unit.unit}（${unit.items}）`).join("、"))}\n\n发送“总结<单位>的工作”查看某个单位报送的全部信息。`;
}

/**
 * The full text of one item, for the "查看全文" button when no public link can be given. `series`
 * (BULLETIN_SERIES) names the issue when its masthead names no series.
 */
export function itemFullText(options: {
  catalog: BulletinCatalog;
  reference: { series?: unknown; year?: unknown; issue?: unknown; item?: unknown; source?: unknown };
  series: string;
}): string | undefined {
  const { catalog, reference } = options;
  // A button carries no series when its issue names none, or when its card was sent before buttons carried one.
  const sameSeries = (series: string | null) => reference.series === undefined || reference.series === series;
  const documents = catalog.listDocuments().filter((document) =>
    typeof reference.issue === "number"
      ? document.issue === reference.issue && document.year === reference.year && sameSeries(document.series)
      : document.source === reference.source,
  );
  const document = documents.at(-1);
  if (!document) return undefined;
  const item = catalog.listItems({ documentId: document.id }).find((candidate) => candidate.position === reference.item);
  if (!item) return undefined;
  const heading = document.issue === null ? document.source : `${issueTitle({ series: document.series, year: document.year, issue: document.issue, edition: document.edition, fallback: options.series })}（${document.date}）第 ${item.position} 条`;
  return `${escapeMarkdown(heading)}\n**${escapeMarkdown(displayTitle(item))}**\n\n${escapeMarkdown(item.body)}\n${escapeMarkdown(item.attribution)}`;
}

/** "/issue 64", "/issue 2026-02-12" -> a source request the question parser understands. */
export function issueCommandQuestion(argument: string): string {
  const date = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(argument.trim());
  if (date) return `${date[1]}年${Number(date[2])}月${Number(date[3])}日那期原文`;
  const issue = /^(?:(\d{4})\s*年?\s*)?第?\s*(\d{1,3})\s*期?$/.exec(argument.trim());
  if (issue) return `${issue[1] ? `${issue[1]}年` : ""}第${issue[2]}期原文`;
  return `${argument}原文`;
}
