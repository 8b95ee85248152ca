/**
 * What kind of value a question asks for, and whether a passage carries one. A figure of another
 * kind is never an answer: "医保码激活了多少人" is not answered by "激活率达82.5%".
 */
export type AnswerKind = "money" | "percent" | "date" | "time" | "duration" | "people" | "count" | "number" | "name" | "list";

export interface AnswerType {
  kind: AnswerKind;
  /** The measure word asked for ("多少起" -> "起"), for counts. */
  measure?: string;
  /** Chinese, for replies: "金额", "人数", "数量（起）". */
  label: string;
  /** The question: a name it gives itself ("信托制") is the topic, not an answer. */
  given?: string;
  /** What the value is of, when the question says: "工资", "补贴", "整改率". The passage must name it too. */
  subject?: string;
  /** "一亩多少钱", "人均", "每月": a rate per unit is asked, not a total. */
  perUnit?: boolean;
  /** "个人最多能贷多少": a limit is asked, which only a clause stating one gives ("最高可贷30万元"), not a total. */
  cap?: boolean;
  /** "签了多少户", "投了多少钱": the verb the question asks the figure of (签, 投); the figure's phrase naming it is the likelier answer. */
  verb?: string;
  /** "二等奖评了几个队", "A级的有几栋": the grade asked, which the clause must name in just these words. */
  grade?: string;
  /** "成交额涨没涨", "比23年多了吧": whether a figure changed against an earlier one, which only a change stated settles ("同比增长8.2%"). */
  change?: boolean;
  /** Thesaurus words of the question's words ("处理率" -> 处置率, "老师" -> 教师), set by the answerer from the search's. */
  synonyms?: Readonly<Record<string, readonly string[]>>;
  /** "一年计划投多少钱", "一年办了多少场": a year's figure is asked; a clause with one ("全年", "年度") is preferred. */
  perYear?: boolean;
  /** "现在总共有多少户": the whole stock is asked; a count of new ones ("新设立4862户") is another figure. */
  stock?: boolean;
  /** What a count counts, as the question names it ("价格违法案件" in "多少起价格违法案件"). */
  counted?: string;
  /** "多少条预警" -> 预警: a figure right after it in another counting word ("预警信号6次") counts it too. */
  thing?: string;
  /** Figures the question gives itself ("那7.3亿专项债"): the asker knows them, so they answer nothing. */
  known?: string[];
  /** "整个活动期间一共": the whole is asked; a figure for one day of it ("开幕当天") is another figure. */
  whole?: boolean;
  /** "7月份单月": one month is asked; a figure for 上半年 or 累计 is another. */
  month?: boolean;
  /** "那7.3亿专项债，老旧小区改造分到多少": a part of a figure the question gives is asked, so it is in that figure's measure. */
  partOfKnown?: boolean;
  /** "达成意向的920人里头高校毕业生有多少": a part of a figure the question gives, so stated with that figure. */
  withinKnown?: boolean;
  /** "备案里头跨省的有多少", "光学生参加了多少": a part of a group asked by name; a figure for the whole group is another figure. */
  subset?: string;
  /** "新发现的糖尿病有多少人": the newly found (of 糖尿病, where the question says) are asked; a figure of all there are is another figure. */
  newlyFound?: string;
  /** "那两个项目 各自能新增多少": a figure for each of several, which one total does not give. */
  eachOf?: boolean;
  /** "不光重点人群，全区总数": a part the question sets aside; a figure said of it is another figure. */
  excluded?: string;
  /** "不算峡窝那块": the whole less a part; a clause that counts the part in gives the whole, another figure. */
  without?: string;
  /** "之前是几个", "原来有多少": the figure before a change is asked, not the one it rose or fell to. */
  before?: boolean;
  /** "推荐去市里评…评上了几户": the level asked (国家, 省, 市, 区); a figure at another level is another figure. */
  level?: string;
  /** "最后实际发下去多少钱": what was done is asked, not what was planned or due. */
  actual?: boolean;
  /** "线上登记哪天开通的": what happened on the date asked (开通); a clause dating something else does not answer. */
  happened?: string;
  /** "队员人数", "几名": how many people, not person-times; a figure in 人 or 名 is the likelier answer than one in 人次. */
  /** "多少位老师": each person once, by a figure in 人, 名 or 位 only (not 人次). */
  eachOnce?: boolean;
  headcount?: boolean;
  /** "涉及多少居民": residents, whom a figure in 户 counts too. */
  households?: boolean;
  /** "接待了多少人次": turns are counted; a figure in 人次 is preferred to one in 人 or 名. */
  turns?: boolean;
  /** "上了几个场景", "建了多少": asked with a verb of something done; a plan's figure is a weaker answer. */
  done?: boolean;
  /** "开年计划营造林多少亩": a plan's figure is asked; a figure of what was done ("完成营造林4860亩") is another. */
  planned?: boolean;
  /** "在托的残疾人有多少": what sets the counted ones apart; a figure said of them is the likelier answer. */
  qualifier?: string;
  /** "初一和高一各计划筛多少人": groups each asked a figure of; a figure for them together answers neither. */
  each?: string[];
  /** The question's topic words, set by the answerer: where the passage names them, the figure must be said of them. */
  focus?: string;
}
