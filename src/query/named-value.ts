/**
 * Whether a clause names what a question asks the name of: a person, a number to call, a place, or a
 * thing of the kind asked ("哪个小区" is answered by a 小区's name, not by any name the passage quotes).
 */

import type { AnswerType } from "./answer-type.js";

// A proper name: quoted, in book-title marks, or a place or body named by two or more specific characters.
const QUOTED_NAME = /“[^”]{2,20}”|《[^》]{2,30}》|「[^」]{2,20}」/g;
// The two characters before the kind word are what tells one name from a description ("青檀初级中学", not "居民小区").
// "农业科学研究所" names no 科 (科学, 科技, 科研, 科普).
// Matched at every position ("建的中心" must not hide "心路小学" in "新建的中心路小学").
const NAMED_PLACE = /(?=([\u4e00-\u9fff]{2})(初级中学|中学|小学|幼儿园|学校|小区|家园|花园|公司|集团|医院|卫生院|社区|村|科(?![学技研普])|中心|基地|园区|广场|公园))/g;
/** "区应急管理局", "市生态环境局上街分局": a body named by its level, then its name and kind. */
const BODY_NAMED = /[区市省][\u4e00-\u9fff]{2,10}?(?:局|委员会|委|办公室|办|中心|站|所|队|院|馆|部|会|分局)(?![\u4e00-\u9fff]{0,1}[长员])/g;
/** "整合为3家市场化运营集团": things of a kind counted, not named. */
const COUNTED_KIND = /\d+\s*[家个所座]\s*[\u4e00-\u9fff]*$/;
const GENERIC_NAME_PREFIX = /居民|试点|示范|特色|星级|优质|薄弱|全区|市级|区级|省级|重点|相关|新建|多个|所有|这些|部分|各个|辖区|一批|城乡|农村|城市|周边|老旧|新增|标准|[个家所该本其各等和与及的]/;
// Where something is: a road (and number), a building, a village or community named by specific characters.
const PLACE = /([\u4e00-\u9fff]{2})(?:(?<![线公马铁网思出活退销通走带领小山水电管门套一上])路|大道|大街)(?![口段面线灯况边旁网])(?:\d+号)?|([\u4e00-\u9fff]{2})(?:大厦|大楼|广场|产业园|村|社区|小区)|\d+号(?:楼|院)?/g;
const PERSON = /[\u4e00-\u9fff]{2,3}(?:同志|书记|主任|局长|镇长|科长|队长|院长|校长|师傅)|(?:获得?|荣获|夺得)(?:了)?[^，。]{0,8}(?:第一名|冠军)的是/;
// What a named kind may end with: an 初中 is named "……初级中学" or "……中学".
const NAME_KINDS: Record<string, string[]> = {
  小区: ["小区", "家园", "花园", "苑", "庭"],
  学校: ["学校", "中学", "小学", "幼儿园"],
  初中: ["初级中学", "中学", "初中"],
  高中: ["高级中学", "中学", "高中"],
  科: ["科"],
  地点: ["路", "街", "大道", "号", "村", "社区", "小区", "园区", "大厦", "大楼", "楼", "广场", "中心", "基地", "院"],
};

/** Two or more things listed, then counted: "智能制造技术、养老服务管理 2 个专业" (the count's noun in group 2). */
const ENUMERATED_NAMES = /([\u4e00-\u9fff]{2,12}(?:、[\u4e00-\u9fff]{2,12})+)\s*(?:\d+|[两二三四五六七八九十])\s*[个项家所种类门座条]([\u4e00-\u9fff]{1,4})/;
/** The way to get something done: "通过‘上街办’小程序申请", "到政务服务中心窗口办理", "携带身份证", "预约方式". */
const PROCEDURE_STATED = /通过[^，。；]{1,14}(?:办理|申请|预约|登记|提交|申领)|(?:到|在)[^，。；]{1,14}(?:窗口|大厅|中心)(?:办理|申请|登记)|携带|凭[^，。；]{1,8}(?:办理|领取)|(?:办理|申请)流程|所需材料|申请材料|预约方式|网上(?:申请|办理|预约)|线上(?:申请|办理|预约)|申请条件/;
/** "0371-68912345", "12345", "96110": a number to call (five digits or more, not a year or an amount). */
/** "居全市第二", "排名第3位", "位列前十": a place in a ranking stated. */
const RANK_STATED = /(?:居|位居|位列|排名|排|名列|列)[^，。；]{0,6}?(?:第\s*[一二三四五六七八九十\d]+|前\s*[一二三四五六七八九十\d]+|首位|榜首|末位)|第\s*[一二三四五六七八九十\d]+\s*名/;
const PHONE_NUMBER = /(?<![\d.])(?:0\d{2,3}[-—]?)?\d{5,8}(?![\d.]|\s*(?:万|亿|元|人|户|个|件|次|名|年|吨|亩|平方米|米))/;

