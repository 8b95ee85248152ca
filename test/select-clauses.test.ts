import { describe, expect, it } from "vitest";
import { scoreClauses } from "../src/answer/select-sentences.js";
import { detectAnswerType } from "../src/query/answer-type.js";

const weight = () => 1;

/** The best-scored clause of `text` for `question` (its answer type read from it), every term weighing the same. */
const bestClause = (question: string, options: Omit<Parameters<typeof scoreClauses>[0], "weight" | "answerType">) =>
  scoreClauses({ ...options, weight, answerType: detectAnswerType(question) })[0]?.text;

describe("scoreClauses: the clause whose figure is of the thing asked", () => {
  it("finds a part of the year asked (一季度) in the span of months a report writes for it (1—3月)", () => {
    const text = "中心设立食品快检室，一季度完成快速检测4860批次。1—3月，中心完成食品安全监督抽检680批次。";
    expect(bestClause("一季度抽检了多少批", { text, terms: ["一季度", "抽检"] })).toBe("1—3月，中心完成食品安全监督抽检680批次。");
  });

  it("takes the character reports write for a spoken verb (卖 -> 销售, 买 -> 购) as the verb asked", () => {
    const text = "中心开展彩票公益进社区活动14场。全区销售彩票1.08亿元，同比增长6.2%。";
    expect(bestClause("彩票卖了多少", { text, terms: ["彩票"] })).toBe("全区销售彩票1.08亿元，同比增长6.2%。");
  });

  it("prefers the figure whose own phrase has the question's words", () => {
    const text = "全区26所学校开设课后服务，参与学生1.83万人。引入退休教师等校外人员74名进校授课，减轻教师负担。";
    expect(bestClause("从校外请了多少人进学校上课", { text, terms: ["校外", "学校", "上课"] })).toContain("校外人员74名");
  });

  it("prefers the figure whose phrase has the verb asked of it (签了多少户: 已签约农户2180户)", () => {
    const text = "截至5月底，已签约农户2180户，完成安装1460户。一是统一标准，对136户屋顶承重不达标的农户暂缓安装。";
    const terms = ["峡窝", "农户", "屋顶", "装", "光伏", "签"];
    expect(bestClause("农户屋顶装光伏的签了多少户", { text, terms, title: "峡窝镇整镇推进屋顶分布式光伏建设" })).toContain("已签约农户2180户");
  });

  it("counts the parts of a word not found whole next to the figure (非遗项目: 非遗代表性项目达47项)", () => {
    const text = "总分馆联动开展文艺演出、非遗展演等活动38场。新增省级非遗代表性项目1项，全区非遗代表性项目达47项。";
    expect(bestClause("非遗项目总数", { text, terms: ["非遗", "项目", "非遗项目"] })).toContain("47项");
  });

  it("prefers the figure next to the thing counted over one that counts something else about it", () => {
    const text = "上线燃气安全、独居老人关爱等应用场景18个。依托水电燃气数据建立模型，对860名独居老人实行异常用能自动预警。";
    expect(bestClause("盯独居老人那个一共管着多少老人", { text, terms: ["独居", "老人", "管"] })).toContain("860名独居老人");
    expect(bestClause("征兵最后定下来几个新兵", { text: "全区网上报名1126人。共确定入伍新兵58名，其中男兵53名。", terms: ["征兵", "新兵"] })).toContain("新兵58名");
  });

  it("prefers what was done to what comes next when the question asks what was done (上了几个场景)", () => {
    const text = "二是城市运行一屏观。建成指挥平台，上线燃气安全、独居老人关爱等应用场景18个。下一步，将推动一网统管平台向街道延伸，年底前新增应用场景6个以上。";
    const asked = { text, terms: ["一网统管", "场景"], weight, title: "区数据局加快建设城市运行“一网统管”数字底座" };
    expect(scoreClauses({ ...asked, answerType: detectAnswerType("一网统管上了几个场景") })[0]?.text).toContain("18个");
    // Asked what is planned, the plan is the answer.
    expect(scoreClauses({ ...asked, answerType: detectAnswerType("一网统管还要新增几个场景") })[0]?.text).toContain("6个以上");
    // "建好几个了": a verb with its result asks what was done as well.
    const network = { text: "今年计划建设便民网点36个。截至11月3日，已建成便民网点28个。", terms: ["便民", "网点"], weight };
    expect(scoreClauses({ ...network, answerType: detectAnswerType("便民网点建好几个了") })[0]?.text).toContain("28个");
  });

  it("reads 日均 as the question's 一天平均", () => {
    const clauses = scoreClauses({
      text: "每天9时至21时开放，配备空调、饮水机。7月1日至22日，纳凉点累计接待群众1.2万人次，日均接待545人次。",
      terms: ["一天", "平均", "来"],
      weight,
      answerType: detectAnswerType("纳凉点一天平均来多少人"),
    });
    expect(clauses[0]?.text).toContain("日均接待545人次");
    expect(clauses[0]?.topic).toBeGreaterThan(0.5);
  });

  it("passes over a clause about the other half of the year asked", () => {
    const text = "上半年征兵入伍新兵42名。征兵共确定入伍新兵58名。";
    const years = { from: 2024, to: 2024, part: "下半年", issued: "2024-09-26" };
    expect(bestClause("前年下半年征兵招了几个新兵", { text, terms: ["征兵", "新兵"], years })).toContain("58名");
  });

  it("passes over a clause about another season than asked (春防 for 秋季)", () => {
    const text = "2026年春防期间，全区共免疫猪2.03万头。截至10月13日，已免疫猪1.64万头。";
    const years = { from: 2026, to: 2026, part: "秋季", issued: "2026-10-15" };
    expect(bestClause("今年秋季免疫了多少头猪", { text, terms: ["免疫", "猪"], years })).toContain("1.64万头");
  });

  it("prefers a figure said to be a total when the whole is asked (一共来了多少人)", () => {
    const text = "2处祭扫点组织祭扫志愿者180余名在岗服务。服务期内，2处祭扫点共接待祭扫群众4.26万人次，同比增长8.7%。";
    const synonyms = { of: { 扫墓: ["祭扫"] }, weight: 0.6 };
    expect(bestClause("去年清明一共来了多少人扫墓", { text, terms: ["清明", "扫墓"], synonyms })).toContain("4.26万人次");
  });

  it("finds a Latin-letter term whatever its case (aed in AED)", () => {
    const text = "全区义务教育阶段新生总数5782人。在公园、广场新增 AED 12台，全区公共场所 AED 达98台。";
    expect(bestClause("AED总数", { text, terms: ["aed", "总数"] })).toContain("AED 达98台");
  });

  it("prefers the clause on the year asked over one opening on another year, as its issue means it", () => {
    // An issue of February 2025: its 今年 is 2025, and the question asks about 2024.
    const text = "2024年，全区完成造林1380亩、森林抚育2860亩。今年以来，计划全年完成营造林4500亩，其中新造林1500亩。";
    const asked = { terms: ["造", "林"], weight, answerType: detectAnswerType("前年一共造了多少亩林子"), text };
    expect(scoreClauses({ ...asked, years: { from: 2024, to: 2024, issued: "2025-02-20" } })[0]?.text).toContain("1380亩");
    expect(scoreClauses({ ...asked, years: { from: 2025, to: 2025, issued: "2025-02-20" } })[0]?.text).toContain("4500亩");
  });

  it("prefers a figure in the very measure asked, and the months asked over the year so far (几轮 in 6、7月份)", () => {
    const text = "先后于6月12日、6月24日、7月2日和7月6日组织开展4轮人工增雨作业，共发射火箭弹38枚。今年以来，全区累计开展人工增雨作业7次，发射火箭弹62枚。";
    const question = "去年6、7月份抗旱增雨总共搞了几轮";
    expect(detectAnswerType(question)?.known).toBeUndefined();
    expect(bestClause(question, { text, terms: ["抗旱", "增雨"], years: { from: 2025, to: 2025, partial: true, issued: "2025-07-10" } })).toContain("4轮");
    // Asked for the whole year, the year so far is the answer.
    expect(bestClause("去年一共开展了几次增雨作业", { text, terms: ["增雨", "作业"], years: { from: 2025, to: 2025, partial: false, issued: "2025-07-10" } })).toContain("7次");
  });

  it("prefers a figure in 个 when 几个 is asked of no named thing (建了几个: 4个, not 3支42人)", () => {
    const text = "为失能老人组建送餐志愿队3支42人。整合社区用房，建成老年助餐点4个。";
    expect(bestClause("矿山街道自己建了几个", { text, terms: ["建"] })).toContain("4个");
  });

  it("takes 今年 in the asked year's issue as saying nothing of which clause answers (今年中招… is no nearer 高考)", () => {
    const text = "全区报名考生1468人，较去年增加52人。今年中招文化课考试安排在6月26日至28日，全区共有2310名考生报名。";
    const years = { from: 2024, to: 2024, issued: "2024-06-20" };
    expect(bestClause("24年高考报名多少考生", { text, terms: ["报名", "考生"], years, title: "区招生考试中心做好2024年普通高考服务保障" })).toContain("1468人");
  });

  it("reads progress on a plan as about what the plan named (截至…已建成28个 after 计划…便民网点36个)", () => {
    const text = "今年计划新增和改造早餐店、便利店、快递驿站等便民网点36个。截至11月3日，已建成28个，完成计划的77.8%。辖区9个社区已有7个实现全覆盖。";
    expect(bestClause("便民网点建好几个了", { text, terms: ["便民", "网点"] })).toContain("已建成28个");
    // "纳入改造计划的老旧小区31个" is the list, not a target: the progress after it is on something else.
    const list = "全区纳入改造计划的老旧小区31个。截至6月15日，已开工26个。";
    expect(bestClause("老旧小区改造纳入了几个小区", { text: list, terms: ["老旧小区", "改造", "纳入"] })).toContain("31个");
  });

  it("does not find a one-character verb inside 以来 (来了多少人)", () => {
    const text = "清明假期共接待游客4.1万人次。3月以来劝返携带火种游客160余人次。";
    expect(bestClause("清明放假那三天来了多少人", { text, terms: ["来"] })).toContain("4.1万人次");
  });

  it("answers whether a figure came over its bar with the clause that says it did (超没超计划)", () => {
    const text = "今年招生计划760人，开设专业11个。截至8月25日，已录取新生802人，超过招生计划42人，新生将于8月31日报到。";
    expect(bestClause("职校今年录取人数超没超计划", { text, terms: ["计划"] })).toContain("超过招生计划42人");
  });

  it("takes a count in the measure asked as of the thing the clause before named (今年计划筹集500套)", () => {
    const text = "2025年，全区筹集保障性租赁住房650套，完成年度计划的108.3%。今年计划筹集500套，1—4月已筹集186套。";
    const scored = scoreClauses({ text, terms: ["计划", "筹", "保", "租房"], weight, answerType: detectAnswerType("今年计划筹多少套保障性租赁住房") });
    expect(scored.find((clause) => clause.text.includes("500套"))?.typed).toBe(true);
    // The clause alone says nothing of what it counts.
    expect(scoreClauses({ text: "今年计划筹集500套，1—4月已筹集186套。", terms: ["计划", "筹"], weight, answerType: detectAnswerType("今年计划筹多少套保障性租赁住房") })[0]?.typed).toBe(false);
  });

  it("prefers the figure said of the ones the question sets apart (在托的残疾人)", () => {
    const text = "全年服务残疾人1.2万人次。目前在托残疾人86名，其中重度残疾人52名。";
    expect(bestClause("托养中心里在托的残疾人有多少个", { text, terms: ["托养", "中心", "残疾人"] })).toContain("在托残疾人86名");
  });

  it("prefers a year's figure when a year's is asked", () => {
    const text = "开展读书讲座、阅读分享等活动80余场。全年组织读书活动120余场。";
    expect(bestClause("一年办了多少场读书活动", { text, terms: ["读书", "活动"] })).toContain("120余场");
  });
});

