import type { AnswerType } from "../query/answer-type.js";
import { apartPattern } from "../text/said-apart.js";
import { escapeRegExp } from "../text/escape-reg-exp.js";
import { valuePhrases } from "../query/carries-value.js";
import { onlyPlans, PER_YEAR_VALUE, reportsProgressOn } from "../query/figure-scope.js";
import { countsAskedThing, mentionsCounted, sharesPair } from "../query/counted-thing.js";
import { PART_CREDIT } from "../search/relevance.js";
import { maximalTerms } from "../text/maximal-terms.js";
import { resolveRelativeTimes } from "./resolve-relative-times.js";
import { splitClauses } from "./split-clauses.js";

/** What carrying a value of the asked type adds to a clause's score. */
const TYPE_BONUS = 0.5;
/** What the question's words in the very phrase of the asked figure add, at most ("校外人员74名", not "参与学生1.83万人"). */
const PHRASE_BONUS = 0.15;
/** What the asked verb in the figure's phrase adds ("签了多少户": "已签约农户2180户"). */
const VERB_BONUS = 0.15;
/** What a figure followed by the thing counted adds ("对860名独居老人" for 多少老人, not "独居老人关爱等应用场景18个"). */
const COUNTED_BONUS = 0.1;
/** What a figure said to be a total ("共接待祭扫群众4.26万人次") adds when the whole is asked ("一共来了多少人"). */
const TOTAL_BONUS = 0.1;
/** What a figure in the very measure asked adds over one in a measure staff use for it ("几轮": "4轮", not "7次"). */
const MEASURE_BONUS = 0.15;
/** What a figure said of the ones the question sets apart adds ("在托的残疾人": "在托残疾人86名", not "服务残疾人1.2万人次"). */
const QUALIFIER_BONUS = 0.1;
/** For a clause that repeats a figure the question gives ("过百万的村有几个" against "超过100万元的6个"). */
const KNOWN_BONUS = 0.3;
/** A figure's phrase that says it is a total. */
const TOTAL = /共|累计|合计|总计|总数|总量/;
/** What a year's figure ("全年组织阅读活动120余场") adds when a year's is asked ("一年办了多少场"). */
const YEAR_BONUS = 0.1;
/** What a clause opening on another year than the question asks takes off ("2025年以来…" for 前年's figure). */
const OTHER_YEAR_PENALTY = 0.4;
/** ... and what opening on the asked year adds ("2024年，全区完成造林1380亩"). */
const ASKED_YEAR_BONUS = 0.05;
/** Halves and seasons, and how a clause names them ("春防" is spring's campaign; "春节" is no season). */
const PARTS_OF_YEAR: readonly { name: string; group: string; words: RegExp }[] = [
  { name: "上半年", group: "half", words: /上半年/ },
  { name: "下半年", group: "half", words: /下半年/ },
  { name: "春季", group: "season", words: /春季|春天|开春|春防|春播|春耕/ },
  { name: "夏季", group: "season", words: /夏季|夏天|盛夏|夏防|夏收|夏粮/ },
  { name: "秋季", group: "season", words: /秋季|秋天|秋防|秋收|秋播|秋粮/ },
  { name: "冬季", group: "season", words: /冬季|冬天|入冬|冬防|冬春/ },
];
/** A clause opening on a year written out so far ("2025年以来"); "今年以来" earns no bonus anyway. */
const SINCE_YEAR = /^[^，,；;：:]{0,4}?(?:19|20)\d{2}\s*年(?:初)?以来/;
/** A year a clause opens on, as its issue means it ("今年以来" in a 2025 issue is 2025): "2024年，", "截至2024年底". */
// "区实验小学今年计划招收…": a unit's name may come before the year.
const OPENING_YEAR = /^(?:[^，,；;：:]{0,4}?|[\u4e00-\u9fff]{1,8}?(?:局|委|办|中心|站|所|队|院|馆|学校|小学|中学|幼儿园|协会|镇|街道|社区))((?:19|20)\d{2})\s*年/;
/**
 * The year a clause's figures are of, when it opens on that year alone ("2023年，…", "2023年全区…"), its issue's
 * 今年/去年 resolved; undefined when it opens on none, or on a span from a month or since a year ("2021年11月以来").
 */
