import type { StoredDocument, StoredItem } from "../domain.js";
import { rangeLabel } from "../stats/describe-range.js";
import type { DateRange } from "../stats/statistics.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";

/** What to compile into a Word document: a unit's items over one or more periods, or one whole issue. */
export type ExportRequest =
  | { kind: "unit"; units: string[]; ranges: (DateRange & { label?: string })[] }
  | { kind: "issue"; issue: number; year?: number };

/** The document to write: a title, the period it covers, every item in date order. */
export interface ExportContent {
  title: string;
  /** "2025年", "2024年、2026年", "2025-11-27". */
  period: string;
  /** Whose items: the units, or the issue's publisher. */
  subject: string;
  items: StoredItem[];
  issues: number;
  /** Items that name more than one unit. */
  joint: number;
  fileName: string;
}

/** Items a count or an export covers: bulletin reports and △ briefs, never newspaper articles. */
export function isCountedItem(item: StoredItem): boolean {
  return item.documentKind === "bulletin" && (item.kind === "report" || item.kind === "brief");
}

/** Every counted item of `units` in any of `ranges` ([] = all time), once each, in date order. */
export function unitItemsOver(options: { catalog: BulletinCatalog; units: readonly string[]; ranges: readonly DateRange[] }): StoredItem[] {
  const ranges = options.ranges.length > 0 ? options.ranges : [{}];
  const byId = new Map<number, StoredItem>();
  for (const range of ranges) {
    const found = options.catalog.listItems({ ...(options.units.length > 0 ? { units: options.units } : {}), ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) });
    for (const item of found) if (isCountedItem(item)) byId.set(item.id, item);
  }
  return [...byId.values()].sort((left, right) => (left.date ?? "9999").localeCompare(right.date ?? "9999") || left.documentId - right.documentId || left.position - right.position);
}

/** The issue a request names: that year's, or the most recent issue with that number. */
export function findRequestedIssue(options: { catalog: BulletinCatalog; issue: number; year?: number | undefined }): StoredDocument | undefined {
  const found = options.catalog.findIssue({ issue: options.issue, ...(options.year !== undefined ? { year: options.year } : {}) }).filter((document) => document.kind === "bulletin");
  return found.at(-1);
}

function safeFileName(text: string): string {
  return text.replace(/[\\/:*?"<>|\s]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
}

/**
 * The items and headings of an export, or undefined when the issue is not stored. A unit with no
 * items in the period gives content with no items (the caller says so instead of writing a file).
 */
export function selectExport(options: { catalog: BulletinCatalog; request: ExportRequest; series: string }): ExportContent | undefined {
  const { catalog, request, series } = options;
  if (request.kind === "issue") {
    const document = findRequestedIssue({ catalog, issue: request.issue, year: request.year });
    if (!document) return undefined;
    const items = catalog.listItems({ documentId: document.id }).filter(isCountedItem);
    const name = `${document.year ?? ""}${document.year ? "年" : ""}第${document.issue}期`;
    return {
      title: `《${document.series ?? series}》${name}`,
      period: document.date ?? "日期不详",
      subject: document.publisher ?? "",
      items,
      issues: 1,
      joint: items.filter((item) => item.units.length > 1).length,
      fileName: `${safeFileName(`${document.series ?? series}-${name}`)}.docx`,
    };
  }
  const items = unitItemsOver({ catalog, units: request.units, ranges: request.ranges });
  const dates = items.map((item) => item.date).filter((date): date is string => date !== null);
  const span = dates.length > 0 ? `（${dates[0]} 至 ${dates.at(-1)}）` : "";
  const labels = request.ranges.map((range) => range.label ?? rangeLabel(range)).join("、");
  const period = request.ranges.length === 0 ? `${rangeLabel({})}${span}` : labels;
  const subject = request.units.join("、");
  return {
    title: `${subject}被《${series}》采用信息汇编`,
    period,
    subject,
    items,
    issues: new Set(items.map((item) => item.documentId)).size,
    joint: items.filter((item) => item.units.length > 1).length,
    fileName: `${safeFileName(`${subject}-${labels || "全部"}-${series}`)}.docx`,
  };
}
