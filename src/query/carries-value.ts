import { escapeRegExp } from "../text/escape-reg-exp.js";
import { COUNTING_MEASURES, NUMBER, normalizeFigure, type AnswerType } from "./answer-type.js";
import { answersScope, figureAt, PLANNED } from "./figure-scope.js";
import { namesSubset } from "./asked-subset.js";
import { carriesName } from "./named-value.js";
import { MEASURES } from "./measure-words.js";
import { countsAskedThing, countsOtherThing, mentionsCounted, sharesPair } from "./counted-thing.js";

/**
 * Whether a passage gives the value a question asks for (see answer-type.ts for what is asked):
 * of the asked kind, of the thing asked, and for the scope asked. A figure of another kind, of
 * another thing or for another span is not an answer: a wrong figure is worse than none.
 */

// Bulletins write money in 元; "招牌210块" counts signboards.
const MONEY_VALUE = new RegExp(`${NUMBER}\\s*元|${NUMBER}\\s*万元|${NUMBER}\\s*亿元`, "g");
// A share is also a fraction ("三分之一"), a ratio ("1:8") or a figure said as one ("按1名教师带20名学生的比例").
const PERCENT_VALUE = /\d[\d.]*\s*%|百分之[零一二三四五六七八九十百\d.]+|\d[\d.]*\s*个百分点|[一二三四五六七八九]成|[一二三四五六七八九十\d]+\s*分之\s*[一二三四五六七八九十\d]+|\d[\d.]*\s*[:：]\s*\d[\d.]*|\d[^，,；;。]{0,14}的比例/g;
/** "6点至11点", "8:30", "下午3时": a time of day. */
const CLOCK_VALUE = /\d{1,2}\s*[:：]\s*\d{2}(?!\s*\d)|\d{1,2}\s*[点时](?:\s*\d{1,2}\s*分|半)?/;
const DATE_VALUE = /每月\s*\d{1,2}\s*[日号]|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月(?:底|初|中旬|上旬|下旬)|\d{4}\s*年(?:底|初|前)?/;
const DURATION_VALUE = new RegExp(`${NUMBER}\\s*(?:个)?(?:(?:工作|自然)?(?:天|日)|个月|月|年|小时|周|分钟|分(?=\\s*\\d+\\s*秒)|秒)`, "g");
/** "11月4日" is a date, not a duration of 4 days; "2020年至2021年" are years, not a span of 2020 years. */
const DAY_OF_MONTH = /\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}\s*年\s*\d{1,2}\s*月|(?<!\d)(?:19|20)\d{2}\s*年/g;
const PEOPLE_VALUE = new RegExp(`${NUMBER}\\s*(?:人次|人|名|位)`, "g");
const HOUSEHOLD_VALUE = new RegExp(`${NUMBER}\\s*户(?!次)`, "g");
const ANY_FIGURE = new RegExp(NUMBER, "g");
const YEAR = /(?<!\d)(?:19|20)\d{2}\s*年/g;
/** A day, a month or a time of day: "6月26日至28日", "7月", "10时33分". */
const WHEN = /\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*[日号]|\d{1,2}\s*时(?:\s*\d{1,2}\s*分)?/g;
const PER_UNIT_VALUE = /每|\/|人均|平均|[日月年户亩]均|单价|元\s*[／/]|一(?:亩|斤|人|户|个月|月|年|天)/;
const ENUMERATION = /[\u4e00-\u9fff“”]{2,}、[\u4e00-\u9fff“”]{2,}/;

