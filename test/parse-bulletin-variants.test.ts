import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseChecked } from "./helpers/parse-checked.js";

const fixtures = path.resolve(import.meta.dirname, "fixtures/bulletins");
const parseFixture = (name: string) => parseChecked(readFileSync(path.join(fixtures, name), "utf8"));

describe("bulletins as other offices write them (test/fixtures/bulletins)", () => {
  it("municipal-supplement.txt: spaced masthead, 增刊第7期, publisher and date on one line, one unsigned item", () => {
    const document = parseFixture("municipal-supplement.txt");
    expect(document).toMatchObject({
      kind: "bulletin", series: "信息简报", edition: "supplement", issue: 7, totalIssue: null, year: 2024, date: "2024-05-20",
      publisher: "中共江川市委办公室", editors: [],
      recipients: ["报：省委办公厅，市委常委，市人大常委会、市政府、市政协主要领导", "送：各县（市、区）委办公室，市直各单位"],
    });
    expect(document.items).toEqual([
      {
        position: 1, kind: "report", unit: "中共江川市委办公室", units: ["中共江川市委办公室"], attribution: "",
        title: "全市防汛抗旱工作会议召开",
        body:
          "5月18日，全市防汛抗旱工作会议召开。市委副书记、市长周建国出席并讲话，副市长林晓峰主持。会议通报了今年以来全市雨情水情和防汛准备情况，部署了汛期重点工作。" +
          "会议强调，各级各部门要压紧压实防汛责任，落实领导干部包保责任制，对全市128座水库、46处地质灾害隐患点逐一明确责任人；要强化监测预警，实行24小时值班值守，" +
          "确保险情早发现、早报告、早处置。会议要求，6月10日前完成全部隐患点整改销号。",
      },
    ]);
    expect(document.footer.split("\n").at(-1)).toBe("中共江川市委办公室                        2024年5月20日印发");
  });

  it("county-work-news.md: 年第N期 with 总第, ○ date, units led by 单位： and 【单位】, ◆ ● ■ briefs", () => {
    const document = parseFixture("county-work-news.md");
    expect(document).toMatchObject({
      kind: "bulletin", series: "工作动态", edition: "regular", issue: 15, totalIssue: 412, year: 2023, date: "2023-09-08",
      publisher: "中共清河县委办公室", editors: ["孙丽华"], recipients: [],
    });
    expect(document.items.map((item) => [item.kind, item.units, item.attribution])).toEqual([
      ["brief", ["柳林镇"], "柳林镇："],
      ["brief", ["县农业农村局"], "【县农业农村局】"],
      ["brief", ["县医保局"], "（县医保局供稿）"],
      ["brief", ["县教育局"], "县教育局："],
    ]);
    expect(document.items[1]!.body).toBe("组织12个技术服务小分队深入田间地头，指导农户科学晾晒储存，累计发放技术明白纸5000余份。");
  });

  it("office-own-items.txt: ISO date with time, numbered unsigned items given to the publisher", () => {
    const document = parseFixture("office-own-items.txt");
    expect(document).toMatchObject({
      kind: "bulletin", series: "政务信息", edition: "regular", issue: 12, totalIssue: null, year: 2022, date: "2022-03-23",
      publisher: "清河县人民政府办公室", editors: ["何志远"],
    });
    expect(document.items.map((item) => [item.unit, item.title])).toEqual([
      ["清河县人民政府办公室", "一、全县一季度经济运行平稳向好"],
      ["清河县人民政府办公室", "二、重点项目建设加快推进"],
      ["清河县人民政府办公室", "三、春季安全生产大检查全面启动"],
    ]);
    expect(document.items[1]!.body).toBe("今年全县安排重点项目86个，总投资312亿元。截至3月20日，已开工项目41个，开工率47.7%，完成投资38.5亿元。");
  });

  it("traditional-report.txt: 专报 in traditional characters, units folded, text kept as written", () => {
    const document = parseFixture("traditional-report.txt");
    expect(document).toMatchObject({
      kind: "bulletin", series: "上街信息", edition: "report", issue: 3, year: 2025, date: "2025-07-02", publisher: "中共上街区委办公室",
      editors: ["劉曉紅"], recipients: ["本期送：區縣處級領導"],
    });
    expect(document.items.map((item) => [item.units, item.title, item.attribution])).toEqual([
      [["区教育局"], "區教育局全力做好2025年中考服務保障工作", "（區教育局）"],
      [["区卫健委", "区疾控中心"], "區衛健委開展夏季傳染病防控", "（區衛健委 區疾控中心）"],
    ]);
  });

  it("attribution-forms.txt: 年第N期 in Chinese numerals, （总第112期）, attributions with 供稿, 报送 and writers", () => {
    const document = parseFixture("attribution-forms.txt");
    expect(document).toMatchObject({
      kind: "bulletin", series: "上街信息", edition: "regular", issue: 21, totalIssue: 112, year: 2018, date: "2018-09-14",
      publisher: "中共上街区委办公室", editors: ["郝婕"],
    });
    expect(document.items.map((item) => [item.unit, item.title, item.attribution])).toEqual([
      ["区政府办", "区政府办加强政务值班管理", "（区政府办供稿）"],
      ["区卫健委", "区卫健委推进家庭医生签约服务", "（供稿：区卫健委 张宏伟）"],
      ["区民政局", "区民政局提升养老服务水平", "（区民政局李静）"],
      ["区教育局", "区教育局推进课后服务全覆盖", "（区教育局 报送）"],
    ]);
  });

  it("wrapped-headlines.txt: a headline line running into the body, units ending in 社 and 联, the print run beside the editors", () => {
    const document = parseFixture("wrapped-headlines.txt");
    expect(document.editors).toEqual(["郝婕", "许亦是"]);
    expect(document.items.map((item) => [item.kind, item.unit, item.title])).toEqual([
      ["report", "区人社局", "区人社局“春风行动”开年送岗稳就业"],
      ["report", "区供销社", "区供销社全力做好春耕农资保供服务"],
      ["brief", "区工商联", ""],
    ]);
    expect(document.items[0]!.body.startsWith("区人社局以“春风送真情就业暖人心”为主题")).toBe(true);
  });

  it("figure-headlines.txt: a headline with a spaced figure ends where a date (9 月 1 日起) or a year's report opens the body; units ending in 协 and 大学; a line wraps after a closing quote", () => {
    const document = parseFixture("figure-headlines.txt");
    expect(document.items.map((item) => [item.kind, item.units, item.title])).toEqual([
      ["report", ["区人武部"], "区人武部圆满完成2024年下半年征兵任务"],
      ["report", ["区财政局"], "区财政局2024年财政运行总体平稳"],
      // The second date of a range opens nothing.
      ["report", ["区商务局"], "区商务局举办“网上年货节”激发消费活力"],
      // "9 月 1 日起，" opens the body as "9 月 20 日，" does; "2025 年度" inside the headline does not.
      ["report", ["区医保局"], "区医保局启动2025年度城乡居民医保集中征缴"],
      ["report", ["区卫健委", "区计生协"], "区卫健委 区计生协推进普惠托育服务扩容提质"],
      ["brief", ["区老年大学"], ""],
    ]);
    expect(document.items[0]!.body.startsWith("9月20日，全区下半年入伍新兵")).toBe(true);
    // A line ending in a closing quote with no full stop before it wraps on.
    expect(document.items[2]!.body).toBe("1月25日至2月10日，组织126家商户线上线下同步参展，设立“上街好物”直播间。");
  });

  it("notice-article.txt: a notice is one article, dated by its signature", () => {
    const document = parseFixture("notice-article.txt");
    expect([document.kind, document.issue, document.date]).toEqual(["article", null, "2024-05-20"]);
    expect(document.items.map((item) => [item.kind, item.title, item.unit])).toEqual([["article", "关于做好2024年汛期值班值守工作的通知", null]]);
    expect(document.items[0]!.body.endsWith("值班表报县应急管理局。\n清河县人民政府办公室2024年5月20日")).toBe(true);
  });
});
