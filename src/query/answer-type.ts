import { escapeRegExp } from "../text/escape-reg-exp.js";
import type { AnswerKind, AnswerType } from "./asked-value.js";
import { askedGrade, askedSubset } from "./asked-subset.js";
import { MEASURES, PEOPLE_MEASURES } from "./measure-words.js";
import { FEE_ASKED } from "./fee-question.js";
import { countedThing, countsThingAfter, NOT_A_THING, ownWords, withoutVerbAfter } from "./counted-in-question.js";
import { asksChange, asksPriceChange, CHANGE_ASKED, comparedVerb, isYesNoQuestion } from "./yes-no-claim.js";

export type { AnswerKind, AnswerType } from "./asked-value.js";

const MONEY_SUBJECT = /(?:成交|销售|交易|营业)额|营收|产值|利润|利税|报酬|酬劳|工钱|劳务费|收费|票价|门票|房租|中标价|合同价|[月年底时日]薪|(?<=[啥么少])价|价位|(?<=[一每][张位人])票|车票|造价|[\u4e00-\u9fff]{2}(?:金|费|款)(?=(?:的)?(?:标准)?(?:现在|目前|如今)?(?:是|有|为)?(?:[一每][\u4e00-\u9fff]{1,3}){0,2}(?:是|要|收|给|发)?(?:多少|几))|津贴|工资|薪酬|薪资|薪水|收购价|售价|单价|价格|价钱|租金|费用|经费|预算|投资|资金|补贴|补助|罚款|奖金|奖励|贷款|收入|学费|利息/;
// "一个月挣多少": wages, unless the question names what was earned ("挣了多少产值").
const EARNED = /[挣赚]/;
const RATE_SUBJECT = /[\u4e00-\u9fff]{1,3}率/;
// "报销比例是多少": what the share is of ("报销"); "占了多大比例" names none.
const SHARE_SUBJECT = /([\u4e00-\u9fff]{2})(?=比例|占比)/;
// "头一天", "第一次", "那一顿": one named, no rate per thing.
const PER_UNIT = /(?:(?<![头第同这那])一|每)(?:个)?(?:亩|斤|公斤|吨|人|户|个月|月|年|天|学期|平方米|平米|顿|餐|份|批|次(?!性)|场)|每一(?:人|户|批|份|次)|人均|平均|单价/;
// "每个站配了几个灭火器": a count per thing, answered only by a passage that counts per thing.
/** "个人一年交多少", "自己要掏多少": one person paying asks what each pays. */
const PAYER_ASKED = /(?:个人|自己|自个儿?|本人|每人)[\u4e00-\u9fff]{0,4}?(?:交|缴|掏|付|出)(?:了)?(?:多少|几)/;
const PER_THING = /每(?:个|家|户|人|名|所|村|站|点|间|班|校)|人均|平均|户均|各(?:个|配)/;

/** A figure as bulletins write it: "4.9 万", "300余", "1,200". */
export const NUMBER = "\\d[\\d,.]*\\s*(?:余|多)?\\s*(?:万|亿|千)?\\s*(?:余|多)?";