// Measure words that count the same things: "多少本书" is answered by "1500余册", "多少家个体户" by "62户",
// "几条冲锋舟" by "20艘", "几部电梯" by "6台", "多少张传单" by "1800余份", "办了几单" by "126件".
const EQUIVALENT_MEASURES = [
  ["本", "册"], ["起", "件"], ["批", "批次"], ["场", "次", "场次", "趟", "遍", "轮"], ["棵", "株", "颗"], ["栋", "幢"], ["辆", "台", "部"],
  ["家", "户"], ["艘", "条", "只"], ["张", "份"], ["枚", "发", "颗"], ["单", "件", "笔", "宗"], ["通", "个", "次"],
  ["℃", "摄氏度", "度"],
  ["平方米", "万平方米", "平米", "亩", "公顷"], ["公里", "千米", "米"], ["吨", "公斤", "斤", "千克"],
];
/** Kinds whose value is a figure, said in one phrase of a clause. */
const FIGURE_KINDS = new Set(["money", "percent", "duration", "people", "count", "number"]);
/** The phrases of a clause: a figure is said of what its own phrase, or the one before, names. */
const PHRASE_BREAK = /[，,；;：:]/;
/** A topic shorter than this is too common a word to tie a figure to. */
const FOCUS_MINIMUM = 4;
/** "其中铝精深加工产业园项目投资4.5亿元": a phrase singling out another thing. */
const OTHER_THING = /其中|[\u4e00-\u9fff]{2,}(?:项目|工程|中心|产业园|基地|公司)/;
/** "为单笔最大金额", "居全市第一": a phrase ranking the figure just before it ("为47户…" is whom it was for). */
const DESCRIBES_BEFORE = /^(?:为|系|居|位居|位列)[^，。；]{0,10}(?:最|第[一二三]|之首|首位|新高)/;
/** "同比增长8.2%", "较2023年减少12件", "与去年持平": a figure said against an earlier one. */
const CHANGE_STATED = /同比|环比|[较比](?:去年|上年|上一年|往年|同期|上月|年初|(?:19|20)\d{2}\s*年)|与(?:去年|上年|(?:19|20)\d{2}\s*年)(?:同期)?(?:相比|持平)|(?:增长|下降|提高|降低|减少|增加|上升|回落|增幅|降幅)(?:了)?\s*\d|持平|翻番|翻了/;
/** "其中…": what follows is said of a part, not of the thing named before. */
const PART_OF_MANY = /其中/;

/** Words for the same pay staff use one for another: "要回多少工钱" is answered by "追发工资2370万元". */
const SAME_SUBJECT = [["租金", "房租", "租赁费"], ["工资", "工钱", "薪水", "薪资", "薪酬", "报酬", "劳务费", "挣", "赚", "收入", "薪", "月薪", "年薪", "底薪"], ["门票", "票价", "票", "车票"], ["造价", "投资", "总投资"], ["收", "自付", "缴", "付费", "交费", "支付", "定价", "售价", "票价"], ["补贴", "津贴", "补助"], ["交易额", "成交额", "成交金额", "交易金额"]];

/** The clause names what the value is of: the word, its last two characters, or a word for the same. */
function namesSubject(clause: string, subject: string, synonyms: readonly string[] = []): boolean {
  // "就业（升学）率": a word with an aside in brackets names the word read through them.
  const text = clause.replace(/[（(]([^（()）]{1,6})[）)]/g, "$1");
  if (text.includes(subject) || (subject.length > 2 && text.includes(subject.slice(-2)))) return true;
  // "成交额" in "成交金额": the name with a word inside it.
  if (subject.length === 3 && new RegExp(`${escapeRegExp(subject.slice(0, 2))}[\u4e00-\u9fff]{1,2}${escapeRegExp(subject[2]!)}`).test(text)) return true;
  if (subject.endsWith("率") && namesRate(text, subject)) return true;
  return [...(SAME_SUBJECT.find((group) => group.includes(subject)) ?? []), ...synonyms].some((word) => text.includes(word));
}

/**
 * A rate is named by its stem before the figure ("完成率" by "已检验438台，完成97.3%"), and through one mistyped
 * character inside a longer name ("规范管里率" for "规范管理率").
 */
function namesRate(text: string, subject: string): boolean {
  const stem = subject.slice(-3, -1);
  if (stem.length === 2 && new RegExp(`${escapeRegExp(stem)}\\s*(?:了|达|为)?\\s*\\d[\\d.]*\\s*%`).test(text)) return true;
  if (subject.length < 4) return false;
  for (let index = 1; index < subject.length - 1; index++) {
    if (new RegExp(`${escapeRegExp(subject.slice(0, index))}[\u4e00-\u9fff]${escapeRegExp(subject.slice(index + 1))}`).test(text)) return true;
  }
  return false;
}

