import type { AnswerType } from "./asked-value.js";
import { MEASURES, PEOPLE_MEASURES } from "./measure-words.js";

/**
 * Whether a question asks yes or no, and what it claims: that something happened, that all of it is
 * done, or a value ("六一当天", "破400", "半夜12点") the passage must give.
 */

/** "暖气费涨没涨", "车票涨价没有": whether a price or fee rose (a yes/no question, no figure asked). */
const PRICE_CHANGE_FORM = /(?:涨价|提价|调价|涨|上调|上浮)(?:了)?(?:没有?|吗|么|不)[？?]?\s*$|涨没涨|涨不涨|调没调|是不是涨/;
/** What a price is called: "成交额涨没涨" asks about an amount done, not a price. */
const PRICE_NAMED = /价|费|票|收费|标准|工资|薪|租金|房租|养老金/;

/** "暖气费涨没涨", "车票涨价没有": whether a price or fee rose, which "按原标准执行" settles without a figure. */
export function asksPriceChange(question: string): boolean {
  return PRICE_CHANGE_FORM.test(question) && PRICE_NAMED.test(question);
}

// "上不上班", "开没开": a verb, 不/没, the same verb.
const YES_NO = /是不是|有没有|是否|有无|(?:[吗没不]|没有)[？?]?\s*$|对不对|能不能|可不可以|([\u4e00-\u9fff])[不没]\1/;
/** "比23年多了吧？": 吧 asks to have a comparison confirmed. */
const CONFIRMING = /吧[？?]?\s*$/;

/** "公安是不是搞过交通违法记分清零": answered yes only by a passage about exactly that. */
export function isYesNoQuestion(question: string): boolean {
  return YES_NO.test(question);
}

/** What a yes/no question asks to confirm. */
export interface YesNoClaim {
  /** "有没有…", "办过…没": whether something happened at all; a passage about it answers "有". */
  existence: boolean;
  /** "整改完了没", "修好了吗": whether all of it is done; a passage that counts some of it done does not say so. */
  completion: boolean;
  /** The value it checks ("六一当天", "破400"): a passage with a value of this type answers, whatever the value. */
  value?: { words: string[]; type: AnswerType };
}

const EXISTENCE = /有没有|有无|(?:过|了)?没(?:有)?[？?]?\s*$|吗[？?]?\s*$/;
// "能弄完不" asks about a deadline ahead, not whether it is done.
// "都接进省里系统了吗": 都…了 asks whether all of them are.
const COMPLETION = /(?<![能会])(?:完|好|完成|完工|竣工|结束|到位|办结|清零)了?(?:没有?|吗|么)[？?]?\s*$|都[^，,。？?\s]{1,12}?了(?:没有?|吗|么)[？?]?\s*$/;
/** Holidays a date is named by. */
const HOLIDAYS = "六一|五一|十一|国庆|元旦|春节|中秋|端午|清明|重阳|七一|八一|三八";
// "春节前后", "国庆期间": a holiday that frames the time asked about is no date checked.
const CLAIMED_DATE = new RegExp(`(?:${HOLIDAYS})(?!\\s*(?:前后|期间|那阵|假期|长假|前|后|以来|节前|节后))|\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]|\\d{1,2}\\s*月(?:底|初|中旬|上旬|下旬)|\\d{1,2}\\s*[日号]|当天|那天|同一天|月底|月初|年底|年初`, "g");
const HOLIDAY = new RegExp(`^(?:${HOLIDAYS})$`);
const CLAIMED_PERCENT = /(?:破|超过?|过|达到?|到|不到|满|突破|高于|低于)?(?:百分百|百分之百|[一二三四五六七八九]成|百分之[\d一二三四五六七八九十]+|\d[\d.]*\s*%)/g;
const CLAIMED_NUMBER = new RegExp(`(?:破|超过?|过|达到?|到|不到|满|上|突破|多于|少于|低于|高于|有)?\\s*\\d[\\d,.]*\\s*(?:万|亿|千)?\\s*(?:${MEASURES}|人|名|位|%)?`, "g");

/**
 * "录取人数超没超计划", "达没达到目标", "完成任务了没", "计划招360 招满了没": whether a figure came over a bar,
 * which the figures settle ("已录取802人，超过招生计划42人"); group 1, 2, 3 or 4 is the verb of the comparison.
 */