const RULES: { kind: AnswerKind; pattern: RegExp; label: string }[] = [
  { kind: "money", pattern: /(?:票价|门票|车票|造价|总价|成本|房租|中标价|合同价|总投资)(?:是|要|得|有)?(?:多少|几)|(?:总投资|中标价|合同价|造价)[？?]?\s*$|(?:啥|什么|多少)价|价位|[月年底时日]薪|[挣赚](?:了)?(?:多少|几)(?![个名家项次人场件条所户处起支批])|(?<![修种建栽])补(?:了|给|贴)?(?:多少|几)(?:钱|块)?[？?。！!\s]*$|(?:成交|销售|交易|营业)额|营收|产值(?:是|有|达到?)?多少|(?:[^现资]金|费|款|津贴|补贴|补助)(?:的)?(?:标准)?(?:现在|目前|如今)?(?:是|有|为)?(?:[一每][\u4e00-\u9fff]{1,3}){0,2}(?:是|要|收|给|发)?(?:多少|几)(?![个名家项次人场件条所户处起支批])|报酬|酬劳|工钱|劳务费|收(?:了|取)?(?:多少|几)(?:钱|块)|收费|多少钱|多少块钱|几块钱|多少(?:贷)?款|价格|单价|价钱|收购价|售价|费用|花(?:了|掉)?(?:多少|几)(?![个名家项次人场件条所户处起支批天年月小分周]|时间)|花费|投资(?:了|额)?(?:多少|几)|(?:投资|资金|金额|经费|预算|成本)(?:规模|总额|盘子)?(?:有|是|达)?多大|投入(?:了)?(?:多少|几)(?:资金|钱)?|资金(?:有|是)?多少|金额|补贴(?:标准|多少|了多少|是多少)|补助(?:标准|多少)|(?:补贴|津贴|补助|消费券|奖补|工资|奖金)[^，。？?]{0,12}?(?:发|领|给|补|拿)(?:了)?多少(?![个名家项次人场件条所户处起支批])|(?:掏|付|交)(?:了)?(?:多少|几)(?:钱|块)|(?:掏|付|交|缴)(?:了)?(?:多少|几)(?=[？?。！!，,\s]|$)|(?:一个月|每月|每人|每年)?(?:补贴|补助)多少|工资|薪酬|薪资|薪水|收入(?:是|有)?多少|(?:利润|利税|净利润)(?:总额)?(?:是|有|达到?)?(?:多少|几)|罚(?:了|款)?多少|罚款|奖励(?:了)?多少|奖金|经费|租金|预算|多少元|多少万元|多少亿/, label: "金额" },
  { kind: "percent", pattern: /(?<!按)比例|占比|的占(?:了)?(?:多少|几成)(?=[？?。！!，,\s]|$)|百分之|百分比|多少成|(?:增长|下降|提高|降低|上升|增加|减少|同比(?:增|降|涨|升|减|少|多)?|[降涨])(?:了)?(?:多少|几)(?:个百分点|%)?[？?。！!\s]*$|率(?:是|有|达到?|为|到)?(?:了)?(?:多少|几)|率(?:分开|单独)?(?:各|分别)(?:是|为|有)?(?:多少|几)|(?:参与|覆盖|完成|达标|激活|结算|收缴|满意|就业|入园|升学|通过|合格|发案|增长|使用|普及)率/, label: "比例" },
  // "几点开门", "开到几点": a time of day, which a date does not give.
  { kind: "time", pattern: /几点|(?:开放|营业|开门|关门|上班|下班|办公)时间/, label: "时间（几点）" },
  { kind: "date", pattern: /几号|哪天|哪一天|什么时候|什么时间|啥时候|啥时间|几时|何时|几月几[日号]|日期|哪一年|哪年|几月份|截止到?什么|(?:之前|以前|前)(?:要)?(?:干完|完成|完工|结束|办完)/, label: "日期" },
  // "强降雨那几天" names a time; "用了几天" asks for a duration, and so does "审批时间压到多长了".
  { kind: "duration", pattern: /多长时间|多久|多少天|(?:几|多少)个?小时|(?:几|多少)分钟|(?<![那这前后头])几天|(?<![那这前后头])几个月|多少个月|多少年|几年时间|工期|时长|(?:时间|时限|期限|周期|用时|耗时|工期)[\u4e00-\u9fff]{0,4}?多长/, label: "时长" },
];