function equivalentMeasures(type: Pick<AnswerType, "measure" | "counted" | "thing">): string[] {
  const measure = type.measure ?? "";
  // "多少颗树": 颗 is written for 棵 as often as it counts shells (枚, 发); a measure may stand in two groups.
  const groups = EQUIVALENT_MEASURES.filter((candidate) => candidate.includes(measure));
  const group = groups.length > 0 ? [...new Set(groups.flat())] : [measure];
  // "长者食堂开了几家" against "已建成“长者食堂”6个": reports count places in 个 as well; "多少家企业" is in 家.
  return measure === "家" && type.counted === undefined && type.thing === undefined ? [...group, "个"] : group;
}

/**
 * True when `text` (a clause) carries a value of the asked kind: an amount of money, a percentage,
 * a date, a duration, a count of people, a count in the asked measure, a proper name, an enumeration.
 * A figure must also be new to the asker, for the asked scope (the whole, the stock, one month),
 * and said of the question's topic where the clause names it.
 */
export function carriesValue(text: string, type: AnswerType): boolean {
  return valuePhrases(text, type).length > 0;
}

/**
 * The phrases of `text` that give the asked value (the whole clause for dates, names and lists):
 * where the figure is, the words around it say what it is of.
 */
export function valuePhrases(text: string, type: AnswerType): string[] {
  // "岗位工资多少" is not answered by a training subsidy, nor "利率" by a 办结率.
  if (type.subject && !namesSubject(text, type.subject, type.synonyms?.[type.subject])) return [];
  if (type.perUnit && !PER_UNIT_VALUE.test(text)) return [];
  if (type.cap && !CAP_STATED.test(text)) return [];
  // "今年120在城区的平均反应时间多少 不算峡窝那块" against "在城区和峡窝镇增设…，平均反应时间10.6分钟": the part is
  // counted in, or split out beside the whole ("其中峡窝镇区域…14.6分钟"); what is left is not given.
  if (type.without && text.includes(type.without)) return [];
  // "备案里头跨省的有多少": only a clause that names the part splits it out of the whole.
  if (type.subset && !namesSubset(text, type.subset, type.synonyms)) return [];
  // "二等奖评了几个队" against "评出一等奖3个": another grade's figure.
  // "D 级" in a PDF's text is the same grade.
  if (type.grade && !text.replace(/\s+/g, "").includes(type.grade)) return [];
  if ((type.kind === "count" || type.kind === "number") && type.counted !== undefined && !mentionsCounted(text, type.counted, type)) return [];
  // "初一和高一各计划筛多少人": each group named with a figure of its own ("初一新生1980名、高一新生1860名").
  if (type.each && !type.each.every((group) => new RegExp(`${escapeRegExp(group)}[^，。；;,、]{0,8}?\\d`).test(text))) return [];
  if (!FIGURE_KINDS.has(type.kind)) return carriesOtherValue(text, type) ? [text] : [];
  const known = new Set(type.known ?? []);
  // "920人里头高校毕业生有多少": the part is stated where the whole is ("达成意向920人，其中高校毕业生…").
  if (type.withinKnown && knownMeasures(text, known).length === 0) return [];
  const listed = type.focus ? oneListedThingAt(text, type.focus) : -1;
  const phrases = text.split(PHRASE_BREAK);
  const focus = focusPhrases(phrases, type.focus);
  // "那7.3亿专项债，老旧小区改造分到多少": a part of a given figure is in its measure (亿元), not any number.
  const measures = type.kind === "number" && type.partOfKnown ? knownMeasures(text, known) : [];
  // Where each phrase starts in the clause (one break character between phrases).
  const starts: number[] = [];
  let at = 0;
  for (const phrase of phrases) {
    starts.push(at);
    at += phrase.length + 1;
  }
  // The clause names the asked thing only in a list: only the list's own phrase, before the list, can hold a figure of it.
  const before = (phrase: string, index: number) => {
    if (listed < 0) return phrase;
    const start = starts[index]!;
    return listed >= start && listed <= start + phrase.length ? phrase.slice(0, listed - start) : "";
  };
  let answering = phrases.filter((phrase, index) => {
    const earlier = text.slice(0, starts[index]);
    // "共申报作品1264件" for 多少件作品: a phrase naming what it counts next to the figure says what it is of.
    return figuresIn(before(phrase, index), type, known, measures).some((figure) => answersScope(phrase, figure, type, earlier, phrases[index + 1] ?? "")) && (saidOfFocus(phrases, index, focus) || namesCounted(phrase, type));
  });
  // "成交额涨没涨": only a figure said against an earlier one settles whether it changed.
  if (type.change) answering = answering.filter((phrase) => CHANGE_STATED.test(phrase));
  // "那两个项目 各自能新增多少耕地": one figure is a total, not one for each.
  const ofCounted = type.counted ? answering.filter((phrase) => sharesPair(phrase, type.counted!)) : answering;
  return type.eachOf && ofCounted.flatMap((phrase) => figuresIn(phrase, type, known, measures)).length < 2 ? [] : answering;
}

