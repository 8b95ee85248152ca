import type { StoredItem } from "../domain.js";
import { unitItemsOver, type ExportRequest } from "../export/export-request.js";
import type { CountQuery, StatisticsIntent } from "../query/count-intent.js";
import { issueName } from "../stats/statistics-report.js";
import type { CountedKind, DateRange, Statistics, UnitTally } from "../stats/statistics.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import type { CitationLinks } from "./citation-links.js";
import { displayTitle, toCitation, type Citation } from "./citation.js";

/** A count, ranking or export question answered from statistics. */
export interface CountAnswer {
  intent: StatisticsIntent;
  answer: string;
  citations: Citation[];
  /** What a channel can hand over as a Word document (export questions). */
  export?: ExportRequest;
}

/** What count answers read: the statistics and items of the store, and where citations link. */
export interface CountParts {
  statistics: Statistics;
  catalog: BulletinCatalog;
  links?: CitationLinks | undefined;
  /** The series named in answers (BULLETIN_SERIES). */
  series: string;
}

/** Item lines (and citations) at most in one answer; the rest is on the web page and in the export. */
export const MAX_LISTED_ITEMS = 20;

/** A question without a period counts everything stored. */
export const ALL_RANGES: DateRange[] = [{}];

/** The question's periods as date ranges. */
export function rangesOf(query: CountQuery): { from: string; to: string; label: string }[] {
  return query.periods.map((period) => ({ from: period.from, to: period.to, label: period.label }));
}

/** "2025年", "2024年、2026年", or "已收录的简报中" without a period. */
export function scopeOf(query: CountQuery): string {
  return query.periods.length === 0 ? "已收录的简报中" : `${query.periods.map((period) => period.label).join("、")}`;
}

/** Adds tallies of the same unit over several periods. */
export function tallyOver(options: { statistics: Statistics; query: CountQuery; units?: readonly string[] }): UnitTally[] {
  const { statistics, query } = options;
  const ranges = query.periods.length > 0 ? rangesOf(query) : ALL_RANGES;
  const sums = new Map<string, UnitTally>();
  for (const range of ranges) {
    const rows = statistics.unitTallies({ ...range, ...(options.units ? { units: options.units } : {}), ...(query.kinds ? { kinds: query.kinds } : {}) });
    for (const row of rows) {
      const sum = sums.get(row.unit);
      if (!sum) sums.set(row.unit, { ...row });
      else {
        for (const key of ["items", "reports", "briefs", "joint", "issues"] as const) sum[key] += row[key];
        sum.first = [sum.first, row.first].filter(Boolean).sort()[0] ?? null;
        sum.last = [sum.last, row.last].filter(Boolean).sort().at(-1) ?? null;
      }
    }
  }
  return [...sums.values()];
}

/** Whether a unit is a street, a town or a district department, as the question asks. */
export function inFamily(unit: string, family: CountQuery["family"]): boolean {
  if (!family) return true;
  const street = unit.endsWith("街道");
  const town = /[镇乡]$/.test(unit);
  if (family === "street") return street;
  if (family === "town") return town;
  if (family === "street-or-town") return street || town;
  return !street && !town;
}

export const FAMILY_NAMES: Record<NonNullable<CountQuery["family"]>, string> = { street: "各街道", town: "各乡镇", "street-or-town": "各街道、乡镇", department: "区直各部门" };

/** The items a question counts: of its units (all when none), in its periods, of its kinds. */
export function countedItems(options: { catalog: BulletinCatalog; units: readonly string[]; ranges: readonly DateRange[]; kinds: readonly CountedKind[] | undefined }): StoredItem[] {
  const items = unitItemsOver(options);
  return options.kinds ? items.filter((item) => options.kinds!.includes(item.kind as CountedKind)) : items;
}

/**
 * The newest `limit` items countedItems would give, in the same order, read by index instead of
 * every counted item (the whole archive, for a question without unit or period: 200,000 items).
 */
export function newestCountedItems(options: { catalog: BulletinCatalog; units: readonly string[]; ranges: readonly DateRange[]; kinds: readonly CountedKind[] | undefined; limit: number }): StoredItem[] {
  return options.catalog.listItems({
    ...(options.units.length > 0 ? { units: options.units } : {}),
    ranges: options.ranges,
    counted: { kinds: options.kinds },
    newest: options.limit,
  });
}

/** What is counted, in words. */
export function kindWord(kinds: readonly CountedKind[] | undefined): string {
  return kinds?.length === 1 && kinds[0] === "brief" ? "△短讯" : "信息";
}

/** "- 2025年第64期（2025-11-27）区教育局：标题 [3]", and the citations in the same order. */
export function listItems(options: { items: readonly StoredItem[]; links: CitationLinks | undefined; withUnit: boolean; total?: number }): { lines: string[]; citations: Citation[]; note: string } {
  const { items } = options;
  const total = options.total ?? items.length;
  const shown = items.slice(-MAX_LISTED_ITEMS);
  const first = 1;
  const citations = shown.map((item, index) => toCitation({ item, n: first + index, score: 1, links: options.links }));
  const lines = shown.map((item, index) => `- ${issueName(item)}（${item.date ?? "日期不详"}）${options.withUnit ? `${item.units.join("、")}：` : ""}${displayTitle(item)} [${first + index}]`);
  const note = total > shown.length ? `（共 ${total} 条，这里列出最近 ${shown.length} 条；全部条目可在网页“统计”页点单位查看，或导出 Word 文档。）` : "";
  return { lines, citations, note };
}

/** "报送 2 条、△短讯 1 条". */
export const figures = (tally: Pick<UnitTally, "reports" | "briefs">) => `报送 ${tally.reports} 条、△短讯 ${tally.briefs} 条`;

/** Items counted once each (and the units seen) over the question's periods. */
export function statisticsTotals(options: { statistics: Statistics; query: CountQuery }) {
  const ranges = options.query.periods.length > 0 ? rangesOf(options.query) : ALL_RANGES;
  const sum = { items: 0, reports: 0, briefs: 0, joint: 0, issues: 0, units: new Set<string>() };
  for (const range of ranges) {
    const query = { ...range, ...(options.query.kinds ? { kinds: options.query.kinds } : {}) };
    const totals = options.statistics.totals(query);
    for (const key of ["items", "reports", "briefs", "joint", "issues"] as const) sum[key] += totals[key];
    for (const tally of options.statistics.unitTallies(query)) sum.units.add(tally.unit);
  }
  return sum;
}