const SIZES: { pattern: RegExp; measure: string; label: string }[] = [
  // "示范方多大", "公园有多大": a piece of land asked how big is asked its area.
  { pattern: /面积(?:有|是|达到?)?(?:多大|多少|几)|多大(?:的)?面积|占地(?:多少|多大|几)|(?:方|田|地|园|林|湖|塘|广场|基地|示范区|片区)(?:有|是|约)?多大(?=[？?。，,\s]|$|了|呢|啊)/, measure: "平方米", label: "面积" },
  { pattern: /多长(?!时间)|长度|多远/, measure: "公里", label: "长度" },
  { pattern: /多重|重量/, measure: "吨", label: "重量" },
  // "平均分多少", "考了多少分": a score ("多少分拣人员" counts sorters); "多少度" is a temperature, unless it is 度电.
  { pattern: /平均分|(?:多少|几)分(?=[？?。，,！!\s]|$|[呢啊呀吗了的])|得分|分数/, measure: "分", label: "分数" },
  { pattern: /(?:多少|几)度(?!电)|气温|温度/, measure: "℃", label: "温度" },
  { pattern: /年龄|多大年纪|多大岁数|多少岁/, measure: "岁", label: "年龄" },
];
// "那几个主播", "这几位": a demonstrative names things already spoken of; it asks for no count.
const PEOPLE = /多少(?:个)?人|(?<![那这])(?:几个人|几人|几名|几位|几个老(?:党员|同志))|多少名|多少位|人数|多少人次/;
// "多少个体户": 个体户 is a word, not the measure 个.
const COUNT = new RegExp(`(?:多少|(?<![那这])几)\\s*(${MEASURES})`);
/** "停车证去哪办", "公租房咋申请 要带啥材料": the way to get something done. */
const PROCEDURE_ASKED = /(?:怎么|咋|如何)(?:申请|办理|申领|预约|预订|报名|请假?|提取)|(?:去|到)(?:哪|哪里|哪儿)(?:补)?办|带(?:啥|哪些|什么)材料|走(?:啥|什么)流程|申请条件|(?:办理|申请)流程/;
/** "热线电话是多少", "联系方式": a telephone number. */
/** "全市排第几", "第几名", "名次咋样": a place in a ranking, which only a clause ranking it gives. */
const RANK_ASKED = /排(?:在|到)?第几|第几名|排名(?:多少|第几|怎么样|咋样|如何|情况)?[？?]?\s*$|名次/;
const PHONE_ASKED = /(?:电话|热线|号码)(?:号码?)?(?:是|打)?(?:多少|几号)(?![个通件次条人])|联系电话|联系方式|电话号码|打哪个(?:电话|号)/;
// "党员多少", "志愿者有多少": people named before the question word are counted as people.
const PEOPLE_BEFORE = /(?:员|者|生|师|工|民|兵|老人|孩子|群众|居民|人)(?:有|是|占)?(?:多少|几个)[？?]?\s*$/;
// "那几个主播都叫啥": the names of people.
const PERSON_NAME = /(?:主播|老师|教师|医生|护士|志愿者|干部|民警|代表|委员|选手|冠军|专家|律师|网格员|党员|员工|工人|师傅|讲师|领导|同志|模范|标兵|能手|队员|人)(?:都|分别|各)?(?:叫|是)(?:啥|什么|谁)(?:名字)?/;
// "现在总共有多少户": the stock, not what was added this year.
// "三年前几个 去年几个", "现在有几家": how many there were at a time, not how many were added.
const STOCK = /总共有?|一共有|共有|总数|总量|现有|存量|保有量|总计有?|(?:年|年前|年底|年初|现在|目前|如今)(?:有|是|还有)?(?:几|多少)(?:个|家|所|处|座|支|台|辆)/;
export const ADDED = /新(?:增|设立?|登记|注册|建|开工|招录?|发展|认定|培育|引进|签约|入驻)|增加|增长/;
// "用的什么品种", "啥牌子": a variety or a brand is named.
const NAME = /叫什么|叫啥|啥名|什么名字|名字|名称|(?:什么|啥|哪个|哪种|哪一种)(?:品种|牌子|品牌|型号)|哪个(?:小区|学校|中学|小学|企业|公司|科室?|村|社区|医院|项目|部门|园区|基地|街道)|哪所|哪家|是哪(?:个|家|所|里)|在哪(?:里|儿)?/;
// "都来了哪些企业", "有名单吗": the names of the companies, schools or villages, not what they did.
const LISTED_KINDS = "企业|公司|单位|学校|村|社区|小区|医院|商户|商家|厂";
// "要带哪些材料": the papers to bring.
const PAPERS_ASKED = "(?:带|准备|提交|提供|交)(?:哪些|什么|啥)";
const PAPERS = "材料|证件|资料|手续";
const LIST = new RegExp(`(?:都|具体|分别)是(?:哪些|啥|什么)(?!时候|时间)|${PAPERS_ASKED}(?=${PAPERS})|是哪几(?:个|种|类|项|家|条|所|座|处)|有哪几(?:个|种|类|项|家|条|所|座|处)|具体(?:有)?哪些|(?:有|要|给|发|看看|看下)(?:个|份|一下)?名单|名单(?:有|呢|是)|[了过]哪些(?=${LISTED_KINDS})|哪几(?:个|家|所)(?=${LISTED_KINDS})`);
/** The bodies whose names "哪些…" asks for, and what it names. */
const LISTED_KIND = new RegExp(`(?:哪些|哪几(?:个|家|所))(${LISTED_KINDS})`);
/** "都是哪几条街": the kind named after the measure. */
const LISTED_AFTER_MEASURE = /哪几(?:条|座|处)([\u4e00-\u9fff]{1,2}?)(?:[？?。，,\s]|$)/;
/** "具体是哪些指标": any other thing listed by name, unless it is a word for anything (工作, 方面, 措施 …). */
const LISTED_NOUN = /(?:是|有)哪些([\u4e00-\u9fff]{2})/;
const ANY_LISTED = /^(?:工作|方面|地方|内容|事情|事项|措施|举措|活动|东西|情况|做法|亮点|成效|成绩|问题)$/;
/** "要带哪些材料": the papers asked for, and which. */
const PAPERS_KIND = new RegExp(`${PAPERS_ASKED}(${PAPERS})`);
// "非遗项目总数", "AED总数": how many of them (a Latin name counts too).
const COUNT_OF = /([A-Za-z\u4e00-\u9fff]{2,6}?)(?:的)?(?:总数|个数|数)[？?]?\s*$/;
const ANY_NUMBER = /多少|(?<![那这])几[个名家项次人场件条所万亿]|数量|数目|规模/;

/**
 * The kind of value a question asks for; undefined when it asks for none in particular
 * ("区教育局做了哪些工作", yes/no questions).
 * @example detectAnswerType("夏季食品安全检查一共罚了多少钱") // { kind: "money", label: "金额" }
 */