export function yearOfClause(text: string, issued: string | null): number | undefined {
  const resolved = resolveRelativeTimes({ text: text.slice(0, 16), date: issued });
  const opening = OPENING_YEAR.exec(resolved);
  if (!opening) return undefined;
  // "2025年度，全区…" is the year of its figures; "2025年度个人所得税汇算于3月1日开始" names what is done, in the year.
  return /^\s*(?:[，,]|全年|全区|全镇|共|累计|度\s*(?:[，,]|全区|全镇|共|累计))/.test(resolved.slice(opening.index + opening[0].length)) ? Number(opening[1]) : undefined;
}

/** What a clause that only plans takes off when the question asks what was done ("上了几个"). */
const PLANNED_PENALTY = 0.3;
/** A clause opening on what comes next: all of it is planned, whatever its verbs ("下一步…建成…6个"). */
const LOOKS_AHEAD = /^[^，,。；;]{0,4}?(?:下一步|下步|接下来|今后|下阶段|下一阶段)/;
/** What a context word found in a clause adds to its score. */
const CONTEXT_BONUS = 0.02;

/** Words in which a verb's character is no verb: "上线" is, "6个以上" is not. */
/** "卖了多少" against "销售体育彩票1.08亿元": a spoken verb and the character reports write for it. */
// "比去年高了没" against "较去年提高0.4分": a comparison is written with 较 as often as with 比.
const WRITTEN_VERB: Readonly<Record<string, string>> = { 卖: "售", 买: "购", 种: "植", 比: "较" };

function saysVerb(phrase: string, verb: string): boolean {
  const written = WRITTEN_VERB[verb];
  return phrase.includes(verb) || (written !== undefined && phrase.includes(written));
}

const NOT_VERB_WORDS = /以上|以下|以来|以后|以前|上述|上年|上半年|下半年|上旬|下旬|之下|之上/g;
/** Characters before 多少 that are no verb: "有多少", "是多少", "要多少", and nouns of an amount ("处理量", "金额", "人数"). */
const NOT_A_VERB = /[有是要能会占达到还都共总约那这些少量额数率]/;

export interface ScoredClause {
  text: string;
  score: number;
  /** The clause carries a value of the asked type. */
  typed: boolean;
  /** What carrying it added to the score (TYPE_BONUS, PHRASE_BONUS and YEAR_BONUS). */
  typeBonus: number;
  /** Share of the question's weighted terms found in the clause or the item's headline: is it about what was asked. */
  topic: number;
  /** Its place among the item's clauses, 0 first. */
  position: number;
}

/**
 * Scores the clauses of one item against the question: weighted query terms found in the clause,
 * plus a bonus when it carries a value of the asked type (a figure of another type earns nothing).
 * Best first.
 */
