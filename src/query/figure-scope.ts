import { escapeRegExp } from "../text/escape-reg-exp.js";
import { ADDED, NEWLY_FOUND, PART_OF_TIME, SPAN_OF_MONTHS, type AnswerType } from "./answer-type.js";
import { sharesPair } from "./counted-thing.js";

/**
 * Whether a figure is for the scope a question asks: the stock, not what was added; the whole, not one
 * day; one month, not a half year; what was done, not what was planned; the level of government asked.
 * Also how reports say a figure is planned, or how far a plan has got.
 */

/** "给予财政补助", "奖补": the amount a phrase gives is a subsidy towards something, not what it cost. */
const SUBSIDY_LEAD = /(?:补助|补贴|奖补|以奖代补)[^，,；;。\d]{0,4}$/;

/** "全年", "年度", "今年以来": a figure for a year. */
export const PER_YEAR_VALUE = /[每一]年|年度|全年|年均|今年|\/年|当年|年内/;

/** Where a figure stands in its phrase as a number of its own: the "2" of "矿山街道2个", not of "2023年". */
export function figureAt(phrase: string, figure: string): number {
  const trimmed = figure.trim();
  const at = new RegExp(`(?<![\\d.])${escapeRegExp(trimmed)}${/\d$/.test(trimmed) ? "(?![\\d.])" : ""}`).exec(phrase)?.index;
  return at ?? phrase.indexOf(figure);
}

/** "上半年", "一季度", "1-6月", "截至8月": a figure for part of a year. */
const PART_OF_YEAR = /上半年|下半年|[一二三四]季度|当天|当日|假期|黄金周|^\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*[-—至到~]\s*\d{1,2}\s*月|截[至止]\s*\d{1,2}\s*月/;
/** "今年…累计", "今年以来", "全年": the figure is of the year so far. */
const YEAR_SO_FAR = /今年[^，,；;。]{0,12}累计|今年以来|全年/;
/** "增至9个": the figure after a change. */
const AFTER_CHANGE = /(?:增|升|降|减|提高|提升|扩大|缩小|增加|减少|下降|上升|达)(?:至|到)$|(?:达|为)$/;
/** "实际完成", "已建成", "累计": said done. */
const ACHIEVED = /实际|实[考到发收缴付]|完成|已|累计|建成|实现|达到|获|评上|评为|入选|到位/;
/** "区级“最美家庭”": the level of government a figure is at. */
const LEVEL = /(国家|省|市|区)级/g;
/** "应发410万元", "计划投资", "预计": a figure planned or due, not done. */
export const PLANNED = /计划|预计|拟|应发|应缴|应付|目标|力争|争取|将(?!近)|预算|推荐|申报|提名|候选|报名/;

/** How reports say a figure is planned: "计划", "目标任务", "预计", "力争". */
export const PLAN_SAID = /计划|预计|拟|目标|任务|力争|争取|将(?!近)|规划/;

/** "计划4月开工": the phrase plans what it names and says none of it done. */
export function onlyPlans(phrase: string): boolean {
  return PLANNED.test(phrase) && !ACHIEVED.test(phrase.replace(PLANNED_RESULT, ""));
}

/** A clause saying how far something has got: what is done so far. */
export const PROGRESS_SAID = /截至|截止|已(?:经)?(?:完成|建成|开工|收储|签约|录取|发放|办理|累计)|累计完成|完成[^，。；]{0,8}\d/;
/** A plan's target figure: "计划新增停车位500个", "今年计划完成改造720户". */
const PLAN_TARGET = /(?:计划|预计|拟|目标)[^，,。；]{0,40}\d/;
/** "纳入改造计划的老旧小区31个": the list a plan is made of, not a target. */
const INCLUDED_IN_PLAN = /纳入[^，,。；]{0,6}计划/;
/** A clause opening on how far a plan has got: "截至11月18日，已完成…", "目前已建成…". */
const PROGRESS_ON_PLAN = /^(?:截至|截止|目前|到)[^，,。；]{0,12}[，,]?\s*已|^已(?:经)?(?:完成|建成|新增|开工|竣工)/;

