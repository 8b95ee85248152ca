import { AROUND_FESTIVAL_WORDS, FESTIVAL_NAMES } from "./festival-dates.js";
import { measureAlternation } from "./measure-words.js";
import { COMPARED_WITH_BEFORE } from "./yes-no-claim.js";

/** Punctuation, symbols and spaces: they separate a question's phrases. */
export const PUNCTUATION = /[\s\p{P}\p{S}]+/gu;

// A measure word that starts a longer word stays: "多少个体户" asks about 个体户, "几家庭院" about 庭院.
const FILLERS: RegExp[] = [
  // 看看/查查 only where they start a phrase: "排查查出" keeps its 查.
  /请问|请把|麻烦|帮我|帮忙|一下|^(?:看看|查查|查一下)/g,
  // What every report is: "报了些啥", "东西", "情况" say nothing about the topic.
  /(?:报送|上报|报)(?:了|过)?(?:些)?(?:什么|啥|哪些)?(?:东西|信息|内容|事情?)|(?:报送|上报)(?:了|过)?|报(?:了|过)(?:些)?(?:什么|啥|哪些)?/g,
  /(?:干|做|搞|说|讲|报)(?:了|过|的)?(?:个|些)?(?:什么|啥|哪些)(?:事情?)?|干了些|做了些|说下|说说|讲讲|讲的是?|说的是?/g,
  // "停车证去哪办", "公租房咋申请 要带啥材料": how to get it done is what is asked, not what about.
  /(?:怎么|咋|如何)(?:申请|办理|申领|预约|预订|报名|请假?|提取)|(?:去|到)(?:哪|哪里|哪儿)(?:补)?办|要?带(?:啥|哪些|什么)材料|要?走(?:啥|什么)流程/g,
  // The question word and its measure ("有几支", "多少门", "几号") say what is asked, not what about.
  new RegExp(`(?:有|是|到|达到?)?多少(?:${measureAlternation("块钱|钱|公里|千米|平方米|立方米|公斤|千克|斤|棵|株|趟|遍|轮|盏|台次|辆次|车次|小时|分钟|个月|周|个|名|家|次|件|项|位|人次|人|场|所|支|门|户|处|起|条|篇|期|台|套|吨|批次|批|座|辆|本|册|张|份|例|天|岁|种|类|亩|元|万元|万|头|只|羽|匹|枚|发|颗|艘|栋|间")})?|几(?:${measureAlternation("块钱|公里|头|只|羽|匹|枚|发|颗|艘|栋|间|棵|株|趟|遍|轮|盏|小时|分钟|个月|周|个|名|家|次|件|项|位|人|场|所|支|门|户|处|起|条|篇|期|台|套|吨|批|座|辆|本|册|张|份|例|天|岁|种|类|亩|号|月份?|年|点|成")})`, "g"),
  // "哪天之前", "什么时候": the question word for a date says what is asked.
  /什么时候|啥时候|哪一?天|哪一?日|何时|多会儿/g,
  /叫什么名字|叫什么|叫啥|什么名字|名字|名称|[那哪]一?[所家个位]/g,
  /(?:是|有)?(?:什么|啥|哪些|哪个|哪所|哪家|哪里|哪儿|哪几个)/g,
  /[那这该本]一?期/g,
  /东西|情况|事情|事儿|分别|各自|一遍|帮我|那会儿?(?![议场展])|那时候|那阵子|那边|这边|那一?块|这一?块|那几家|两家|三家|几家|那两条|那几条|两条|三条|两个|三个/g,
  /怎么样|怎样|如何|是否|有没有|要不要|用不用|需不需要|一共|总共|共计|加起来|加一块儿?|合起来|算下来/g,
  // "是不是比前一年高了": the comparison asked is how the question asks; reports write the change ("较去年提高0.4分").
  COMPARED_WITH_BEFORE,
  // "游客那么多", "那些规上企业": emphasis and pointing say nothing about the topic.
  /[那这]么多|[那这]么些|[那这]些/g,
  // "那场暴雨过后": a demonstrative and "after" place the event; they are not what it is about.
  /[那这]一?[场次回个篇轮阵批趟波拨](?![所家位])|过后|之后|以后/g,
  // "管子换了多长", "面积多大": the question word for a size or a time says what is asked, not what about.
  /多(?:长|大|久|远|重|高|宽|深)(?:时间)?/g,
  /上街区|全区|我区|本区|(?:^|(?<=咱们|我们|咱))区里(?![面头边])|咱区|现在|目前|当年|那年|当时|简报/g,
  // "查网吧": 吧 ends a word there (网吧, 酒吧, 书吧), it is no particle.
  /[吗呢啊呀]|(?<![网酒书水氧茶贴])吧|来着|没(?:有)?$/g,
  // Aspect after a one-character verb: "办过招聘会" searches 办 招聘会.
  /(?<=[办搞做干开建报发出评拿获])过/g,
];

// "清明前后", "国庆期间": the holiday names the topic as well as the time; the words placing it around the day go.
const AROUND_FESTIVAL = new RegExp(`(?<=${FESTIVAL_NAMES}|十一)(?:${AROUND_FESTIVAL_WORDS}|那会儿?)`, "g");

const WHOLE_YEAR = /一整年|整一年|一年到头|整年/g;

const ASKED_KIND = /哪一?[所家个位](?:村|小区|社区|学校|街道|镇|单位|部门|企业|公司|医院|地方)/g;

/**
 * The words of a question left for the search, phrase by phrase: its scaffolding ("请问", "报了些啥",
 * "多少人", "有没有"), particles and conjunctions go.
 */
export function cleanKeywords(text: string): string {
  // "在哪个村办的": the kind asked for is a word of its own, not the start of the verb after it (村办).
  // "一整年" is how people say 全年, which reports write.
  let cleaned = text.replace(PUNCTUATION, " ").replace(ASKED_KIND, "$& ").replace(AROUND_FESTIVAL, " ").replace(WHOLE_YEAR, "全年");
  for (const filler of FILLERS) cleaned = cleaned.split(" ").map((chunk) => chunk.replace(filler, " ")).join(" ");
  return cleaned
    .split(/\s+/)
    // A trailing 中 ("在推进中") is a particle, except where it ends a word (初中, 高中, 集中).
    // "就业率" keeps its 就: a word, not the adverb; "中考", "中秋" keep their 中.
    .map((chunk) => chunk.replace(/^(?:[的了和与都各也还里]|中(?![考秋心学小药医招暑标央国华型])|就(?![业医诊学读餐近]))+|(?:[的了和与都各也还就里]|(?<![初高集心空正途])中)+$/g, ""))
    // "财政跟审计": the conjunction left between two units is not a word to search.
    .filter((chunk) => chunk.length > 0 && !CONJUNCTION_ONLY.test(chunk))
    .join(" ");
}

// "从21年到23年": 从 and 到 left alone once the period is taken out join nothing.
const CONJUNCTION_ONLY = /^[和与及跟同或、从到至]+$/;