export function scoreClauses(options: {
  text: string;
  /** The question's search terms: a clause's topic score is the weighted share of these it contains. */
  terms: readonly string[];
  /** Other words of the question (time words, units): a small bonus each, not part of the topic score. */
  context?: readonly string[];
  weight: (term: string) => number;
  answerType?: AnswerType | undefined;
  /** The item's headline: its words name the topic, so they say little about which clause answers. */
  title?: string;
  /** A term's thesaurus words: a clause with one of them has the term, for `weight` of it. */
  synonyms?: Synonyms | undefined;
  /** The years the question asks about (and the half or season of one), and the item's issue date that its 今年/去年 are relative to. */
  years?: { from: number; to: number; part?: string | undefined; partial?: boolean; issued: string | null } | undefined;
}): ScoredClause[] {
  const title = options.title ?? "";
  // Search-mode segmentation also yields the parts of long words (智慧城市运行中心 -> 智慧, 城市, 中心 …);
  // counting them would let one long name outweigh the rest of the question, so only maximal terms count.
  const terms = maximalTerms(options.terms);
  // Single characters say little on their own ("罚", "办"), and the headline's words little about which clause answers.
  const weightOf = (term: string) => options.weight(term) * (title.includes(term) ? 0.3 : 1) * ([...term].length === 1 ? 0.3 : 1);
  const total = terms.reduce((sum, term) => sum + weightOf(term), 0) || 1;
  const plainWeight = (term: string) => options.weight(term) * ([...term].length === 1 ? 0.3 : 1);
  const plainTotal = terms.reduce((sum, term) => sum + plainWeight(term), 0) || 1;
  const has = termFinder(options.synonyms);
  // The figures the question gives ("超过100万的村"), as written in a clause; one in the headline names the item or
  // its campaign ("12345", "119") and picks no clause.
  const knownFigures = (options.answerType?.known ?? []).filter((figure) => !title.includes(figure)).map((figure) => new RegExp(`(?<![\\d.])${escapeRegExp(figure)}`));
  const measure = options.answerType?.kind === "count" || options.answerType?.kind === "number" ? options.answerType.measure : undefined;
  const measureAsked = measure ? new RegExp(`\\d[\\d.]*\\s*(?:万|亿)?\\s*(?:余|多)?\\s*${escapeRegExp(measure)}`)
    // "队员人数": a figure in 人 or 名 counts the people; one in 人次 counts their turns, which "多少人次" asks.
    : options.answerType?.headcount ? /\d[\d.]*\s*(?:万)?\s*(?:余|多)?\s*(?:人(?!次)|名|位)/
    : options.answerType?.turns ? /\d[\d.]*\s*(?:万)?\s*(?:余|多)?\s*人次/ : undefined;
  const partsOf = new Map(terms.map((term) => [term, options.terms.filter((other) => other !== term && term.includes(other))] as const));
  const partsIn = (text: string, term: string) => {
    const parts = partsOf.get(term) ?? [];
    return parts.length === 0 ? 0 : PART_CREDIT * (parts.filter((part) => text.includes(part)).length / parts.length);
  };
  const clauses = splitClauses(options.text);
  // "…筹集保障性租赁住房650套。今年计划筹集500套": a count in the measure asked, of the thing the clause before named.
  const type = options.answerType;
  const ofNamedBefore = type?.kind === "count" && type.counted !== undefined ? { ...type, counted: undefined } : undefined;
  const namedBefore = (index: number) => ofNamedBefore !== undefined && index > 0 && mentionsCounted(clauses[index - 1]!, type!.counted!, type!);
  return clauses
    .map((text, index) => {
      let score = 0;
      // "今年计划完成改造720户。截至11月18日，已完成改造596户": progress on the plan before is about what it named.
      const about = index > 0 && reportsProgressOn(clauses[index - 1]!, text) ? `${clauses[index - 1]}${text}` : text;
      for (const term of terms) score += weightOf(term) * has(about, term);
      score /= total;
      for (const term of options.context ?? []) if (term.length > 1 && text.includes(term)) score += CONTEXT_BONUS;
      const own = options.answerType ? valuePhrases(text, options.answerType) : [];
      const phrases = own.length === 0 && namedBefore(index) ? valuePhrases(text, ofNamedBefore!) : own;
      const typed = phrases.length > 0;
      // The words next to the figure say what it counts.
      // A word not found whole counts through its parts here ("非遗代表性项目达47项" for 非遗项目).
      const nearFigure = Math.max(0, ...phrases.map((phrase) => terms.reduce((sum, term) => sum + plainWeight(term) * Math.max(has(phrase, term), partsIn(phrase, term)), 0) / plainTotal));
      // The headline says what the whole item is about, so its words count for every clause here.
      let topic = 0;
      for (const term of terms) topic += plainWeight(term) * Math.max(has(text, term), has(title, term));
      topic /= plainTotal;
      const yearly = typed && options.answerType?.perYear === true && PER_YEAR_VALUE.test(text);
      const verb = options.answerType?.verb;
      const verbNear = verb !== undefined && !NOT_A_VERB.test(verb) && phrases.some((phrase) => saysVerb(phrase.replace(NOT_VERB_WORDS, ""), verb));
      const counted = options.answerType?.counted;
      const countsIt = counted !== undefined && phrases.some((phrase) => countsAskedThing(phrase, counted));
      const totalAsked = options.answerType?.whole === true && phrases.some((phrase) => TOTAL.test(phrase));
      const inMeasure = measureAsked !== undefined && phrases.some((phrase) => measureAsked.test(phrase));
      const qualified = options.answerType?.qualifier !== undefined && phrases.some((phrase) => sharesPair(phrase, options.answerType!.qualifier!));
      // The figure the question gives says which of several thresholds or groups the clause is about.
      const repeatsKnown = knownFigures.some((figure) => figure.test(text));
      const typeBonus = typed ? TYPE_BONUS + PHRASE_BONUS * nearFigure + (yearly ? YEAR_BONUS : 0) + (verbNear ? VERB_BONUS : 0) + (countsIt ? COUNTED_BONUS : 0) + (totalAsked ? TOTAL_BONUS : 0) + (repeatsKnown ? KNOWN_BONUS : 0) + (inMeasure ? MEASURE_BONUS : 0) + (qualified ? QUALIFIER_BONUS : 0) : 0;
      score += typeBonus;
      // A slight preference for earlier clauses: bulletins put the gist first.
      score -= index * 0.002;
      if (options.years) score += yearScore(text, options.years);
      // "一网统管上了几个场景": "下一步…新增应用场景6个以上" plans; "上线…应用场景18个" was done.
      if (typed && options.answerType?.done && (LOOKS_AHEAD.test(text) || onlyPlans(text))) score -= PLANNED_PENALTY;
      return { text, score, typed, typeBonus, topic, position: index };
    })
    .sort((left, right) => right.score - left.score);
}

