import { describe, expect, it } from "vitest";
import type { ParsedDocument } from "../src/domain.js";
import { itemRows, parseChecked } from "./helpers/parse-checked.js";

/** The masthead metadata of a parsed document, in a fixed order. */
function masthead(document: ParsedDocument) {
  const { kind, series, edition, issue, totalIssue, year, date, publisher } = document;
  return { kind, series, edition, issue, totalIssue, year, date, publisher };
}

const ITEM = "\n\n区教育局推进课后服务 一是拓展课程。开设课程120门。（区教育局）";

describe("masthead forms", () => {
  it("reads a letter-spaced series name", () => {
    const document = parseChecked(`信 息 简 报\n\n第 5 期\n\n中共江川市委办公室\n\n2024年3月1日${ITEM}`);
    expect(masthead(document)).toEqual({
      kind: "bulletin", series: "信息简报", edition: "regular", issue: 5, totalIssue: null, year: 2024, date: "2024-03-01", publisher: "中共江川市委办公室",
    });
    expect(document.header).toBe("信 息 简 报\n第 5 期\n中共江川市委办公室\n2024年3月1日");
  });

  it("reads a series name in book-title marks and 增刊第N期 as a supplement", () => {
    const document = parseChecked(`《信息简报》\n增刊第7期\n中共江川市委办公室\n2024年3月1日${ITEM}`);
    expect([document.series, document.edition, document.issue]).toEqual(["信息简报", "supplement", 7]);
  });

  it("reads 特刊 and 专刊 as special issues, and a special issue may carry no number", () => {
    const numbered = parseChecked(`信息简报\n特刊第2期\n中共江川市委办公室\n2024年3月1日${ITEM}`);
    expect([numbered.edition, numbered.issue]).toEqual(["special", 2]);
    const unnumbered = parseChecked(`信息简报\n（专刊）\n中共江川市委办公室 2024年3月1日${ITEM}`);
    expect(masthead(unnumbered)).toEqual({
      kind: "bulletin", series: "信息简报", edition: "special", issue: null, totalIssue: null, year: 2024, date: "2024-03-01", publisher: "中共江川市委办公室",
    });
  });

  it("reads 专报 glued to the series name, bracketed, or on a line of its own", () => {
    const glued = parseChecked(`上街信息专报\n第2期\n中共上街区委办公室\n2024年3月1日${ITEM}`);
    const bracketed = parseChecked(`上街信息（专报）\n第2期\n中共上街区委办公室\n2024年3月1日${ITEM}`);
    const own = parseChecked(`上街信息\n专报\n第2期\n中共上街区委办公室\n2024年3月1日${ITEM}`);
    for (const document of [glued, bracketed, own]) expect([document.series, document.edition, document.issue]).toEqual(["上街信息", "report", 2]);
  });

  it("keeps 总第N期 as a second number, bracketed or not, and on the issue line or its own", () => {
    const sameLine = parseChecked(`工作动态\n2023年第15期（总第412期）\n中共清河县委办公室\n2023年9月8日${ITEM}`);
    expect([sameLine.issue, sameLine.totalIssue, sameLine.year]).toEqual([15, 412, 2023]);
    const ownLine = parseChecked(`上街信息\n第 21 期\n（总第112期）\n中共上街区委办公室\n2018年9月14日${ITEM}`);
    expect([ownLine.issue, ownLine.totalIssue]).toEqual([21, 112]);
    const onlyTotal = parseChecked(`清河工作动态\n总第3307期\n清河县人民政府办公室 2022-03-23${ITEM}`);
    expect(masthead(onlyTotal)).toEqual({
      kind: "bulletin", series: "清河工作动态", edition: "regular", issue: null, totalIssue: 3307, year: 2022, date: "2022-03-23", publisher: "清河县人民政府办公室",
    });
  });

  it("reads YYYY年第N期 and a bare N期, taking the year from the issue line", () => {
    const yearIssue = parseChecked(`信息简报\n二○二三年第 9 期\n中共江川市委办公室\n2024年1月2日${ITEM}`);
    expect([yearIssue.issue, yearIssue.year, yearIssue.date]).toEqual([9, 2023, "2024-01-02"]);
    const bare = parseChecked(`信息简报\n2024年5期\n中共江川市委办公室\n2024年3月1日${ITEM}`);
    expect([bare.issue, bare.year]).toEqual([5, 2024]);
  });

  it("reads publisher and date on one line in either order, with 编 after the publisher", () => {
    const publisherFirst = parseChecked(`信息简报\n第5期\n中共江川市委办公室编          2024年3月1日${ITEM}`);
    const dateFirst = parseChecked(`信息简报\n第5期\n2024年3月1日　　中共江川市委办公室${ITEM}`);
    const labelled = parseChecked(`信息简报\n第5期\n主办：中共江川市委办公室　2024年3月1日${ITEM}`);
    for (const document of [publisherFirst, dateFirst, labelled]) expect([document.publisher, document.date]).toEqual(["中共江川市委办公室", "2024-03-01"]);
  });

  it("reads series, issue, publisher and date all on one line", () => {
    const document = parseChecked(`信息简报 增刊第3期 中共江川市委办公室 2024年3月1日${ITEM}`);
    expect(masthead(document)).toEqual({
      kind: "bulletin", series: "信息简报", edition: "supplement", issue: 3, totalIssue: null, year: 2024, date: "2024-03-01", publisher: "中共江川市委办公室",
    });
  });

  it("reads decoration lines (内部资料, 注意保存) as part of the masthead", () => {
    const document = parseChecked(`内部资料 注意保存\n信息简报\n第5期\n中共江川市委办公室\n2024年3月1日${ITEM}`);
    expect([document.series, document.issue, document.header.split("\n")[0]]).toEqual(["信息简报", 5, "内部资料 注意保存"]);
  });

  it("takes an unknown short name above the issue number as the series name", () => {
    const document = parseChecked(`上街要闻\n第9期\n中共上街区委办公室\n2024年3月1日${ITEM}`);
    expect([document.kind, document.series, document.issue]).toEqual(["bulletin", "上街要闻", 9]);
  });

  it("reads a traditional-character masthead, keeping the header as written", () => {
    const document = parseChecked(`上街信息（專報）\n第 3 期\n（總第56期）\n中共上街區委辦公室\n二〇二五年七月二日${ITEM}`);
    expect(masthead(document)).toEqual({
      kind: "bulletin", series: "上街信息", edition: "report", issue: 3, totalIssue: 56, year: 2025, date: "2025-07-02", publisher: "中共上街区委办公室",
    });
    expect(document.header).toBe("上街信息（專報）\n第 3 期\n（總第56期）\n中共上街區委辦公室\n二〇二五年七月二日");
  });

  it("stops at the first headline once number and date are known, even one that ends like a series name", () => {
    const document = parseChecked("信息简报\n第5期\n中共江川市委办公室\n2024年3月1日\n全市一季度安全生产情况通报\n1至3月，全市未发生较大以上生产安全事故。");
    expect(document.header).toBe("信息简报\n第5期\n中共江川市委办公室\n2024年3月1日");
    expect(itemRows(document)).toEqual([["report", ["中共江川市委办公室"], "全市一季度安全生产情况通报", "1至3月，全市未发生较大以上生产安全事故。"]]);
  });
});

