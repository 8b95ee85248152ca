import { parsePeriod } from "./parse-period.js";
import type { QueryUnderstanding } from "./understand-query.js";
import type { UnitMatcher } from "./unit-aliases.js";

/** Questions about how often units were carried, answered from counts rather than by search. */
export type StatisticsIntent = "count" | "ranking" | "export";

/** What a count, ranking or export question asks for. */
export interface CountQuery {
  intent: StatisticsIntent;
  /**
   * The headline figure: items carried, issues appeared in, units that appeared, the trend per
   * month (quarter, year), or the units that carried nothing in the period.
   */
  measure: "items" | "issues" | "units" | "trend" | "silent";
  units: string[];
  /** Names that look like a unit ("区档案馆") but match no known unit or alias, with the closest known ones. */
  unknownUnits: { name: string; suggestions: string[] }[];
  /** Several when the question names several ("前年和今年"); [] for everything stored. */
  periods: { from: string; to: string; label: string }[];
  issue?: { number: number; year?: number };
  /** Only △ briefs ("短讯"), when asked. */
  kinds?: ("report" | "brief")[];
  /** Rank only streets (街道), towns (镇), both, or the district's departments. */
  family?: "street" | "town" | "street-or-town" | "department";
  trendBy?: "month" | "quarter" | "year";
  order: "most" | "least";
  /** "前五名". */
  limit?: number;
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

// Being carried by the bulletin: the nouns and verbs staff use for it.
// 信息 and 稿件 are the bulletin's items when they stand alone ("社工部的信息", "报了几条信息"),
// not when a word is built on them ("反诈预警信息推送了多少条" asks about warnings).
const CARRIED_NOUN = /(?:^|[\s\d年月期的了条篇些报送用过几多少个共总全这那该各每被及和与、，,？?])(?:信息|稿件|稿子)|简报|上街信息|短讯|简讯|△/;
const CARRIED_VERB = /采用|采纳|录用|刊发|刊登|刊载|登载|收录|报送|上报|被用|上了|上过|上的|上得|上稿|上简报|上信息|登了|登过|收了|报了|报过/;
// "几个单位", or "几条" / "多少期" followed by a carried noun, a particle or the end (not "几条措施").
const COUNT_WORD = /(?:几|多少)\s*(?:个|家)?\s*(?:(单位|部门|街道|镇)|(条|篇|期|次|回)(?=(?:信息|简报|上街信息|稿件|稿子|消息|短讯|简讯)|[了呢吗啊呀？?，,。！!（(\s]|$))/;
// What is left of the question's words once counting and publishing words are set aside: a topic.
const NOT_A_TOPIC = /稿件|稿子|一共|总共|共|多少|几|条|篇|出|发|写|上|报|了|的|过|\s/g;
const TOPIC_WORDS = /[\u4e00-\u9fff]{2}/;
const RANKING = /排名|排个名|排行|排序|排一下|排个序|名次|第几名|排第几|前\s*([0-9]{1,2}|[一二两三四五六七八九十])\s*名/;
/** "全市排第几", "在省里排名": a place among the city's or province's districts. */
const RANKED_AMONG_OTHERS = /全市|全省|全国|市里|省里|在市|在省|全市范围/;
const MOST = /(?:哪个|哪家|哪些|什么|谁)[^，,。？?]{0,12}?(最多|最少|最勤|最积极|多|少)/;
const SITUATION = /(?:报送|采用|录用|上稿|用稿|上信息|信息采用|稿件采用|被采用|上简报)(?:的)?情况/;
const SILENT = /(?:没有?|未|零)(?:信息|稿件|稿子)?(?:报送|报过|上报|上过|上|被采用|采用|被用|报信息|上信息)|一条(?:都|也)没/;
const TREND = /(?:每|各|逐)个?(月|季度|年)|按(月|季度|年)|(月|季)度(?:分布|统计|情况)|历年|趋势|走势/;
const EXPORT = /导出|导成|导一下|输出成|(?:生成|做成|整理成|汇编成|弄成|出)(?:一份|一个)?\s*(?:word|docx|文档|文件)|word\s*(?:版|文档)|docx/i;

const FAMILY_WORDS: { pattern: RegExp; family: NonNullable<CountQuery["family"]> }[] = [
  { pattern: /街镇|街道和乡?镇|乡镇和街道/, family: "street-or-town" },
  { pattern: /街道/, family: "street" },
  { pattern: /乡镇|各镇|几个镇/, family: "town" },
  { pattern: /区直|部门|委局/, family: "department" },
];

// A name that looks like a unit: ends like one, and is followed by a boundary or a reporting word.
const UNIT_LIKE = /([\p{Script=Han}]{1,10}?(?:局|委|办|部|院|街道|镇|乡|中心|会|所|队|站|馆|厅|处|社区|村))(?=[^\p{Script=Han}]|[的在今去前上下本这近最报被一总共都也有是和与及、几多]|$)/gu;
const NAME_OPENERS = /^(?:请问|帮我|麻烦|查查|查一下|看看|看一下|那个|咱们|我们|咱|把|给|问|查|看|和|跟|与|及|还有|另外|那|年|月|日|的|里|中)+/;
const NOT_A_NAME = /^(?:各|几个|哪个|哪些|哪家|所有|全部|每个|这个|那个)?(?:单位|部门|街道|镇|乡镇|局|委|办|部|院|村|社区)$|[几多少上了过被采用报送简信息]/;

/** "24年" -> "2024年", so that a two-digit year reads as a period. */
function expandShortYears(text: string, today: string): string {
  const current = Number(today.slice(2, 4));
  return text.replace(/(?<![0-9])([0-9]{2})\s*年(?![0-9代龄级])/g, (whole, digits: string) => (Number(digits) >= 10 && Number(digits) <= current + 1 ? `20${digits}年` : whole));
}

/** Every period the text names, left to right ("前年和今年" -> 2024, 2026), and the text without them. */
function findPeriods(options: { text: string; today: string }): { periods: { from: string; to: string; label: string; start: number }[]; rest: string } {
  let text = expandShortYears(options.text, options.today);
  const periods: { from: string; to: string; label: string; start: number }[] = [];
  for (let guard = 0; guard < 6; guard += 1) {
    const period = parsePeriod({ text, today: options.today });
    if (!period) break;
    periods.push({ from: period.from, to: period.to, label: period.label, start: period.start });
    text = `${text.slice(0, period.start)}${" ".repeat(period.end - period.start)}${text.slice(period.end)}`;
  }
  return { periods: periods.sort((left, right) => left.start - right.start), rest: text };
}

/** Every period the text names, left to right ("前年和今年" -> 2024, 2026); two-digit years ("24年") included. */
export function readPeriods(options: { text: string; today: string }): { from: string; to: string; label: string }[] {
  return findPeriods(options).periods.map(({ start: _start, ...period }) => period);
}

function maskUnits(text: string, units: UnitMatcher): string {
  let masked = text;
  for (const mention of units.match(text)) masked = `${masked.slice(0, mention.start)}${" ".repeat(mention.end - mention.start)}${masked.slice(mention.end)}`;
  return masked;
}

function unknownUnitNames(masked: string): string[] {
  const names: string[] = [];
  for (const match of masked.matchAll(UNIT_LIKE)) {
    const name = (match[1] ?? "").replace(NAME_OPENERS, "");
    if (name.length >= 2 && name.length <= 12 && !NOT_A_NAME.test(name) && !names.includes(name)) names.push(name);
  }
  return names;
}

function readLimit(text: string): number | undefined {
  const top = /前\s*([0-9]{1,2}|[一二两三四五六七八九十])\s*名?/.exec(text);
  if (!top?.[1]) return undefined;
  const value = /^[0-9]+$/.test(top[1]) ? Number(top[1]) : CHINESE_DIGITS[top[1]];
  return value && value > 0 ? value : undefined;
}

/** Reads what a count question asks, or undefined when it is not one. */
function readOwn(options: { understanding: QueryUnderstanding; today: string; units: UnitMatcher }): CountQuery | undefined {
  const { understanding, today } = options;
  const text = understanding.text;
  const masked = maskUnits(text, options.units);
  const carried = CARRIED_NOUN.test(masked) || CARRIED_VERB.test(masked);
  const hasUnits = understanding.units.length > 0;

  const exporting = EXPORT.test(text) && (hasUnits || understanding.issue !== undefined);
  const countWord = COUNT_WORD.exec(masked);
  // "融媒23年过年下基层出了多少条稿子": a unit's own articles on a topic, not its items in the bulletin.
  // "地名故事收录几篇": 收录 also says what a report collected; with a topic of its own it is not the bulletins'.
  // "党外人士提的建议 区里采纳了几条": 采纳 is said of suggestions as well.
  // "作品集收了多少篇": so does 收.
  const ownArticles = !CARRIED_VERB.test(masked.replace(/收录|采纳|收了/g, "")) && !/信息|简报|短讯|简讯|△/.test(masked) && TOPIC_WORDS.test(understanding.keywords.replace(NOT_A_TOPIC, ""));
  const counting = countWord !== null && ((carried && !ownArticles) || understanding.issue !== undefined);
  // "营商环境评价全市排第几": the district's place among others, which a report gives, not units ranked by their items.
  const rankedAmongOthers = RANKED_AMONG_OTHERS.test(masked) && !carried;
  const ranking = (RANKING.test(masked) && !rankedAmongOthers) || (MOST.test(masked) && carried) || (SITUATION.test(masked) && !hasUnits);
  const situation = SITUATION.test(masked) && hasUnits;
  const silent = SILENT.test(masked) && /哪些|哪个|哪几个|谁|单位|部门/.test(masked);
  const trend = TREND.exec(masked);
  const trending = trend !== null && (counting || CARRIED_NOUN.test(masked) || SITUATION.test(masked));
  if (!exporting && !counting && !ranking && !situation && !silent && !trending) return undefined;

  const understood = understanding.period ? [{ from: understanding.period.from, to: understanding.period.to, label: understanding.period.label }] : [];
  const periods = understanding.issue ? understood : readPeriods({ text, today });
  const unknownUnits = hasUnits ? [] : unknownUnitNames(findPeriods({ text: masked, today }).rest.replace(/第\s*[0-9一二三四五六七八九十]+\s*期/g, " ")).map((name) => {
    const resolved = options.units.resolve(name);
    return { name, suggestions: "suggestions" in resolved ? resolved.suggestions : [resolved.unit] };
  });
  const family = FAMILY_WORDS.find((entry) => entry.pattern.test(masked))?.family;
  const measure: CountQuery["measure"] = silent
    ? "silent"
    : trending
      ? "trend"
      : countWord?.[1] && !ranking
        ? "units"
        : countWord?.[2] && /期|次|回/.test(countWord[2])
          ? "issues"
          : "items";
  const trendWord = trend ? trend.slice(1).find(Boolean) ?? "" : "";
  const limit = readLimit(masked);
  return {
    intent: exporting ? "export" : ranking ? "ranking" : "count",
    measure,
    units: [...understanding.units],
    unknownUnits,
    periods,
    ...(understanding.issue ? { issue: { ...understanding.issue } } : {}),
    ...(/短讯|简讯|△|三角/.test(masked) ? { kinds: ["brief" as const] } : {}),
    ...(family ? { family } : {}),
    ...(trending ? { trendBy: trendWord.startsWith("季") ? "quarter" as const : trendWord === "年" ? "year" as const : "month" as const } : {}),
    order: /最少|最低|最后/.test(masked) ? "least" : "most",
    ...(limit ? { limit } : {}),
  };
}

/**
 * Recognises count, ranking and export questions: "区委社工部今年被采用了几条？", "2025年哪个单位上的信息
 * 最多？", "各街道报送情况排个名", "把工业路街道2025年的信息导出来". Units, issue and a single period come
 * from query understanding; several periods ("前年和今年") and two-digit years ("24年") are read here.
 * A follow-up ("那去年呢？") to a count question is a count question too.
 * @example readCountQuery({ understanding: understandQuery({ text: "区委社工部今年被采用了几条？", today, units }), today, units })
 *   // { intent: "count", measure: "items", units: ["区委社工部"], periods: [2026年], ... }
 */
export function readCountQuery(options: {
  understanding: QueryUnderstanding;
  today: string;
  units: UnitMatcher;
  previous?: QueryUnderstanding | undefined;
}): CountQuery | undefined {
  const own = readOwn(options);
  if (own) return own;
  const { understanding, previous } = options;
  if (!previous || understanding.carriedOver.length === 0) return undefined;
  const earlier = readOwn({ ...options, understanding: previous });
  if (!earlier || earlier.intent === "export") return undefined;
  const periods = readPeriods({ text: understanding.text, today: options.today });
  const carried = understanding.period ? [{ from: understanding.period.from, to: understanding.period.to, label: understanding.period.label }] : earlier.periods;
  return { ...earlier, units: [...understanding.units], unknownUnits: [], periods: periods.length > 0 ? periods : carried };
}
