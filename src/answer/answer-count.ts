import { findRequestedIssue, isCountedItem, unitItemsOver } from "../export/export-request.js";
import { readCountQuery, type CountQuery } from "../query/count-intent.js";
import type { QueryUnderstanding } from "../query/understand-query.js";
import type { UnitMatcher } from "../query/unit-aliases.js";
import { JOINT_RULE, rankUnits } from "../stats/rank-units.js";
import { issueName } from "../stats/statistics-report.js";
import type { CitationLinks } from "./citation-links.js";
import { countedItems, FAMILY_NAMES, figures, inFamily, kindWord, listItems, MAX_LISTED_ITEMS, newestCountedItems, rangesOf, scopeOf, statisticsTotals, tallyOver, type CountAnswer, type CountParts } from "./count-answer-parts.js";
import { rankingAnswer } from "./ranking-answer.js";
import { silentUnitsAnswer, trendAnswer } from "./trend-answer.js";

export type { CountAnswer, CountParts } from "./count-answer-parts.js";

/** The unknown names, with the closest known units. */
function unknownAnswer(query: CountQuery, series: string): CountAnswer {
  const lines = query.unknownUnits.map(({ name, suggestions }) => {
    const hint = suggestions.length > 0 ? `最接近的单位有：${suggestions.join("、")}。` : "";
    return `已收录的《${series}》中没有“${name}”这个报送单位，也没有对应的简称或别名。${hint}`;
  });
  return { intent: query.intent, answer: [...lines, "可以在报送单位列表中查看全部单位名称（飞书中发送 /units）。"].join("\n"), citations: [] };
}

/** "今年第3期": the year of a one-year period stands for the issue's year. */
function yearOf(periods: CountQuery["periods"]): number | undefined {
  const [period] = periods;
  if (periods.length !== 1 || !period || period.from.slice(0, 4) !== period.to.slice(0, 4)) return undefined;
  return Number(period.from.slice(0, 4));
}

/** One issue: how many items from how many units, each listed; or the issue as an export. */
function issueAnswer(options: CountParts & { query: CountQuery; issue: NonNullable<CountQuery["issue"]> }): CountAnswer {
  const { catalog, query, issue, series } = options;
  const year = issue.year ?? yearOf(query.periods);
  const document = findRequestedIssue({ catalog, issue: issue.number, year });
  if (!document) {
    return { intent: query.intent, answer: `已收录的《${series}》中没有${year ? `${year}年` : ""}第${issue.number}期。请核对期号和年份。`, citations: [] };
  }
  const items = catalog.listItems({ documentId: document.id }).filter(isCountedItem);
  const name = issueName(document);
  if (query.intent === "export") {
    const { lines, citations } = listItems({ items, links: options.links, withUnit: true });
    return {
      intent: "export",
      answer: [`${name}（${document.date ?? "日期不详"}）的 ${items.length} 条信息可导出为 Word 文档（标题、日期，每条信息的期号、日期、标题和全文，末尾附条数）：`, ...lines].join("\n"),
      citations,
      export: { kind: "issue", issue: issue.number, ...(document.year !== null ? { year: document.year } : {}) },
    };
  }
  const units = new Set(items.flatMap((item) => item.units));
  const reports = items.filter((item) => item.kind === "report").length;
  const { lines, citations } = listItems({ items, links: options.links, withUnit: true });
  const heading = `${name}（${document.date ?? "日期不详"}）共 ${items.length} 条信息（报送 ${reports} 条、△短讯 ${items.length - reports} 条），来自 ${units.size} 个单位：`;
  return { intent: query.intent, answer: [heading, ...lines].join("\n"), citations };
}