/** "今年计划完成改造720户。截至11月18日，已完成改造596户": the second clause reports progress on the first one's target. */
export function reportsProgressOn(previous: string, clause: string): boolean {
  return PLAN_TARGET.test(previous) && !INCLUDED_IN_PLAN.test(previous) && PROGRESS_ON_PLAN.test(clause);
}

/** "计划完成…720户", "力争建成", "计划年底前为150家企业完成": what a plan is to achieve, in its phrase, is no achievement. */
const PLANNED_RESULT = /(?:计划|预计|拟|力争|争取|目标(?:是|为)?)[^，,。；;已]{0,20}?(?:完成|建成|实现|达到)/g;

/** "每个托管班配备", "每村": a figure said of each one, right after 每 and its thing. */
const EACH_ONE = /每(?:个|名|户|人|所|家|位|村|班|校|间|台|辆|批)?[\u4e00-\u9fff]{0,6}$/;

/** "为暑期单日最高": the figure before was one day's. */
const ONE_DAY_RANKED = /^(?:为|系|创|是)[^，。；]{0,8}(?:单日|当日|日最高|单场)/;

/** The figure is for the scope asked: the stock, not what was added; the whole, not one day; one month, not a half year. */
export function answersScope(phrase: string, figure: string, type: AnswerType, earlier: string, next: string): boolean {
  const lead = phrase.slice(0, figureAt(phrase, figure) + 1);
  if (type.stock && ADDED.test(lead)) return false;
  if (type.newlyFound !== undefined && !(NEWLY_FOUND.test(lead) && (type.newlyFound === "" || sharesPair(phrase, type.newlyFound)))) return false;
  // "每个托管班配备1名管理员": a figure for each one is no total ("收了多少孩子").
  if (!type.perUnit && (type.kind === "people" || type.kind === "count" || type.kind === "number") && EACH_ONE.test(lead.slice(0, -1)) && !(type.perYear && /每年/.test(lead))) return false;
  // "2月28日“村庄清洁日”当天，全镇出动…，清运垃圾380吨": the day the clause opens on dates its figures.
  // "7月16日接待680人次，为暑期单日最高": the phrase after the figure says it was one day's.
  // "11月2日，…完成年度第120场演出，今年“送戏下乡”累计观众7.2万人次": the year so far, whatever day opens the clause.
  const yearSoFar = YEAR_SO_FAR.test(phrase);
  if (type.whole && !yearSoFar && (PART_OF_TIME.test(earlier + phrase) || ONE_DAY_RANKED.test(next))) return false;
  if (type.month && SPAN_OF_MONTHS.test(phrase)) return false;
  // "全年最后完成投资多少" is not answered by "上半年累计完成投资52.4亿元".
  // "截至2月18日，全区已举办招聘会15场": the clause's opening phrase dates all of it.
  if (type.perYear && !yearSoFar && PART_OF_YEAR.test(earlier + lead)) return false;
  if (type.excluded && phrase.includes(type.excluded)) return false;
  // "装一部电梯总共得花多少" is not answered by "每部给予财政补助20万元": a subsidy answers only a question about one.
  if (type.kind === "money" && !type.subject && type.focus !== undefined && SUBSIDY_LEAD.test(lead.slice(0, -1)) && !/补|奖/.test(type.focus)) return false;
  if (type.before && AFTER_CHANGE.test(lead.slice(-6, -1))) return false;
  // "2023年计划实施项目9个，建设里程42.3公里": a plan opening the clause covers its figures, unless one is said done.
  if (type.actual && (PLANNED.test(lead) || (PLANNED.test(earlier) && !ACHIEVED.test(phrase)))) return false;
  // "开年计划营造林多少亩" is not answered by "完成营造林4860亩": a plan is said with its figure or opens the clause.
  if (type.planned && !PLAN_SAID.test(lead) && !(PLAN_SAID.test(earlier) && !ACHIEVED.test(phrase))) return false;
  // "评选区级“最美家庭”30户" does not say how many the city named.
  const level = [...lead.matchAll(LEVEL)].at(-1)?.[1];
  if (type.level && level && level !== type.level) return false;
  return true;
}