/** "侧柏、国槐、石楠等": a run of listed things closed by 等 (the first one's extent is not marked). */
const LISTED_THINGS = /[\u4e00-\u9fff“”]+(?:、[\u4e00-\u9fff“”]+)+等/g;

/** "像非遗传承人、退休老师那种", "诈骗等", "助餐啥的": the question gives the thing as an example of the whole. */
const EXAMPLE_BEFORE = /(?:像|比如|例如|包括|如|、)[\u4e00-\u9fff]{0,4}$/;
const EXAMPLE_AFTER = /^[\u4e00-\u9fff\s]{0,8}?(?:那种|这种|那类|这类|之类|这些|那些|等|啥的|什么的|、)/;

/**
 * "22年种了多少棵国槐" against "栽植侧柏、国槐、石楠等苗木9.6万株": the question names one thing of a
 * list closed by 等, and the clause says nothing of it outside the list, so the figures from the list
 * on count the whole list. Returns where the list starts, or -1. Naming two of the things ("助餐、陪读
 * 这些服务") or giving one as an example ("诈骗等案件", "像非遗传承人那种") asks for the whole.
 */
function oneListedThingAt(clause: string, focus: string): number {
  for (const match of clause.matchAll(LISTED_THINGS)) {
    const [run = "", ...rest] = match[0].slice(0, -1).replace(/[“”]/g, "").split("、");
    // The first thing runs into the words before it ("开展助餐"): it is as long as the others, give or take one.
    const shortest = Math.max(2, Math.min(...rest.map((thing) => thing.length)) - 1);
    const longest = Math.min(run.length, Math.max(...rest.map((thing) => thing.length)) + 1);
    const first = range(shortest, longest).map((length) => run.slice(-length)).find((thing) => focus.includes(thing));
    const exact = [...(first ? [first] : []), ...rest.filter((thing) => thing.length > 1 && focus.includes(thing))];
    // "工资补偿" names both of "追回工资、经济补偿等": beside a thing named whole, another is named by its last two characters.
    const named = exact.length === 1 ? [...exact, ...rest.filter((thing) => thing.length > 2 && !exact.includes(thing) && focus.includes(thing.slice(-2)))] : exact;
    if (named.length !== 1) continue;
    const thing = named[0]!;
    const at = focus.indexOf(thing);
    if (EXAMPLE_BEFORE.test(focus.slice(0, at)) || EXAMPLE_AFTER.test(focus.slice(at + thing.length))) continue;
    const start = match.index ?? 0;
    const outside = clause.slice(0, start) + clause.slice(start + match[0].length);
    if (!outside.includes(thing)) return start + run.length - shortest;
  }
  return -1;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
}

/** "7.3 亿元" -> "7.3亿": a figure as the question would give it. */
function figureKey(figure: string): string {
  return normalizeFigure(/\d[\d,.\s]*(?:万|亿|千)?/.exec(figure)?.[0] ?? figure);
}