/** A unit's items over the question's periods, handed over as an export. */
function exportAnswer(options: CountParts & { query: CountQuery }): CountAnswer {
  const { query, catalog, series } = options;
  const ranges = rangesOf(query);
  const items = unitItemsOver({ catalog, units: query.units, ranges });
  const who = query.units.join("、");
  const scope = scopeOf(query);
  if (items.length === 0) return { intent: "export", answer: `${who}在${scope}没有被《${series}》采用的信息，没有可导出的内容。可以放宽时间范围再试。`, citations: [] };
  const { lines, citations, note } = listItems({ items, links: options.links, withUnit: query.units.length > 1 });
  const issues = new Set(items.map((item) => item.documentId)).size;
  return {
    intent: "export",
    answer: [`${who}在${scope}被《${series}》采用的 ${items.length} 条信息（${issues} 期）可导出为 Word 文档（标题、时间段，每条信息的期号、日期、标题和全文，末尾附条数）：`, ...lines, ...(note ? [note] : [])].join("\n"),
    citations,
    export: { kind: "unit", units: [...query.units], ranges },
  };
}

/** One unit's figures with its items listed, or several units side by side. */
function unitCountAnswer(options: CountParts & { query: CountQuery }): CountAnswer {
  const { statistics, query, catalog, series } = options;
  const scope = scopeOf(query);
  const word = kindWord(query.kinds);
  const tallies = new Map(tallyOver({ statistics, query, units: query.units }).map((tally) => [tally.unit, tally]));
  const items = countedItems({ catalog, units: query.units, ranges: rangesOf(query), kinds: query.kinds });
  if (query.units.length === 1) {
    const unit = query.units[0]!;
    const tally = tallies.get(unit);
    if (!tally || tally.items === 0) {
      const ever = query.periods.length > 0 ? statistics.unitTallies({ units: [unit] })[0] : undefined;
      const before = ever ? `该单位在已收录简报中共有 ${ever.items} 条信息被采用，最近一次在 ${ever.last ?? "日期不详"}。` : "";
      const where = query.periods.length > 0 ? `在${scope}` : "在已收录的简报中";
      return { intent: "count", answer: `${unit}${where}没有被《${series}》采用的${word}（0 条）。${before}`, citations: [] };
    }
    const { lines, citations, note } = listItems({ items, links: options.links, withUnit: false });
    const joint = items.filter((item) => item.units.length > 1);
    const partners = [...new Set(joint.flatMap((item) => item.units.filter((other) => other !== unit)))];
    const jointNote = joint.length > 0 ? [`其中 ${joint.length} 条是与${partners.join("、")}联合报送的（${JOINT_RULE}）。`] : [];
    const where = query.periods.length > 0 ? `在${scope}` : "在已收录的简报中";
    const heading = query.measure === "issues"
      ? `${unit}${where}上过 ${tally.issues} 期《${series}》，共被采用 ${tally.items} 条${word}（${figures(tally)}）：`
      : `${unit}${where}被《${series}》采用 ${tally.items} 条${word}（${figures(tally)}），出现在 ${tally.issues} 期：`;
    return { intent: "count", answer: [heading, ...lines, ...(note ? [note] : []), ...jointNote].join("\n"), citations };
  }
  const { lines, citations, note } = listItems({ items, links: options.links, withUnit: true });
  const perUnit = query.units.map((unit) => {
    const tally = tallies.get(unit);
    return tally ? `- ${unit}：${tally.items} 条（${figures(tally)}），${tally.issues} 期` : `- ${unit}：0 条`;
  });
  const joint = items.some((item) => item.units.length > 1 && item.units.filter((unit) => query.units.includes(unit)).length > 1) ? [`（${JOINT_RULE}。）`] : [];
  return { intent: "count", answer: [`${scope}各单位被《${series}》采用的${word}：`, ...perUnit, ...joint, "出处：", ...lines, ...(note ? [note] : [])].join("\n"), citations };
}