const COMPARISON_ASKED = /(超|达|完成|突破)(?:没|不)\1|(超过|超出|超|达到|突破|完成)(?:了)?(?:计划|任务|目标|预期|去年)[\u4e00-\u9fff]{0,2}(?:没有?|吗|么)[？?]?\s*$|(满)(?:了)?(?:没有?|吗|么|不)[？?]?\s*$|(满)没满/;

/**
 * "是不是比前一年高了", "比去年多了没", "同比涨了吗": whether a figure rose or fell against an earlier one, which
 * a report settles by the change it states ("较去年提高0.4分", "同比增长14.7%").
 */
export const COMPARED_WITH_BEFORE = /(?:比|较)(?:去年|前一年|上一年|上年|往年|前年|同期|以前|之前|原来|上次|上届|上一届|(?:19|20)?\d{2}\s*年)(?:同期)?(?:的)?(?:[高多低少大小快慢好强涨降升]|增加|减少|提高|下降|上升|增长)(?:了|些|点|一些|一点)?|(?:同比)?(?:([涨降增减升])[没不]\1|(?:涨|降|增长|下降|减少|增加|上升|提高|降低)(?:了)?(?=[没吗么不]|了?吧|[？?]?\s*$))/g;

/** The same, for a test: without the `g` the keyword fillers replace with, it keeps no position between questions. */
const COMPARED_WITH_BEFORE_ONCE = new RegExp(COMPARED_WITH_BEFORE.source);

/** The verb of a comparison asked ("超没超" -> 超, "达到目标了吗" -> 达, "比去年多了没" -> 比), undefined when none is. */
export function comparedVerb(question: string): string | undefined {
  const compared = COMPARISON_ASKED.exec(question);
  if (compared) return (compared[1] ?? compared[2] ?? compared[3] ?? compared[4]!)[0]!;
  return asksChange(question) ? "比" : undefined;
}

/** What a question asking whether a figure changed asks for: a figure said against an earlier one. */
export const CHANGE_ASKED: AnswerType = { kind: "number", label: "增减变化", verb: "比", change: true };

/** "成交额涨没涨", "比23年多了吧", "刑事案件降了没有": whether a figure (not a price) changed against an earlier one. */
export function asksChange(question: string): boolean {
  return (isYesNoQuestion(question) || CONFIRMING.test(question)) && !asksPriceChange(question) && COMPARED_WITH_BEFORE_ONCE.test(question);
}

/** "半夜12点", "晚上10点半", "早上8点": a time of day claimed. */
const CLAIMED_TIME = /(?:半夜|午夜|凌晨|早上|上午|中午|下午|晚上|夜里)?\s*\d{1,2}\s*[点时](?:半|\s*\d{1,2}\s*分)?|半夜|午夜|通宵/g;
/** "以上", "及以下", "周岁以内" after a figure: it bounds a group ("80岁以上老人"). */
const BOUND_AFTER = /^\s*(?:周岁|岁)?(?:及)?(?:以上|以下|以内)/;
/** "21年汛前…整改完了没", "2022年…有没有": a year names when, not a value to check ("干了20年没" is a duration). */
const YEAR_NAMED = /(?<![\d.])(?:19|20)?\d{2}\s*年(?!内|来|多|间|了|没|整|以上|以下|左右)/g;
/** "5月初", "11月底": the figure before it is a month, no value to check. */
const DATE_AFTER = /^\s*(?:月|日|号)/;
/** "1-10月", "1到10月": the figure before it is the first month of a span. */
const MONTH_RANGE_AFTER = /^\s*[-—–~～到至]\s*\d{1,2}\s*月/;
/** "22年9月底峡窝还有…吗": a date the question opens on (after its year, if any) says when, it checks nothing. */
const OPENING_DATE = /^\s*(?:(?:19|20)?\d{2}\s*年|今年|去年|前年)?\s*$/;
/** "6月1号开馆的吗": …的吗 asks about the time it names. */
const FOCUSED = /的(?:吗|么|不|没)?[？?]?\s*$/;
/** "到5月初", "11月底前": a date something is to be done by, around it. */
const BY_DATE_BEFORE = /(?:到|截至|截止到?|至)\s*$/;
const BY_DATE_AFTER = /^\s*(?:前|之前|以前)/;
/** "建党102周年那个书画展", "第3届": an anniversary or an edition names the event, not a value to check. */
const NAMES_EVENT = /^\D*\d[\d,.]*\s*(?:周年|届)/;
/** "7·31那场暴雨", "3·15": a day that names an event, not a value to check. */
const EVENT_NAMED = /(?<![\d.])\d{1,2}\s*[·・]\s*\d{1,2}(?![\d.])/g;