/**
 * "联赛设小学男子组…" for "小学男子组冠军是哪个学校": the kind word runs on into the question's own word, a group,
 * not a name; "中小学" and "特色学校12所" name no school either.
 */
function continuesAsGiven(text: string, match: PlaceMatch, given: string | undefined): boolean {
  const kind = match[2];
  const at = match.index + match[0].length;
  const after = text.slice(at, at + 2);
  // "全区中小学生": 中小学 is schools of two kinds, not one named; "特色学校12所" counts a kind.
  if (/中小学$/.test(match[0]) || /^\s*\d/.test(text.slice(at))) return true;
  return given !== undefined && /^[\u4e00-\u9fff]{2}$/.test(after) && given.includes(`${kind}${after}`);
}

/** True when `text` gives a name of the kind `type` asks for (type.kind is "name"), not one the question gave itself. */
export function carriesName(text: string, type: AnswerType): boolean {
  if (type.measure === "人") return PERSON.test(text);
  if (type.measure === "电话") return PHONE_NUMBER.test(text);
  if (type.measure === "名次") return RANK_STATED.test(text);
  if (type.measure === "办理") return PROCEDURE_STATED.test(text);
  // "跟哪个部门联合搞的": a body of the district or city other than those the question names ("联合区应急管理局").
  if (type.measure === "部门") return [...text.matchAll(BODY_NAMED)].some((match) => !(type.given ?? "").includes(match[0].slice(1)) && !GENERIC_NAME_PREFIX.test(match[0].slice(1, 3)));
  if (type.measure === "地点") return [...text.matchAll(PLACE)].some((match) => !(type.given ?? "").includes(match[0]) && !GENERIC_NAME_PREFIX.test(match[1] ?? match[2] ?? ""));
  const given = (name: string) => (type.given ?? "").includes(name.replace(/^[“「《]|[”」》]$/g, ""));
  // "哪个小区" is answered by a 小区's name, not by any name the passage quotes.
  const kinds = type.measure ? NAME_KINDS[type.measure] ?? [type.measure] : undefined;
  const ofKind = (name: string) => kinds === undefined || kinds.some((kind) => name.replace(/[”」》]$/, "").endsWith(kind));
  // "新增智能制造技术、养老服务管理2个专业": the things listed before their count are named.
  const listed = ENUMERATED_NAMES.exec(text);
  if (listed && !given(listed[1]!) && (kinds === undefined || kinds.some((kind) => listed[2]!.startsWith(kind)))) return true;
  return [...text.matchAll(QUOTED_NAME)].some((match) => !given(match[0]) && ofKind(match[0])) ||
    namedPlaces(text).some((match) => !GENERIC_NAME_PREFIX.test(match[1]) && !given(match[0]) && ofKind(match[0]) && !COUNTED_KIND.test(text.slice(Math.max(0, match.index - 10), match.index)) && !continuesAsGiven(text, match, type.given));
}

/** A place or body named: its name (0), the two characters before its kind (1), its kind (2), where it starts. */
interface PlaceMatch { 0: string; 1: string; 2: string; index: number }

/** The places and bodies named in `text`, overlapping ones too. */
function namedPlaces(text: string): PlaceMatch[] {
  return [...text.matchAll(NAMED_PLACE)].map((match) => ({ 0: `${match[1]}${match[2]}`, 1: match[1]!, 2: match[2]!, index: match.index ?? 0 }));
}