describe("scoreClauses: the question's words said otherwise", () => {
  it("counts a thesaurus word of a question's word, for less than the word itself", () => {
    const text = "全区设立三级河长96名。聘请“民间河长”30名，引导群众参与河湖保护。";
    const terms = ["百姓", "河长", "聘请"];
    const plain = scoreClauses({ text, terms, weight });
    const withSynonyms = scoreClauses({ text, terms, weight, synonyms: { of: { 百姓: ["群众"] }, weight: 0.6 } });
    const topicOf = (clauses: typeof plain) => clauses.find((clause) => clause.text.includes("民间河长"))!.topic;
    expect(topicOf(withSynonyms)).toBeGreaterThan(topicOf(plain));
    expect(topicOf(withSynonyms)).toBeLessThan(1);
  });
});

describe("scoreClauses: a year named inside a clause", () => {
  const options = { terms: ["居民", "健康", "素养", "水平"], years: { from: 2021, to: 2021, issued: "2022-09-15" } };
  it("prefers the clause naming the year asked to one naming the issue's own year", () => {
    const text = "8月22日起，区健康教育所在6个监测点开展2022年城乡居民健康素养监测入户调查，计划调查1200户。监测显示，2021年全区居民健康素养水平为24.6%，较2020年提高2.3个百分点。";
    expect(bestClause("21年全区居民健康素养水平是多少", { ...options, text })).toBe("监测显示，2021年全区居民健康素养水平为24.6%，较2020年提高2.3个百分点。");
  });

  it("does not read the years of a date of birth as the year a figure is of", () => {
    const text = "今年计划招收小班幼儿150名。托小班计划招收2021年9月1日至2022年2月28日出生的幼儿25名，实际报名22名，已全部录取。";
    expect(bestClause("前年托小班招满了吗", { text, terms: ["托", "小班", "招满"], years: { from: 2024, to: 2024, issued: "2024-07-25" } })).toContain("已全部录取");
  });
});

describe("scoreClauses: a noun of an amount before 多少", () => {
  it("reads 处理量 as what is asked, not 量 as a verb near any figure of an amount", () => {
    const text = "今年1—8月，累计处理污水2318万吨，日均处理9.54万吨，同比增长3.2%。再生水日均利用量2.6万吨，主要用于城市绿化。";
    expect(bestClause("今年秋天污水厂日均处理量多少来着", { text, terms: ["日均", "处理", "处理量"] })).toContain("日均处理9.54万吨");
  });
});