/** The figures of the asked kind in one phrase that the question did not give itself. */
function figuresIn(written: string, type: AnswerType, known: ReadonlySet<string>, measures: readonly string[]): string[] {
  // "第23个全民国防教育日", "第2届": an ordinal says which one, not how many.
  const phrase = written.replace(ORDINAL, " ");
  const found = (() => {
    switch (type.kind) {
      case "money": return phrase.match(MONEY_VALUE) ?? [];
      case "percent": return phrase.match(PERCENT_VALUE) ?? [];
      case "duration": return phrase.replace(DAY_OF_MONTH, " ").match(DURATION_VALUE) ?? [];
      // "培训了多少位老师": people counted once each; "参训教师860人次" counts their turns.
      case "people": return [...(phrase.match(PEOPLE_VALUE) ?? []).filter((figure) => !(type.eachOnce && figure.endsWith("人次"))), ...(type.households ? phrase.match(HOUSEHOLD_VALUE) ?? [] : [])];
      case "count": return [
        ...(phrase.match(new RegExp(`${NUMBER}\\s*(?:[个]\\s*)?(?:${equivalentMeasures(type).map(escapeRegExp).join("|")})(?!钟)`, "g")) ?? []),
        ...(type.thing ? countsOfThing(phrase, type.thing) : []),
      ];
      // "2025年", "6月26日", "10时33分" are when, not how many.
      // "多少诉求" counts things: "10分钟内派单" and "增长6.3%" are how long and how much more, not how many.
      default: {
        const when = phrase.replace(YEAR, " ").replace(WHEN, " ");
        // "健康素养水平是多少" asks a level, which a share gives ("水平为24.6%"); it counts nothing.
        const counts = type.counted !== undefined && !LEVEL_THING.test(type.counted);
        return (counts ? when.replace(DAY_OF_MONTH, " ").replace(DURATION_VALUE, " ").replace(PERCENT_VALUE, " ") : when).match(ANY_FIGURE) ?? [];
      }
    }
  })();
  return found.filter((figure) => !known.has(figureKey(figure)) &&
    (measures.length === 0 || measures.some((measure) => new RegExp(`^${escapeRegExp(figure.trim())}\\s*${escapeRegExp(measure)}`).test(phrase.slice(figureAt(phrase, figure))))));
}

const ORDINAL = /第\s*\d[\d,.]*/g;
/** A limit stated: "最高可贷30万元", "不超过5万元", "上限", "封顶", or what can be done ("高峰日可加开班次60班"). */
const CAP_STATED = /最高|最多|不超过|不高于|上限|封顶|至多|限额|可[\u4e00-\u9fff]{0,4}\s*\d/;
/** A thing asked that is a level, not a count. */
const LEVEL_THING = /(?:水平|指数|比重|度)$/;

const ANY_COUNTING = new RegExp(`(${NUMBER})\\s*(?:${[...COUNTING_MEASURES].sort((left, right) => right.length - left.length).join("|")})`, "g");

/** "发布雷电、大风预警信号 6 次" for "多少条预警": a figure in another counting word right after the thing named. */
function countsOfThing(phrase: string, thing: string): string[] {
  return [...phrase.matchAll(ANY_COUNTING)].filter((match) => phrase.slice(Math.max(0, (match.index ?? 0) - 6), match.index).includes(thing)).map((match) => match[0]);
}

const FIGURE_WITH_MEASURE = new RegExp(`(${NUMBER})\\s*(${MEASURES}|人次|人|名|位|%)`, "g");

/** The measures the question's own figures have in the clause ("7.3亿元" -> 亿元 and 元). */
function knownMeasures(clause: string, known: ReadonlySet<string>): string[] {
  const measures = new Set<string>();
  for (const match of clause.matchAll(FIGURE_WITH_MEASURE)) {
    if (known.has(figureKey(match[1] ?? ""))) measures.add((match[2] ?? "").slice(-1));
  }
  return [...measures];
}


/**
 * The phrases naming the question's topic: the longest run of its words (four characters or more)
 * found in the clause. None when the clause does not name it that closely.
 */
function focusPhrases(phrases: readonly string[], focus: string | undefined): { at: number[]; name: string; words: string } {
  if (!focus) return { at: [], name: "", words: "" };
  const clause = phrases.join("，");
  let longest = "";
  // Of runs as long as each other, the one said last: "红色资源普查 顺带整理的口述史料有几篇" asks of 口述史料.
  for (const words of focus.split(/\s+/)) {
    for (let start = 0; start + Math.max(FOCUS_MINIMUM, longest.length) <= words.length; start += 1) {
      for (let end = start + Math.max(FOCUS_MINIMUM, longest.length); end <= words.length && clause.includes(words.slice(start, end)); end += 1) longest = words.slice(start, end);
    }
  }
  if (longest.length < FOCUS_MINIMUM) return { at: [], name: "", words: focus };
  // "数电发票开" (a verb of the question glued on) matched in "数电发票开票户数": "数电发票" names it too.
  const stem = longest.length > FOCUS_MINIMUM ? longest.slice(0, -1) : longest;
  return { at: phrases.flatMap((phrase, index) => (phrase.includes(stem) ? [index] : [])), name: longest, words: focus };
}