export function detectAnswerType(text: string): AnswerType | undefined {
  // "安全生产月头几天查出多少隐患": the first few days say when; 多少隐患 is what is asked.
  const question = text.replace(FEW_DAYS, "那时");
  // "供热价格涨没涨" asks whether it rose, which "按原标准执行" settles without a figure.
  if (asksPriceChange(question)) return undefined;
  // "热线打进去收费吗" asks whether it costs anything, which "来电咨询免费" settles without a sum.
  if (isYesNoQuestion(question) && FEE_ASKED.test(question)) return undefined;
  const type = detectKind(question);
  // "录取人数超没超计划": the figure said to go over the bar ("超过招生计划42人") is the likelier answer.
  const compared = comparedVerb(question);
  // "成交额涨没涨": whether it changed, which a change in any figure settles ("同比增长8.2%").
  // The measure asked ("平均分" -> 分) picks the change written in it ("提高0.4分") over one in another.
  if (type && asksChange(question)) return { ...CHANGE_ASKED, ...(type.kind === "count" && type.measure ? { measure: type.measure } : {}) };
  if (type && compared) return { ...type, verb: compared };
  if (!type || isYesNoQuestion(question)) return type;
  const perYear = !type.perUnit && PER_YEAR.test(question);
  const known = [...question.matchAll(GIVEN_FIGURE)].map((match) => normalizeFigure(match[0]));
  // "植树节那天一共种了多少": the whole of that day.
  // "22年暑假规划馆接待了多少人次": a span of days named, its whole; one day of it ("7月16日接待680人次") is another figure.
  const whole = (WHOLE.test(question) || SPAN_OF_DAYS.test(question)) && !PART_OF_TIME.test(question) && !DAY_NAMED.test(question) && !/哪天|哪一天|最多|最高|高峰/.test(question);
  const month = ONE_MONTH.test(question) && !SPAN_OF_MONTHS.test(question);
  // "超50万的村之前是几个": 50万 is a threshold, not a whole the answer is part of.
  const partOfKnown = known.length > 0 && PART_OF_GIVEN.test(question);
  const withinKnown = known.length > 0 && WITHIN_GIVEN.test(question);
  const setAside = SET_ASIDE.exec(question);
  const excluded = setAside?.[2];
  const without = setAside && LEFT_OUT.test(setAside[1]!) ? setAside[2]!.replace(PART_POINTED, "") : undefined;
  const subset = askedSubset(question);
  // "那4家一级企业…都叫啥名": a grade names what a figure is of, not which of several things is named.
  const grade = ["count", "number", "people"].includes(type.kind) ? askedGrade(question) : undefined;
  // "新发现的糖尿病有多少人": those newly found, not all there are.
  const newlyFound = NEWLY_FOUND.test(question) ? NEWLY_FOUND_THING.exec(question)?.[1] ?? "" : undefined;
  // "那两个项目 各自能新增多少耕地": a figure for each of them, which one total does not give.
  const eachOf = EACH_OF_SEVERAL.test(question);
  const before = BEFORE_CHANGE.test(question);
  const actual = ACTUAL.test(question);
  const level = LEVEL_ASKED.exec(question)?.[1];
  const verb = ASKED_VERB.exec(question)?.[1];
  const turns = type.kind === "people" && /人次/.test(question);
  const headcount = type.kind === "people" && !turns && HEADCOUNT.test(question);
  // "多少位老师", "几名队员": each person once, which a figure in 人次 is not ("人数" is said of visits too).
  const eachOnce = type.kind === "people" && !turns && EACH_ONCE.test(question);
  const cap = CAP_ASKED.test(question);
  // "是啥时候搞的": a verb for doing anything (搞, 办, 弄, 开) says nothing of what happened.
  const happened = type.kind === "date" ? HAPPENED_ON_DATE.exec(question)?.[1]?.replace(/^[搞弄干办做整开]$/, "") || undefined : undefined;
  const done = DONE_ASKED.test(question);
  const asked = /多少|(?<![那这哪])几/.exec(question);
  const planned = !actual && !done && asked !== null && PLAN_ASKED.test(question.slice(0, asked.index));
  // "在托的残疾人有多少": who or what is counted, said before 的.
  const qualified = QUALIFIED.exec(question)?.[1]?.replace(QUALIFIER_NOISE, "");
  const qualifier = qualified && [...qualified].length >= 2 && (type.kind === "people" || type.kind === "count" || type.kind === "number") ? { qualifier: qualified } : {};
  const side = EACH_GROUP_SIDE_BY_SIDE.exec(question);
  const groups = EACH_GROUP.exec(question)?.slice(1, 3) ?? (side ? [`${side[1]}${side[2]}`, `${side[3]}${side[2]}`] : undefined);
  const each = groups && !groups.some((group) => NOT_A_GROUP.test(group)) ? { each: groups } : {};
  return {
    ...each, ...qualifier,
    ...type, ...(known.length > 0 ? { known } : {}), ...(whole ? { whole } : {}), ...(month ? { month } : {}), ...(perYear ? { perYear } : {}),
    ...(partOfKnown ? { partOfKnown } : {}), ...(withinKnown ? { withinKnown } : {}), ...(excluded ? { excluded } : {}), ...(without && without.length > 1 ? { without } : {}), ...(subset ? { subset } : {}), ...(grade ? { grade } : {}), ...(newlyFound !== undefined ? { newlyFound } : {}), ...(eachOf ? { eachOf } : {}), ...(before ? { before } : {}), ...(actual ? { actual } : {}), ...(level ? { level } : {}),
    ...(verb ? { verb } : {}), ...(done ? { done } : {}), ...(planned ? { planned } : {}), ...(happened ? { happened } : {}), ...(headcount ? { headcount } : {}), ...(eachOnce ? { eachOnce } : {}), ...(turns ? { turns } : {}), ...(cap ? { cap } : {}),
  };
}