describe("the bulletin gate", () => {
  it("keeps an issue whose items are all unsigned a bulletin, with its number and date", () => {
    const document = parseChecked("信息简报\n第5期\n中共江川市委办公室\n2024年3月1日\n市委召开常委会议\n3月1日，市委召开常委会议，研究部署春季防火工作。");
    expect(masthead(document)).toEqual({
      kind: "bulletin", series: "信息简报", edition: "regular", issue: 5, totalIssue: null, year: 2024, date: "2024-03-01", publisher: "中共江川市委办公室",
    });
  });

  it("reads a newspaper page as articles even when its masthead carries a number", () => {
    const document = parseChecked("清河报\n总第3307期\n2024年5月8日\n城市更新跑出加速度\n本报讯（记者 张三）近日，某区完成老旧小区改造12个。\n\n社区食堂开张\n本报记者 李四\n社区食堂日均接待老人300人次。");
    expect([document.kind, document.date, document.header]).toEqual(["article", "2024-05-08", "清河报\n总第3307期\n2024年5月8日"]);
    expect(document.items.map((item) => item.title)).toEqual(["城市更新跑出加速度", "社区食堂开张"]);
  });

  it("reads a text with a series name and date but no number and no publisher as articles", () => {
    const document = parseChecked("政务信息\n2024年3月1日\n市委召开常委会议\n3月1日，市委召开常委会议。");
    expect([document.kind, document.issue, document.date]).toEqual(["article", null, "2024-03-01"]);
  });
});

describe("dates", () => {
  const issueWithDate = (date: string) => parseChecked(`信息简报\n第5期\n中共江川市委办公室\n${date}${ITEM}`);

  it("reads Chinese-numeral dates written with 〇, ○ (U+25CB), 零 or the letter O", () => {
    expect(["二〇二四年三月一日", "二○二四年三月一日", "二零二四年三月一日", "二O二四年三月一日"].map((date) => issueWithDate(date).date)).toEqual(
      Array(4).fill("2024-03-01"),
    );
    expect(issueWithDate("二〇二三年十二月二十七日").date).toBe("2023-12-27");
    expect(issueWithDate("二〇二三年十月廿三日").date).toBe("2023-10-23");
    expect(issueWithDate("２０２４年３月１日").date).toBe("2024-03-01");
  });

  it("reads ISO dates with or without a time, and slashes", () => {
    expect(["2018-09-14", "2018-9-14", "2018/09/14", "2018-09-14 11:18", "2018-09-14 11:18:05"].map((date) => issueWithDate(date).date)).toEqual(
      Array(5).fill("2018-09-14"),
    );
  });

  it("skips a match that is no calendar date and takes the next valid one", () => {
    const document = parseChecked(`信息简报\n第5期\n中共江川市委办公室 2024年2月30日 2024年3月2日${ITEM}`);
    expect(document.date).toBe("2024-03-02");
  });

  it("takes the first valid date of the masthead zone, not a later one", () => {
    const document = parseChecked(`信息简报\n第5期 2024年3月1日\n中共江川市委办公室\n${ITEM}\n\n中共江川市委办公室 2024年3月4日印发`);
    expect(document.date).toBe("2024-03-01");
  });

  it("falls back to the 印发 line of the footer when the masthead has no date", () => {
    const document = parseChecked(`信息简报\n第5期\n中共江川市委办公室${ITEM}\n\n报：市委常委\n中共江川市委办公室          2024年3月4日印发\n（共印80份）`);
    expect([document.date, document.year, document.recipients]).toEqual(["2024-03-04", 2024, ["报：市委常委"]]);
    expect(document.footer).toBe("报：市委常委\n中共江川市委办公室          2024年3月4日印发\n（共印80份）");
  });
});