/** Everything carried in the periods: items (or △ briefs), issues, or how many units. */
function totalCountAnswer(options: CountParts & { query: CountQuery }): CountAnswer {
  const { statistics, query, catalog, series } = options;
  const scope = scopeOf(query);
  const word = kindWord(query.kinds);
  const totals = statisticsTotals({ statistics, query });
  if (query.measure === "units" || query.family) {
    const tallies = rankUnits(tallyOver({ statistics, query }).filter((tally) => inFamily(tally.unit, query.family)));
    const who = query.family ? FAMILY_NAMES[query.family].replace(/^各/, "") : "单位";
    if (tallies.length === 0) return { intent: "count", answer: `${scope}没有${who}被《${series}》采用过${word}。`, citations: [] };
    const units = tallies.map((tally) => tally.unit);
    const items = countedItems({ catalog, units, ranges: rangesOf(query), kinds: query.kinds });
    const { lines, citations, note } = listItems({ items, links: options.links, withUnit: true });
    const list = tallies.map((tally) => `${tally.unit}（${tally.items}）`).join("、");
    return { intent: "count", answer: [`${scope}共有 ${tallies.length} 个${who}被《${series}》采用过${word}（共 ${totals.issues} 期 ${totals.items} 条）：${list}。`, "出处：", ...lines, ...(note ? [note] : [])].join("\n"), citations };
  }
  if (totals.items === 0) return { intent: "count", answer: `${scope}没有被《${series}》采用的${word}（已收录的简报中没有这一时期的各期）。`, citations: [] };
  // The newest items only, by index; over one period the statistics already counted them all.
  const ranges = rangesOf(query);
  const items = ranges.length <= 1 ? newestCountedItems({ catalog, units: [], ranges, kinds: query.kinds, limit: MAX_LISTED_ITEMS }) : countedItems({ catalog, units: [], ranges, kinds: query.kinds });
  const { lines, citations, note } = listItems({ items, links: options.links, withUnit: true, ...(ranges.length <= 1 ? { total: totals.items } : {}) });
  const joint = totals.joint > 0 ? `其中联合报送 ${totals.joint} 条，按条目计一次（按单位统计时给每个署名单位各记一条）。` : "";
  const heading = query.kinds?.length === 1 && query.kinds[0] === "brief"
    ? `${scope}《${series}》共有△短讯 ${totals.items} 条，分布在 ${totals.issues} 期，来自 ${totals.units.size} 个单位：`
    : query.measure === "issues"
      ? `${scope}已收录《${series}》${totals.issues} 期，共采用信息 ${totals.items} 条（${figures(totals)}），来自 ${totals.units.size} 个单位。${joint}`
      : `${scope}《${series}》共采用信息 ${totals.items} 条（${figures(totals)}），共 ${totals.issues} 期，来自 ${totals.units.size} 个单位。${joint}`;
  return { intent: "count", answer: [heading, ...lines, ...(note ? [note] : [])].join("\n"), citations };
}

/**
 * Answers a count, ranking or export question from the statistics: a short table or ranking
 * with the figures, citing the items counted (the latest MAX_LISTED_ITEMS of them).
 * @example answerCount({ query, statistics, catalog, series: "上街信息" }).answer
 *   // "区委社工部在2026年被《上街信息》采用 1 条信息（报送 1 条、△短讯 0 条），出现在 1 期：\n- 2026年第8期（2026-02-12）… [1]"
 */
export function answerCount(options: CountParts & { query: CountQuery }): CountAnswer {
  const { query } = options;
  if (query.issue) return issueAnswer({ ...options, issue: query.issue });
  if (query.units.length === 0 && query.unknownUnits.length > 0) return unknownAnswer(query, options.series);
  if (query.intent === "export") return exportAnswer(options);
  if (query.measure === "silent") return silentUnitsAnswer(options);
  if (query.measure === "trend") return trendAnswer(options);
  if (query.intent === "ranking") return rankingAnswer(options);
  if (query.units.length > 0) return unitCountAnswer(options);
  return totalCountAnswer(options);
}

/** How the answerer hands a question over: the answer when it is a count, ranking or export question. */
export type CountQuestions = (options: { understanding: QueryUnderstanding; previous?: QueryUnderstanding | undefined; links?: CitationLinks | undefined }) => CountAnswer | undefined;

/**
 * Count questions as the answerer sees them: reads the question (units and periods as query
 * understanding found them) and answers it from the statistics, or returns undefined.
 * @example const counts = createCountQuestions({ statistics, catalog, series, today: () => "2026-11-28", units: () => matcher });
 */
export function createCountQuestions(options: Omit<CountParts, "links"> & { today: () => string; units: () => UnitMatcher }): CountQuestions {
  return ({ understanding, previous, links }) => {
    const query = readCountQuery({ understanding, today: options.today(), units: options.units(), previous });
    return query ? answerCount({ statistics: options.statistics, catalog: options.catalog, series: options.series, links, query }) : undefined;
  };
}