/** "个人最多能贷多少", "一次最高补多少", "上限是多少": a limit the rules set, not how much was done. */
const CAP_ASKED = /(?:最多|最高|顶多|至多)(?:能|可以?|给|补|贷|报|领|批)|上限|封顶/;
/** "头几天", "前几个月", "最近几年": a time, not a question of how many days. */
const FEW_DAYS = /(?:头|前|这|那|最近|近|后|过去)几(?:天|日|周|个月|年)(?=[\u4e00-\u9fff])/g;
// "疑似病理性近视的学生有多少个", "头一回献血的有多少人": what sets the counted ones apart, before 的.
const QUALIFIED = /([\u4e00-\u9fff]{2,8})的[\u4e00-\u9fff]{0,4}?(?:有|是|占)?(?:多少|几)/;
/** Words in front of a qualifier that only place or point ("那次", "里", "其中"). */
const QUALIFIER_NOISE = /^(?:.*?(?:里|中|那次|那场|那个|其中|当中|里面|里头))/;
// "初一和高一各…多少", "城市跟农村分别多少": two groups, a figure each.
// "小学和初中的肥胖检出率分开各是多少": what is asked of the groups may stand between them and 各.
const EACH_GROUP = /([\u4e00-\u9fff]{2,4})(?:和|跟|与|、)([\u4e00-\u9fff]{2,4}?)(?:的[\u4e00-\u9fff]{1,8}?)?(?:分开|单独)?(?:各|分别)[\u4e00-\u9fff]{0,8}?(?:多少|几)/;
/** Years, seasons and units are answered each by its own report, not by one clause. */
const NOT_A_GROUP = /年(?!级)|月|季|期|天|局|办|委|中心|街道|镇|站|所|队|院|[今去前本上下](?!年级)/;
// "二年级三年级分别…多少": two groups side by side with no word between, known by their shared last character.
// "男生女生平均分分别多少": what is asked of each may stand between the groups and 分别.
const EACH_GROUP_SIDE_BY_SIDE = /(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{1,3})([\u4e00-\u9fff])([\u4e00-\u9fff]{1,3})\2(?:[\u4e00-\u9fff]{1,4}?)?(?:各|分别)[\u4e00-\u9fff]{0,8}?(?:多少|几)/;

/** "计划招多少", "目标是多少": the question asks what was planned. */
export const PLAN_ASKED = /计划|预计|预测|打算|目标|任务|拟/;

// "队员人数", "几个人", "多少名": people counted once each (a bare "多少人" is often said of visits).
const EACH_ONCE = /几个人|(?:多少|几)[名位]/;
const HEADCOUNT = new RegExp(`人数|${EACH_ONCE.source}`);
// "哪天开通的", "什么时候开的": the verb after the question word for a date says what happened then.
const HAPPENED_ON_DATE = /(?:几号|哪天|哪一天|什么时候|什么时间|啥时候|啥时间|几时|何时|几月几[日号]|几月份)(?:[正就才能要会])?([\u4e00-\u9fff]{1,2}?)(?:的|了|完)?[？?]?\s*$/;
// "上了几个", "建了多少": a verb of something done before the question word.
// "建好几个了", "修完多少了", "多少家企业做了": a verb with its result, or 了 after the question word.
const DONE_ASKED = /[\u4e00-\u9fff]了(?:的)?(?:一共|总共|共)?(?:多少|(?<![那这哪])几)|[\u4e00-\u9fff][好完成](?:了)?(?:多少|几)|(?:多少|几)[\u4e00-\u9fff]{0,6}了[吗呢啊]?[？?]?\s*$/;
// "分到多少", "用在…多少", "其中…多少": a share of a figure given.
const PART_OF_GIVEN = /分到|分给|分配|安排|用于|用在|用到|其中|拿出|投向|投到|占/;
/** "920人里头", "那126名里面": a given figure, and a part of what it counts. */
const WITHIN_GIVEN = /\d[\d,.]*\s*(?:万|亿|千)?\s*[\u4e00-\u9fff]{0,4}?(?:里头|里面|里边|当中|之中|中间)/;
/** Measure words that count occasions or pieces, which staff use one for another ("几条预警" for "6次"). */
export const COUNTING_MEASURES = new Set(["个", "次", "条", "份", "项", "件", "场", "场次", "批", "批次", "起", "轮", "期", "篇"]);
// "不光重点人群", "除了城区的": the part named is set aside.
const SET_ASIDE = /(不光|不只|不仅|不算|不含|不包括|除了|除去|除开)(?:是)?([\u4e00-\u9fff]{2,6}?)(?:的|之外|以外|外|[，,。？?\s]|$)/;
/** "不算", "除了": the part set aside is left out of the figure asked ("不光" asks for it and more). */
const LEFT_OUT = /^(?:不算|不含|不包括|除了|除去|除开)$/;
/** "峡窝那块", "城区那边": the words pointing at the part are no part of its name. */
const PART_POINTED = /(?:那块|这块|那边|这边|那部分|这部分|那里|这里)$/;
// "之前是几个", "原来有多少": the state before a change.
const BEFORE_CHANGE = /(?:之前|以前|原来|原先|本来|改造前|整治前)(?:是|有|才|只有)?(?:多少|几)/;
// "去市里评", "省级的": the level of government a figure is at.
const LEVEL_ASKED = /(国家|省|市|区)(?:里|上|级|一级)/;
// "最后实际发下去多少钱": the outcome, not the plan.
// "签了多少户", "装好的多少户", "一共投了多少钱": the character of the verb right before the question word.
// "那几个点…一天来多少人": 那几 points at things, it asks nothing.
// "一共多少名女生": the 一 of 一共 is no verb; nor is the 年 of "今年几座".
const ASKED_VERB = /([\u4e00-\u9fff])(?<!一(?=共))(?<![年月天])(?:了|好|完|过|掉|着)?(?:的)?(?:一共|总共|共)?(?:多少|(?<![那这哪])几)/;
const ACTUAL = /实际|最终|最后(?:到底|真正)?(?:发|拿|到位|完成|落实|兑现|花|评上|评|落地|建成|签|完工|竣工|修完|建完|干完|办完|修好|建好)|到底(?:发|花|完成)|(?:最后|最终|到底|实际)(?:是)?(?:哪天|哪一天|几号|什么时候|啥时候)/;