/**
 * "智能仓储物流中心…均已完成立项备案" after "其中铝精深加工产业园项目投资4.5亿元": a figure is said of the
 * topic in the phrase naming it or in a later one (unless "其中" singles out a part on the way), or in
 * the phrase just before it unless that one names another thing.
 */
function saidOfFocus(phrases: readonly string[], index: number, focus: { at: readonly number[]; name: string; words: string }): boolean {
  const { at } = focus;
  if (at.length === 0 || at.includes(index)) return true;
  const before = at.filter((position) => position < index).at(-1);
  // "…公务用车212辆，其中新能源汽车87辆，占比41.0%": a part singled out by 其中 is the answer when the question names it too.
  const rest = focus.words.replace(focus.name, " ");
  if (before !== undefined && !phrases.slice(before + 1, index + 1).some((phrase) => PART_OF_MANY.test(phrase) && !sharesPair(phrase.slice(phrase.search(PART_OF_MANY)), rest))) return true;
  // "…获得意向授信3000万元，为单笔最大金额": the phrase after says what the figure is.
  if (at.includes(index + 1) && DESCRIBES_BEFORE.test(phrases[index + 1]!.trim())) return true;
  // "向529户农户发放一次性补贴…，发放耕地地力保护补贴382.6万元": the phrase before names another 补贴.
  const phrase = phrases[index] ?? "";
  return at.includes(index + 1) && !OTHER_THING.test(phrase) && !phrase.includes(focus.name.slice(-2)) && !countsOtherThing(phrase, focus.name);
}

/** The phrase counts exactly what the question counts, next to its figure. */
function namesCounted(phrase: string, type: AnswerType): boolean {
  const counted = type.counted ?? type.thing;
  return counted !== undefined && [...counted].length >= 2 && countsAskedThing(phrase, counted);
}

/** The text of the phrase `at` is in, up to `at`. */
function phraseBefore(text: string, at: number): string {
  return text.slice(0, at).split(PHRASE_BREAK).at(-1) ?? "";
}

/** "截至7月27日": the day a count is made up to. */
const AS_OF = /(?:截至|截止)(?:到)?\s*(?:\d{4}\s*年\s*)?$/;

/** An end ("办到几号结束") is said by the day a thing runs to ("持续至6月26日"). */
const END_ASKED = /^(?:结束|截止|闭幕|收官|完)$/;
const END_SAID = /[至到止]\s*\d|结束|闭幕|截止/;

/** The clause says what happened on the date: a character of its verb, or an end for an end. */
function saysHappened(text: string, happened: string): boolean {
  if (END_ASKED.test(happened)) return END_SAID.test(text);
  return [...happened].some((character) => !/[是有在了的]/.test(character) && text.includes(character));
}

function carriesOtherValue(text: string, type: AnswerType): boolean {
  switch (type.kind) {
    // "最后是哪天颁的": a date something was only planned for ("计划6月下旬集中颁发") is not when it happened.
    // "线上登记哪天开通的": a date of something else ("5月6日至6月30日集中登记") is no answer.
    // "剩下的2处啥时候能完工": "截至7月27日已完成10处" dates a count, not when anything happens.
    case "date": {
      if (type.happened && !saysHappened(text, type.happened)) return false;
      // "2026年，区城市管理局…": the year a clause opens on is its time frame, not when it happened.
      const dates = [...text.matchAll(new RegExp(DATE_VALUE, "g"))].filter((match) => !(type.happened && (AS_OF.test(phraseBefore(text, match.index)) || (match.index === 0 && /^\d{4}\s*年\s*[，,]/.test(text)))));
      return type.actual ? dates.some((match) => !PLANNED.test(phraseBefore(text, match.index))) : dates.length > 0;
    }
    case "time": return CLOCK_VALUE.test(text);
    case "list": return ENUMERATION.test(text) && (type.measure === undefined || new RegExp(`${escapeRegExp(type.measure)}、|、[^，。；]{0,12}${escapeRegExp(type.measure)}`).test(text));
    case "name": return carriesName(text, type);
    default: return false;
  }
}