/** What the year a clause opens on adds: a little for an asked year, a penalty for another, nothing for none. */
function yearScore(text: string, years: { from: number; to: number; part?: string | undefined; partial?: boolean; issued: string | null }): number {
  // "下半年征兵招了几个人" against "加上上半年入伍的42名新兵", "秋季免疫了多少头猪" against "春防期间…":
  // the clause is about another part of the year.
  const asked = PARTS_OF_YEAR.find((part) => part.name === years.part);
  if (asked && !asked.words.test(text) && PARTS_OF_YEAR.some((part) => part !== asked && part.group === asked.group && part.words.test(text))) return -OTHER_YEAR_PENALTY;
  const opening = OPENING_YEAR.exec(resolveRelativeTimes({ text: text.slice(0, 12), date: years.issued }));
  if (!opening) return namedYearsScore(resolveRelativeTimes({ text, date: years.issued }), years);
  const year = Number(opening[1]);
  if (year < years.from || year > years.to) return -OTHER_YEAR_PENALTY;
  // "6、7月份" against "今年以来，…累计7次": the year so far is more than the months asked.
  // "今年中招…" in the asked year's issue opens on that year as every clause of it does: it says nothing more.
  if (!OPENING_YEAR.test(text.slice(0, 12))) return 0;
  return years.partial && SINCE_YEAR.test(text.slice(0, 12)) ? 0 : ASKED_YEAR_BONUS;
}

/**
 * A year a clause names inside it, not as the base of a comparison ("较2020年提高") nor in a date
 * ("2021年9月1日至2022年2月28日出生的幼儿" says who, not when).
 */
const NAMED_YEAR = /(?<!较|比|与|同|于)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)/g;
/** What years named inside a clause add: "21年…水平是多少" against a 2022 issue's "开展2022年…监测" and "2021年…水平为24.6%". */
const OTHER_NAMED_YEAR_PENALTY = 0.2;