// "那7.3亿专项债": a figure the question gives (a year is not one).
// "6、7月份": the first of several months or days named together is a month too.
const GIVEN_FIGURE = /(?<![\d.第])\d[\d,.]*(?![\d,.])\s*(?:万|亿|千)?(?!\s*(?:年|月|日|号|期|季度|[-—至到~]|[、和或]\s*\d{1,2}\s*(?:月|日|号)))/g;
/** "7.3 亿元" and "7.3亿" are one figure. */
export function normalizeFigure(figure: string): string {
  return figure.replace(/[\s,]/g, "").replace(/(?<=\d)(?:余|多)/, "");
}
const PER_YEAR = /[一每全整]年(?!前|多|来|以)/;
const WHOLE = /整个|一共|总共|全部|全程|总计|共计|合计|累计|加起来|加一块|合起来/;
/** "新发现", "新确诊", "新检出": found for the first time. */
export const NEWLY_FOUND = /新发现|新确诊|新检出|新发病例|新报告/;
/** ... and what was found ("糖尿病" in "新发现的糖尿病有多少人"). */
const NEWLY_FOUND_THING = /(?:新发现|新确诊|新检出)(?:的)?([\u4e00-\u9fff]{2,6}?)(?:患者|病人|病例)?(?:有|是|共)?(?:多少|几)/;
const EACH_OF_SEVERAL = /(?:那|这)?(?:[两二三四五六七八九]|\d+)\s*(?:个|家|所|条|项|批|座|处)[\s\u4e00-\u9fff]{0,6}?(?:各自|分别)[\u4e00-\u9fff]{0,8}?(?:多少|几)/;
/** Holidays and spans of the year: a question naming one asks for the whole of it. */
const SPAN_OF_DAYS = /暑假|寒假|暑期|假期|期间|[上下]半年|全年|一整年|季度/;
/**
 * "那天", "一天": the question asks about one day. So does a day kept once a year ("重阳节", "植树节",
 * "国防教育日"): a figure of "当天" is the whole of it.
 */
const DAY_NAMED = /[那这]一?天|一天|重阳|植树节|元宵|儿童节|六一|妇女节|三八节|教师节|(?:世界|国际|全国|国家|全民)[\u4e00-\u9fff]{1,8}日|[\u4e00-\u9fff]{2,6}(?:宣传|纪念|教育|服务|开放|活动)日/;
/** Words for part of an event's time: a figure for that part is not the whole. */
export const PART_OF_TIME = /当天|当日|首日|第一天|单日|开幕式|开幕当|启动仪式|首场|首批/;
// "7月份单月": a month as the period of the question does not say a cumulative figure is wrong; "单月" does.
const ONE_MONTH = /单月|当月|(?:光|仅|只)\s*\d{1,2}\s*月份?/;
/** Spans longer than a month: a figure for one of them is not a month's. */
export const SPAN_OF_MONTHS = /上半年|下半年|全年|年度|季度|以来|\d{1,2}\s*[-—至到~]\s*\d{1,2}\s*月|前\s*\d{1,2}\s*个?月/;

// "收了多少孩子", "来了多少群众": people called by a word for anyone, which bulletins count as 学生, 儿童, 居民 … in 人 or 名.
const ANYONE = /^(?:孩子|孩子们|小孩|小孩子|娃|娃娃|娃儿|小娃|宝宝|小宝宝|小朋友|群众|老百姓|市民|居民|人员|老人|老年人)$/;
/** Residents and old people, whom reports count by household as well ("走访困难群众320户", "为62户独居老人"). */
const HOUSEHOLDS = /(?:群众|老百姓|市民|居民|老人|老年人)$/;
const ANYONE_OF_A_KIND = /^([\u4e00-\u9fff]+?)(?:孩子|小孩|小孩子|娃娃|娃儿|小娃|宝宝|小朋友|群众|老百姓|市民|居民|老人|老年人)$/;

/**
 * What is counted says the kind of value: people called by a word for anyone are a count of people, whatever
 * the bulletin calls them; a sum of money is money. Undefined for anything else counted.
 */
