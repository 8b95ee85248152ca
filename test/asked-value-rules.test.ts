import { describe, expect, it } from "vitest";
import { detectAnswerType } from "../src/query/answer-type.js";
import { countedThing } from "../src/query/counted-in-question.js";
import { askedGrade, askedSubset } from "../src/query/asked-subset.js";
import { carriesValue } from "../src/query/carries-value.js";
import { reportsJustAfter } from "../src/query/period-reports.js";
import { FEE_ASKED } from "../src/query/fee-question.js";
import { withoutCourtesy } from "../src/query/courtesy.js";
import { writeYearsInDigits } from "../src/text/chinese-numerals.js";
import { understandQuery } from "../src/query/understand-query.js";
import { createUnitMatcher } from "../src/query/unit-aliases.js";
import { ASKED_ON, ownIssue, withOwnBulletin } from "./helpers/own-bulletins.js";

describe("what a question asks, read from how staff say it", () => {
  it("reads a fee named before 不 as a fee question", () => {
    expect(FEE_ASKED.test("23年8月那期二级社体指导员培训 学员要自己掏培训费不")).toBe(true);
    expect(FEE_ASKED.test("学员培训了多少人")).toBe(false);
  });

  it("asks one day's total for 头一天, and a rate for 一天", () => {
    expect(detectAnswerType("前年峡窝年货大集开市头一天卖了多少钱")?.perUnit).toBeUndefined();
    expect(detectAnswerType("托管班一天收多少钱")?.perUnit).toBe(true);
  });

  it("counts those who did something, not what they did it to", () => {
    expect(countedThing("截止21年4月底 65岁以上老人签了家医的有多少")).toEqual({});
    expect(countedThing("网格员有多少")).toEqual({ counted: "网格员" });
  });
});

describe("a grade or a part asked by name", () => {
  it.each([
    ["去年广场舞比赛 二等奖评了几个队", "二等奖"],
    ["房子里 A级的有几栋", "A级"],
    ["全区一级古树有几棵", "一级"],
    // Kinds counted, two grades together, an ordinal: no one grade asked.
    ["小水库那三类责任人 一共落实了几个", undefined],
    ["一二类苗占比多少", undefined],
  ])("%s -> %s", (question, grade) => {
    expect(askedGrade(question)).toBe(grade);
  });

  it("answers a grade only from a clause that names it, PDF spaces and all", () => {
    const type = detectAnswerType("去年广场舞比赛 二等奖评了几个队")!;
    expect(carriesValue("从24支队伍中评出一等奖3个", type)).toBe(false);
    expect(carriesValue("评出一等奖3个、二 等奖6个", type)).toBe(true);
  });

  it("counts each person once for 多少位, not their turns in 人次", () => {
    const type = detectAnswerType("智慧课堂培训 一共培训了多少位老师")!;
    expect(carriesValue("分4期组织教师培训，参训教师860人次", type)).toBe(false);
    expect(carriesValue("分4期组织教师培训，参训教师312名", type)).toBe(true);
  });

  it("answers which body with one the question does not name", () => {
    const type = detectAnswerType("22年矿山救护队那次透水事故演练是跟哪个部门联合搞的")!;
    expect(carriesValue("10月20日，区矿山救护队联合区应急管理局开展透水事故应急救援演练", type)).toBe(true);
    expect(carriesValue("10月20日，区矿山救护队开展透水事故应急救援演练", type)).toBe(false);
  });

  it("reads the rest beside the things set aside as the part asked", () => {
    expect(askedSubset("21年辅具适配 除了轮椅助听器 拐杖助行器配了多少件")).toBe("拐杖助行器");
  });
});

describe("a figure of other months than asked", () => {
  it("gives no figure for 1—10月 when the first three quarters are asked", async () => {
    const text = ownIssue(70, "2023-11-23", "区融资担保中心担保业务稳步增长 1—10 月，区融资担保中心新增融资担保业务 312 笔，担保金额 3.18 亿元，同比增长 12.6%。（区融资担保中心）");
    await withOwnBulletin("2023-70.txt", text, async (ask) => {
      const quarters = await ask("23年担保中心前三季度新增担保金额是多少");
      expect(quarters.citations).toEqual([]);
      expect(quarters.answer).toContain("但没有写明所问的金额");
      const months = await ask("23年1到10月担保中心新增担保金额是多少");
      expect(months.answer).toContain("担保金额3.18亿元");
    });
  });
});

