import type { StoredItem } from "../domain.js";
import { isCountedItem } from "../export/export-request.js";
import { bucketLabel, bucketsBetween } from "../stats/describe-range.js";
import type { TrendPoint } from "../stats/statistics.js";
import { toCitation } from "./citation.js";
import { countedItems, FAMILY_NAMES, inFamily, kindWord, MAX_LISTED_ITEMS, rangesOf, scopeOf, type CountAnswer, type CountParts } from "./count-answer-parts.js";
import type { CountQuery } from "../query/count-intent.js";

/** More buckets than this and the empty ones are left out of the answer. */
const MAX_BUCKET_LINES = 24;

const GRANULARITY_WORDS = { month: "每月", quarter: "每季度", year: "每年" } as const;

/** Items per month (quarter, year) over the question's periods, up to the latest stored issue. */
export function trendAnswer(options: CountParts & { query: CountQuery }): CountAnswer {
  const { statistics, query, catalog, series } = options;
  const by = query.trendBy ?? "month";
  const coverage = statistics.coverage();
  if (!coverage.first || !coverage.last) return { intent: "count", answer: `还没有收录任何《${series}》。`, citations: [] };
  const ranges = query.periods.length > 0 ? rangesOf(query) : [{ from: coverage.first, to: coverage.last, label: "已收录的简报中" }];
  const filter = { ...(query.units.length > 0 ? { units: query.units } : {}), ...(query.kinds ? { kinds: query.kinds } : {}) };
  const points: TrendPoint[] = [];
  for (const range of ranges) {
    const to = range.to < coverage.last ? range.to : coverage.last;
    if (range.from > to) continue;
    const found = new Map(statistics.trend({ from: range.from, to, by, ...filter }).map((point) => [point.bucket, point]));
    for (const bucket of bucketsBetween({ from: range.from, to, by })) points.push(found.get(bucket) ?? { bucket, items: 0, reports: 0, briefs: 0, issues: 0 });
  }
  const word = kindWord(query.kinds);
  const who = query.units.length > 0 ? query.units.join("、") : `《${series}》`;
  const total = points.reduce((sum, point) => sum + point.items, 0);
  const shown = points.length > MAX_BUCKET_LINES ? points.filter((point) => point.items > 0) : points;
  const lines = shown.map((point) => `- ${bucketLabel(point.bucket)}：${point.items} 条（${point.issues} 期）`);
  const omitted = shown.length < points.length ? [`（其余 ${points.length - shown.length} 个${by === "month" ? "月" : by === "quarter" ? "季度" : "年"}没有被采用的${word}。）`] : [];
  const capped = ranges.some((range) => range.to > coverage.last!) ? [`（已收录的简报截至 ${coverage.last}。）`] : [];
  const items = countedItems({ catalog, units: query.units, ranges, kinds: query.kinds }).slice(-MAX_LISTED_ITEMS);
  const citations = items.map((item, index) => toCitation({ item, n: index + 1, score: 1, links: options.links }));
  const heading = query.units.length > 0 ? `${who}在${scopeOf(query)}${GRANULARITY_WORDS[by]}被《${series}》采用的${word}（共 ${total} 条）：` : `${scopeOf(query)}${who}${GRANULARITY_WORDS[by]}采用${word}条数（共 ${total} 条）：`;
  return { intent: "count", answer: [heading, ...lines, ...omitted, ...capped].join("\n"), citations };
}

/** "2025-01-01" -> "2024-12-31". */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Units that reported before the period and not in it, each cited by its last item before. */
export function silentUnitsAnswer(options: CountParts & { query: CountQuery }): CountAnswer {
  const { statistics, query, catalog, series } = options;
  if (query.periods.length === 0) return { intent: "count", answer: "请说明时间段，例如：“今年哪些单位还没有信息被采用？”", citations: [] };
  const from = query.periods.map((period) => period.from).sort()[0]!;
  const to = query.periods.map((period) => period.to).sort().at(-1)!;
  const scope = scopeOf(query);
  const silent = statistics.silentUnits({ from, to }).filter((entry) => inFamily(entry.unit, query.family));
  const who = query.family ? FAMILY_NAMES[query.family].replace(/^各/, "") : "单位";
  if (silent.length === 0) return { intent: "count", answer: `${from} 之前报送过信息的${who}，在${scope}都有信息被《${series}》采用。`, citations: [] };
  const last: StoredItem[] = [];
  for (const entry of silent.slice(0, MAX_LISTED_ITEMS)) {
    const item = catalog.listItems({ units: [entry.unit], to: dayBefore(from) }).filter(isCountedItem).at(-1);
    if (item) last.push(item);
  }
  const citations = last.map((item, index) => toCitation({ item, n: index + 1, score: 1, links: options.links }));
  const marker = (unit: string) => citations.find((citation) => citation.units.includes(unit));
  const lines = silent.map((entry) => `- ${entry.unit}（此前 ${entry.itemsBefore} 条，最近一次 ${entry.lastSeen ?? "日期不详"}）${marker(entry.unit) ? ` [${marker(entry.unit)!.n}]` : ""}`);
  return {
    intent: "count",
    answer: [`与 ${from} 之前报送过信息的${who}相比，${scope}有 ${silent.length} 个${who}没有被《${series}》采用信息：`, ...lines].join("\n"),
    citations,
  };
}