function typeOfCounted(question: string, counted: string | undefined, stock: { stock?: boolean } = {}): AnswerType | undefined {
  // "涉及多少居民", "走访了多少困难群众": residents are counted by household as often as by head ("涉及居民1260户").
  const households = counted !== undefined && HOUSEHOLDS.test(counted) ? { households: true } : {};
  if (counted !== undefined && ANYONE.test(counted)) return { kind: "people", label: "人数", ...stock, ...households };
  // "自闭症小孩有几个": anyone of a kind, counted as people; the kind sets them apart.
  const kind = ANYONE_OF_A_KIND.exec(counted ?? "")?.[1];
  if (kind !== undefined && [...kind].length >= 2) return { kind: "people", label: "人数", qualifier: kind, ...stock, ...households };
  // "一台收多少检验费", "拨了多少资金": what is counted is a sum of money.
  // A fee is named by itself ("检验费"; "税费" is any tax); "违规的钱", "开工贷款" ("开工贷") are money said of the topic.
  if (counted !== undefined && COUNTED_MONEY.test(counted)) {
    return { kind: "money", label: "金额", ...(/^[\u4e00-\u9fff]{2,}费$/.test(counted) ? { subject: counted } : {}), ...(PER_UNIT.test(question) ? { perUnit: true } : {}) };
  }
  return undefined;
}
const COUNTED_MONEY = /(?:费|款|金|钱|经费|补贴|补助|工资|津贴)$/;

function listedNoun(question: string): string | undefined {
  const noun = LISTED_NOUN.exec(question)?.[1];
  return noun && !ANY_LISTED.test(noun) ? noun : undefined;
}

function shareSubject(question: string): string | undefined {
  const subject = SHARE_SUBJECT.exec(question)?.[1];
  return subject && !/[的了多大占是个成有那这啥]/.test(subject) ? subject : undefined;
}