describe("a report just after the period asked", () => {
  it("is on a season that ended days before, not on a year", () => {
    const summer = { from: "2024-06-01", to: "2024-08-31" };
    expect(reportsJustAfter("2024-09-05", summer)).toBe(true);
    expect(reportsJustAfter("2024-10-20", summer)).toBe(false);
    expect(reportsJustAfter("2025-01-10", { from: "2024-01-01", to: "2024-12-31" })).toBe(false);
  });

  it("answers whether it happened that summer from it", async () => {
    const text = ownIssue(45, "2024-09-05", "区水产站平稳度过高温季 7 月以来，区水产站针对持续高温天气开展“泛塘”防范，组织巡查 6 轮，全区鱼塘未发生“泛塘”死鱼事故。（区水产站）");
    await withOwnBulletin("2024-45.txt", text, async (ask) => {
      const answer = await ask("前年夏天高温 鱼塘有没有泛塘死鱼的");
      expect(answer.answer).toMatch(/^没有。据第45期（2024-09-05）区水产站报送：/);
    });
  });
});

describe("a town's figure", () => {
  it("is not the whole district's, reported by another unit", async () => {
    const text = ownIssue(62, "2025-11-20",
      "区畜牧站做好冬季饲草储备 11 月 12 日，区畜牧站在峡窝镇举办饲草青贮技术培训，68 名养殖户参加。2025 年全区储备青贮饲料 1.1 万吨。（区畜牧站）",
      "峡窝镇推进秋冬种 截至 11 月 15 日，峡窝镇秋播小麦 1.6 万亩已全部播种完毕。（峡窝镇）");
    await withOwnBulletin("2025-62.txt", text, async (ask) => {
      const town = await ask("去年峡窝镇自己储备了多少吨青贮饲料");
      expect(town.citations).toEqual([]);
      expect(town.answer).toContain("但没有写明所问的数量（吨）");
      expect((await ask("去年全区储备了多少吨青贮饲料")).answer).toContain("储备青贮饲料1.1万吨");
    });
  });
});

describe("a clause's year, after the unit that opens it", () => {
  it("answers the year asked, not the plan of the issue's own year", async () => {
    const text = ownIssue(23, "2025-05-08", "区育才小学做好秋季招生准备 区育才小学今年计划招收一年级新生 6 个班、270 人，招生对象为 2018 年 9 月 1 日至 2019 年 8 月 31 日出生的适龄儿童。2024 年，学校一年级录取新生 296 人，编为 7 个班。（区育才小学）");
    await withOwnBulletin("2025-23.txt", text, async (ask) => {
      const answer = await ask("前年育才小学一年级最后招了多少新生");
      expect(answer.answer).toBe("据第23期（2025-05-08）区育才小学报送：2024年，学校一年级录取新生296人，编为7个班。[1]");
    });
  });
});

describe("courtesy in a chat", () => {
  it.each([
    ["麻烦问一下，秋季新启用的那所初中叫什么名字？谢谢", "秋季新启用的那所初中叫什么名字？"],
    ["您好，想问下秋季新启用的那所初中叫什么名字", "秋季新启用的那所初中叫什么名字"],
    ["能不能告诉我秋季新启用的那所初中叫什么名字，急", "秋季新启用的那所初中叫什么名字"],
    ["帮忙看下 峡窝21年开春大扫除拉走多少吨垃圾？领导要", "峡窝21年开春大扫除拉走多少吨垃圾？"],
    // A yes/no question, the topic's own words, and courtesy alone stay as they are.
    ["能不能送饭到家", "能不能送饭到家"],
    ["问题整改了多少", "问题整改了多少"],
    ["知道的有多少人", "知道的有多少人"],
    ["谢谢", "谢谢"],
  ])("%s -> %s", (question, rest) => {
    expect(withoutCourtesy(question)).toBe(rest);
  });

  it("answers a question wrapped in courtesy as it answers the bare question", async () => {
    const text = ownIssue(57, "2025-10-30", "区教育局扩充优质学位 2025 年秋季学期，新建的梧桐路小学、青檀初级中学投入使用，新增公办学位 1350 个。（区教育局）");
    await withOwnBulletin("2025-57.txt", text, async (ask) => {
      const bare = await ask("去年秋季新启用的那所初中叫什么名字");
      expect(bare.answer).toContain("青檀初级中学");
      for (const polite of ["麻烦问一下，去年秋季新启用的那所初中叫什么名字？谢谢", "能不能告诉我去年秋季新启用的那所初中叫什么名字，急"]) {
        expect((await ask(polite)).answer).toBe(bare.answer);
      }
    });
  });
});

describe("a year said digit by digit", () => {
  it.each([
    ["二三年夏天农委干了些啥", "23年夏天农委干了些啥"],
    ["二〇二三年夏天", "2023年夏天"],
    // Spans of years and school grades are no years.
    ["这二三年干了啥", "这二三年干了啥"],
    ["二三年来", "二三年来"],
    ["一二年级学生多少", "一二年级学生多少"],
  ])("%s -> %s", (text, written) => {
    expect(writeYearsInDigits(text)).toBe(written);
  });

  it("reads 二一年 as 2021 when asked", () => {
    expect(understandQuery({ text: "二一年一季度税务给小微企业减免了多少税费", today: ASKED_ON, units: createUnitMatcher({ units: [] }) }).period?.label).toBe("2021年第一季度");
  });
});
