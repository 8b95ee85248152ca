import { JOINT_RULE, rankUnits, TIE_RULE, tieGroups } from "../stats/rank-units.js";
import { issueName } from "../stats/statistics-report.js";
import type { Statistics } from "../stats/statistics.js";
import type { CountQuery } from "../query/count-intent.js";
import { toCitation } from "./citation.js";
import { ALL_RANGES, countedItems, FAMILY_NAMES, inFamily, kindWord, listItems, MAX_LISTED_ITEMS, rangesOf, scopeOf, statisticsTotals, tallyOver, type CountAnswer, type CountParts } from "./count-answer-parts.js";

/**
 * Ranks units by items carried in the question's periods: the leader(s) first with their items
 * cited, then one line per rank, tied units on one line. One named unit gets its own rank; two or
 * more are compared with each other.
 */
export function rankingAnswer(options: CountParts & { query: CountQuery }): CountAnswer {
  const { statistics, query, catalog, series } = options;
  const scope = scopeOf(query);
  const compared = query.units.length > 1 ? query.units : undefined;
  const tallies = tallyOver({ statistics, query, ...(compared ? { units: compared } : {}) }).filter((tally) => inFamily(tally.unit, query.family));
  // Units named but never carried still take part in a comparison, with 0.
  for (const unit of compared ?? []) if (!tallies.some((tally) => tally.unit === unit)) tallies.push({ unit, items: 0, reports: 0, briefs: 0, joint: 0, issues: 0, first: null, last: null });
  const ranked = rankUnits(tallies, { order: query.order });
  const word = kindWord(query.kinds);
  const who = compared ? compared.join("与") : query.family ? FAMILY_NAMES[query.family] : "各单位";
  if (ranked.length === 0 || ranked.every((entry) => entry.items === 0)) {
    return { intent: "ranking", answer: `${scope}${query.family ? FAMILY_NAMES[query.family] : ""}没有被《${series}》采用的${word}，无法排名。`, citations: [] };
  }
  if (query.units.length === 1) {
    const unit = query.units[0]!;
    const entry = ranked.find((candidate) => candidate.unit === unit);
    if (!entry) return { intent: "ranking", answer: `${unit}在${scope}没有被《${series}》采用的${word}（0 条），不在排名中；共有 ${ranked.length} 个单位有${word}被采用。`, citations: [] };
    const items = countedItems({ catalog, units: [unit], ranges: rangesOf(query), kinds: query.kinds });
    const { lines, citations } = listItems({ items, links: options.links, withUnit: false });
    const tie = entry.tied ? `（与其他单位并列）` : "";
    return { intent: "ranking", answer: [`${unit}在${scope}被《${series}》采用 ${entry.items} 条${word}，在 ${ranked.length} 个有${word}被采用的单位中排第 ${entry.rank} 名${tie}：`, ...lines].join("\n"), citations };
  }

  const groups = tieGroups(ranked);
  const shownGroups = query.limit ? groups.filter((group) => group.rank <= query.limit!) : groups;
  const top = groups[0]!;
  const topItems = countedItems({ catalog, units: top.entries.map((entry) => entry.unit), ranges: rangesOf(query), kinds: query.kinds })
    .slice(-MAX_LISTED_ITEMS);
  const citations = topItems.map((item, index) => toCitation({ item, n: index + 1, score: 1, links: options.links }));
  const markersOf = (unit: string) => citations.filter((citation) => citation.units.includes(unit)).map((citation) => `[${citation.n}]`).join("");
  const superlative = query.order === "least" ? "最少" : "最多";
  const prefix = query.periods.length > 0 ? scope : "在已收录的简报中，";
  const leaders = top.entries.map((entry) => entry.unit).join("、");
  const lead = compared && groups.length === 1
    ? `${prefix}${who}被《${series}》采用的${word}一样多，各 ${top.items} 条。`
    : top.entries.length === 1
      ? `${prefix}${who}被《${series}》采用${word}${superlative}的是${leaders}，共 ${top.items} 条。`
      : `${prefix}${who}被《${series}》采用${word}${superlative}的是${leaders}，并列第 1 名，各 ${top.items} 条。`;
  const lines = shownGroups.map((group) => {
    if (group.entries.length === 1) {
      const entry = group.entries[0]!;
      const issues = entry.issues <= 6 ? `（${issueNamesOf({ statistics, query, unit: entry.unit }).join("、")}）` : `（${entry.issues} 期）`;
      return `${group.rank}. ${entry.unit} ${entry.items} 条${entry.items > 0 ? issues : ""}${group === top ? ` ${markersOf(entry.unit)}` : ""}`;
    }
    const names = group.entries.map((entry) => `${entry.unit}${group === top ? markersOf(entry.unit) : ""}`).join("、");
    return `${group.rank}. 并列第 ${group.rank} 名（各 ${group.items} 条）：${names}`;
  });
  const totals = statisticsTotals({ statistics, query });
  const joint = ranked.some((entry) => entry.joint > 0) ? `；${JOINT_RULE}` : "";
  const familySum = ranked.reduce((sum, entry) => sum + entry.items, 0);
  const heading = compared
    ? `各单位条数${joint ? `（${JOINT_RULE}）` : ""}：`
    : query.family
      ? `${prefix}${who}被采用${word}条数排名（合计 ${familySum} 条${joint}）：`
      : `${prefix}${who}被采用${word}条数排名（共 ${totals.issues} 期 ${totals.items} 条${joint}）：`;
  const rest = shownGroups.length < groups.length ? [`（只列前 ${query.limit} 名，共 ${ranked.length} 个单位。）`] : [];
  const ties = groups.some((group) => group.entries.length > 1) ? [`${TIE_RULE}。`] : [];
  return { intent: "ranking", answer: [lead, heading, ...lines, ...rest, ...ties].join("\n"), citations };
}

function issueNamesOf(options: { statistics: Statistics; query: CountQuery; unit: string }): string[] {
  const ranges = options.query.periods.length > 0 ? rangesOf(options.query) : ALL_RANGES;
  return ranges.flatMap((range) => options.statistics.unitIssues({ ...range, units: [options.unit], ...(options.query.kinds ? { kinds: options.query.kinds } : {}) }).map(issueName));
}