function detectKind(question: string): AnswerType | undefined {
  for (const rule of RULES) {
    if (!rule.pattern.test(question)) continue;
    // "每天盯几家超市的价格": 几家 is the question; 价格 is only part of the topic.
    // "有几个项目被督促补发拖欠工资": 几个 counts the projects; "投了几个亿" is money.
    if (rule.kind === "money" && !/多少|几|钱|金额/.test(rule.pattern.exec(question)?.[0] ?? "") && COUNT.test(question) && !/(?:多少|几)\s*个\s*(?:亿|万|千万|百万)/.test(question)) continue;
    // "每天盯多少大超市的价格", "免费给多少独居老人装了烟感": the question word counts the thing right after it.
    if (rule.kind === "money" && countsThingAfter(question)) continue;
    // "一顿饭收多少钱": what is charged, not a subsidy.
    // "一份饭老人自己要掏多少钱": what the asker pays, which a subsidy is not.
    // "一份卖多少钱": the price it is sold at ("卖了多少钱" is what the sales came to).
    // "医保个人一年交多少": what the asker pays, with or without 钱 after it.
    const charged = rule.kind === "money" && /(?:收|掏|付|交|缴)(?:了|取)?(?:多少|几)(?:钱|块|[？?]?\s*$)|卖(?:多少|几)(?:钱|块)/.test(question) ? "收" : undefined;
    // "每个给补多少钱": a subsidy.
    const subsidy = rule.kind === "money" && /补(?:了|给)?(?:多少|几)/.test(question) ? "补贴" : undefined;
    const subject = rule.kind === "money" ? charged ?? subsidy ?? MONEY_SUBJECT.exec(question)?.[0] ?? EARNED.exec(question)?.[0] : rule.kind === "percent" ? RATE_SUBJECT.exec(question)?.[0] ?? shareSubject(question) : undefined;
    // "一年计划投多少钱": per year is what a year's total gives; "一亩多少钱" asks a rate per thing.
    // "三八节那天集市一天卖了多少钱": one day named, its total; not a rate per day.
    const oneDayNamed = /那天|当天|这天|那一天|\d+\s*[日号]|节/.test(question);
    // "个人一年交多少", "自己掏多少": what one person pays.
    const perUnit = rule.kind === "money" && (PER_UNIT.test(question.replace(/[一每]年/g, "").replace(oneDayNamed ? /一天/g : /$^/g, "")) || PAYER_ASKED.test(question));
    return { kind: rule.kind, label: rule.label, ...(subject ? { subject } : {}), ...(perUnit ? { perUnit: true } : {}) };
  }
  // Sizes asked without a measure word: "面积多大", "多长", "多重" are answered in their own measures.
  for (const size of SIZES) if (size.pattern.test(question)) return { kind: "count", measure: size.measure, label: size.label };
  // "那9个村是哪几个" asks for the villages, not for a count.
  if (LIST.test(question)) {
    // "那9个村是哪几个": the list must be of villages, not of whatever else the passage enumerates.
    const noun = /\d+\s*[个种家所项类]([\u4e00-\u9fff]{1,4}?)(?:都|具体|分别)?是/.exec(question)?.[1] ?? LISTED_KIND.exec(question)?.[1] ?? PAPERS_KIND.exec(question)?.[1] ?? listedNoun(question) ?? LISTED_AFTER_MEASURE.exec(question)?.[1];
    // "那7家企业都是哪几家": companies, not "重点行业"; a longer noun keeps its last two characters.
    return { kind: "list", label: "具体名单", ...(noun ? { measure: noun.slice(-2) } : {}) };
  }
  // "区人民医院院长叫啥": a person's name, whatever else the passage names.
  if (PERSON_NAME.test(question) || /是谁|谁是|哪位|哪个人|谁(?:负责|牵头|带队|拿|获|得了|夺|当选|评上|被评|排)|谁[\u4e00-\u9fff]{1,3}的[？?]?\s*$|(?:院长|校长|局长|书记|主任|镇长|所长|站长|队长|馆长|经理|董事长|负责人|带头人|联系人)(?:是|叫)/.test(question)) return { kind: "name", label: "具体是谁", measure: "人", given: question };
  // "热线电话多少", "联系电话": a number to call, which no count gives.
  if (PHONE_ASKED.test(question)) return { kind: "name", label: "电话号码", measure: "电话", given: question };
  if (RANK_ASKED.test(question)) return { kind: "name", label: "名次", measure: "名次", given: question };
  // "停车证去哪办", "公租房咋申请 要带啥材料": how to get something done, which only a clause telling the way answers.
  if (PROCEDURE_ASKED.test(question)) return { kind: "name", label: "办理方式", measure: "办理", given: question };
  // "孵化基地在哪个位置": a place, named by its road, street, village or building.
  if (/在哪|哪个位置|什么位置|什么地方|哪个地方|哪里|哪儿|地址|地点|位置/.test(question)) return { kind: "name", label: "具体位置", measure: "地点", given: question };
  const stock = STOCK.test(question) && !ADDED.test(question) ? { stock: true } : {};
  if (PEOPLE.test(question)) return { kind: "people", label: "人数", ...stock };
  // "其中党员多少": people; "高校毕业生有多少" names which people, so it stays a count of them below.
  if (PEOPLE_BEFORE.test(question) && countedThing(question).counted === undefined) return { kind: "people", label: "人数", ...stock };
  const count = COUNT.exec(question);
  if (count?.[1]) {
    const measure = count[1];
    if (PEOPLE_MEASURES.has(measure)) return { kind: "people", label: "人数", ...stock };
    if (/元$/.test(measure)) return { kind: "money", label: "金额" };
    // 个 counts anything: "燃气报警器几个" is answered by "130 名独居老人安装燃气报警器".
    const perThing = PER_THING.test(question) ? { perUnit: true } : {};
    if (measure === "个") {
      const thing = countedThing(question);
      // "自己建了几个": a figure in 个 is the likelier answer than one in 支 or 人 (a preference, not a filter).
      return typeOfCounted(question, thing.counted) ?? { kind: "number", label: "数字", measure: "个", ...perThing, ...stock, ...thing };
    }
    // "多少起价格违法案件": the passage's count must be of 价格违法案件 (some pair of its characters).
    const counted = withoutVerbAfter(ownWords(new RegExp(`(?:多少|几)\\s*${escapeRegExp(measure)}(?![没不未在被已了的都是有还要需能会得该])([\\u4e00-\\u9fff]{3,8})`).exec(question)?.[1]));
    // "多少条预警": 预警, what a figure in another counting word ("预警信号6次") may also count.
    const thing = COUNTING_MEASURES.has(measure) || measure === "家" ? withoutVerbAfter(ownWords(new RegExp(`(?:多少|几)\\s*${escapeRegExp(measure)}([\\u4e00-\\u9fff]{2,8})`).exec(question)?.[1]))?.replace(/[了吗呢啊呀的]+$/, "") : undefined;
    return { kind: "count", measure, label: `数量（${measure}）`, ...perThing, ...stock, ...(counted && counted.length > 1 ? { counted } : {}), ...(thing && thing.length > 1 && !NOT_A_THING.test(thing) ? { thing } : {}) };
  }
  const name = NAME.exec(question);
  if (name) {
    // "哪所学校", and "新集团都叫啥名": the kind of thing named.
    const noun = /(?:哪个|哪所|哪家|那所|那个|哪一家|哪一个)[\u4e00-\u9fff]{0,4}?(小区|学校|中学|小学|初中|高中|企业|公司|科室?|村|社区|医院|项目|部门|园区|基地|街道)/.exec(question)?.[1]
      ?? /(集团|公司|企业|学校|小学|中学|初中|高中|小区|医院|村|社区|园区|基地)(?:都|分别|的)?(?:叫|是)(?:啥|什么)/.exec(question)?.[1];
    return { kind: "name", label: "具体名称", given: question, ...(noun ? { measure: noun.replace(/室$/, "") } : {}) };
  }
  if (ANY_NUMBER.test(question)) {
    const thing = countedThing(question);
    // "考上本科的每人资助多少": a figure for each one, not the total.
    return typeOfCounted(question, thing.counted, stock) ?? { kind: "number", label: "数字", ...stock, ...thing, ...(PER_THING.test(question) ? { perUnit: true } : {}) };
  }
  // "非遗项目总数", "站点个数": how many of the thing named before 数.
  const counted = COUNT_OF.exec(question)?.[1];
  if (counted) return { kind: "number", label: "数字", counted };
  return undefined;
}

/**
 * "装了多少台，日间照料中心一共多少张床位": a question asking for several values, one per part,
 * each part with the kind of value it asks for. One part or none: an empty list.
 */
export function askedParts(question: string): { text: string; type: AnswerType }[] {
  const parts = question
    .split(/[，,？?；;。！!\s]+|(?=还有|另外|以及)/)
    .map((text) => text.trim())
    .filter((text) => text.length > 1)
    .flatMap((text) => {
      const type = detectAnswerType(text);
      return type ? [{ text, type }] : [];
    });
  return parts.length > 1 ? parts : [];
}