/** "破400" is a number, "20场" a count of 场, "300人" a count of people, "50万元" money. */
function claimedNumberType(word: string): AnswerType {
  const measure = /[^\d\s,.万亿千]+$/.exec(word)?.[0];
  if (!measure) return { kind: "number", label: "数字" };
  if (measure === "%") return { kind: "percent", label: "比例" };
  if (PEOPLE_MEASURES.has(measure)) return { kind: "people", label: "人数" };
  if (/元$/.test(measure)) return { kind: "money", label: "金额" };
  if (measure === "个") return { kind: "number", label: "数字" };
  return { kind: "count", measure, label: `数量（${measure}）` };
}

/**
 * "检察院开放日是不是六一当天办的" checks a date, "持证社工破400了没" a figure: the passage must give
 * that kind of value about the topic, and the claimed value itself is not a word to look for.
 * Undefined for questions that are not yes/no questions.
 */
export function readYesNoClaim(question: string): YesNoClaim | undefined {
  if (!YES_NO.test(question) && !asksChange(question)) return undefined;
  // "到5月初弄完没有", "11月底前": the date bounds when; what is checked is whether it was done by then.
  // "22年春节曲剧团下乡演出 有没有拿到…补助": a holiday before the words asking yes or no frames the time; only after them is it checked.
  // "23年7月底那场大暴雨 有没有人员伤亡": so does any date before those words; "是不是六一当天办的" checks the one after them.
  const askingWord = /是不是|有没有|是否|有无|对不对/.exec(question)?.index;
  const asking = askingWord ?? question.length;
  const dates = [...question.matchAll(CLAIMED_DATE)]
    .filter((match) => !BY_DATE_BEFORE.test(question.slice(0, match.index)) && !BY_DATE_AFTER.test(question.slice(match.index + match[0].length)) && !((HOLIDAY.test(match[0]) || askingWord !== undefined) && match.index < asking) && !(OPENING_DATE.test(question.slice(0, match.index)) && !FOCUSED.test(question)))
    .map((match) => match[0]);
  // "比23年多了吧": the year compared with is no value to check either.
  const verb = comparedVerb(question);
  question = question.replace(COMPARED_WITH_BEFORE, " ").replace(YEAR_NAMED, " ").replace(EVENT_NAMED, " ");
  const percents = question.match(CLAIMED_PERCENT) ?? [];
  // "80岁以上老人…是不是免费": a bound of whom it is about, not a figure to check.
  const numbers = [...question.matchAll(CLAIMED_NUMBER)]
    // "去年建的那8个站": a figure after 那 or 这 points at the things, it checks nothing.
    .filter((match) => /\d/.test(match[0]) && !/[那这]\s*$/.test(question.slice(0, match.index)) && !BOUND_AFTER.test(question.slice(match.index + match[0].length)) && !DATE_AFTER.test(question.slice(match.index + match[0].length)) && !MONTH_RANGE_AFTER.test(question.slice(match.index + match[0].length)) && !NAMES_EVENT.test(question.slice(match.index)) && !/第\s*$/.test(question.slice(0, match.index)))
    .map((match) => match[0].trim());
  const existence = EXISTENCE.test(question);
  const completion = COMPLETION.test(question);
  if (percents.length > 0) return { existence, completion, value: { words: percents, type: { kind: "percent", label: "比例" } } };
  // "是不是开到半夜12点": a time of day, which only a clock time settles.
  const times = question.match(CLAIMED_TIME) ?? [];
  if (times.length > 0) return { existence, completion, value: { words: times, type: { kind: "time", label: "时间（几点）" } } };
  if (dates.length > 0) return { existence, completion, value: { words: dates, type: { kind: "date", label: "日期" } } };
  // "3·15宣传活动搞了20场没": the figure with a measure is the claim, not the name's digits.
  const checked = numbers.find((word) => /[^\d\s,.万亿千]$/.test(word)) ?? numbers.at(-1);
  if (checked) return { existence, completion, value: { words: [checked], type: claimedNumberType(checked) } };
  // "超没超计划": the figures done and planned settle it, in people where people are counted.
  // The figure said with the verb compared ("超过招生计划28人") is the likelier answer than the plan's own.
  if (verb) {
    if (verb === "比") return { existence: false, completion: false, value: { words: [], type: CHANGE_ASKED } };
    return { existence: false, completion: false, value: { words: [], type: /人数|人次|多少人/.test(question) ? { kind: "people", label: "人数", verb } : { kind: "number", label: "数字", verb } } };
  }
  return { existence, completion };
}