function namedYearsScore(text: string, years: { from: number; to: number }): number {
  const named = [...text.matchAll(NAMED_YEAR)].map((match) => Number(match[1]));
  if (named.length === 0) return 0;
  if (named.some((year) => year >= years.from && year <= years.to)) return ASKED_YEAR_BONUS;
  return -OTHER_NAMED_YEAR_PENALTY;
}

/**
 * Weighted share of the question's words (maximal terms, single characters counting little) in a
 * whole item: how much the item is about what was asked, wherever its figures are.
 */
export function topicShare(options: { text: string; terms: readonly string[]; weight: (term: string) => number; synonyms?: Synonyms | undefined }): number {
  const terms = maximalTerms(options.terms);
  const weightOf = (term: string) => options.weight(term) * ([...term].length === 1 ? 0.3 : 1);
  const total = terms.reduce((sum, term) => sum + weightOf(term), 0);
  if (total === 0) return 0;
  const has = termFinder(options.synonyms);
  return terms.reduce((sum, term) => sum + weightOf(term) * has(options.text, term), 0) / total;
}

/** The thesaurus words searched for each query term, and what a match by one of them counts for. */
export interface Synonyms {
  of: Readonly<Record<string, readonly string[]>>;
  weight: number;
}

/** How bulletins write an average, for the question's words of it. */
/** Parts of a year and the span of months reports write for them ("1—3月" for 一季度). */
const monthSpan = (first: number, last: number) => new RegExp(`(?<!\\d)${first}\\s*[-—–~～至到]\\s*${last}\\s*月`);
const MONTHS_OF_PART: Readonly<Record<string, RegExp>> = {
  一季度: monthSpan(1, 3), 第一季度: monthSpan(1, 3), 二季度: monthSpan(4, 6), 三季度: monthSpan(7, 9), 四季度: monthSpan(10, 12),
  上半年: monthSpan(1, 6), 下半年: monthSpan(7, 12), 前三季度: monthSpan(1, 9),
};

const AVERAGE_WORDS: Readonly<Record<string, RegExp>> = {
  平均: /[日月年人户周]均/,
  一天: /日均/,
  每天: /日均/,
  一个月: /月均/,
  每月: /月均/,
  每人: /人均/,
  每户: /户均/,
};

/**
 * 1 when the text has the term, the synonym weight when it has one of the term's thesaurus words, else 0.
 * Search terms are lower case ("aed"); the text keeps its own ("AED").
 */
/** What a word said with a modifier inside it counts for. */
const APART_CREDIT = 0.8;

function termFinder(synonyms: Synonyms | undefined): (text: string, term: string) => number {
  // Each term's pattern is built once per scoring, not once per clause.
  const apart = new Map<string, RegExp | undefined>();
  const apartOf = (term: string) => (apart.has(term) ? apart.get(term) : apart.set(term, apartPattern(term)).get(term));
  return (text, term) => {
    // "来了多少人": the 来 of "3月以来" is no coming; a one-character verb is not looked for inside such words.
    const searched = [...term].length === 1 ? text.replace(NOT_VERB_WORDS, " ") : text;
    if (searched.includes(term) || (/[a-z]/.test(term) && searched.toLowerCase().includes(term))) return 1;
    // "一天平均来多少人" against "日均接待545人次": an average is written 日均, 月均, 人均 …
    const average = AVERAGE_WORDS[term];
    if (average && average.test(text)) return 1;
    // "一季度抽检了多少批" against "1—3月，…完成食品安全监督抽检680批次": a part of the year is written as its months.
    const months = MONTHS_OF_PART[term];
    if (months && months.test(text)) return 1;
    if (synonyms?.of[term]?.some((word) => text.includes(word))) return synonyms.weight;
    // "成交额" in "成交金额": the word with a modifier inside counts as a thesaurus word would.
    return apartOf(term)?.test(text) ? APART_CREDIT : 0;
  };
}
