import { describe, expect, it } from "vitest";
import { parseDocument } from "../src/ingest/parse-document.js";
import { accountForEveryCharacter, itemsInSourceOrder } from "./helpers/text-accounting.js";

/** Parses a literal fixture and checks, for every case, that no character was lost or duplicated. */
function parse(text: string) {
  const document = parseDocument({ text });
  expect(accountForEveryCharacter(text, document)).toEqual({ missing: "", extra: "" });
  expect(itemsInSourceOrder(text, document)).toBe(true);
  return document;
}

const MASTHEAD = "上街信息\n\n第 12 期\n\n中共上街区委办公室\n\n2024 年 3 月 7 日\n\n";
const FOOTER = "\n\n本期送：区县处级领导\n\n发：峡窝镇、各街道办事处、区直各单位负责同志\n\n责任编辑：王 明 李晓红\n";

describe("text repair before splitting", () => {
  it("joins lines hard-wrapped by PDF extraction", () => {
    const document = parse(`${MASTHEAD}区农委推进高标准农田建设 一是统筹规划。全年新建高标准\n农田1.2万亩，带动\n种粮大户增收。（区农委）${FOOTER}`);
    expect(document.items).toHaveLength(1);
    expect(document.items[0]!.body).toBe("一是统筹规划。全年新建高标准农田1.2万亩，带动种粮大户增收。");
  });

  it("continues an item across a page break, a page-number line and a repeated masthead", () => {
    const document = parse(
      `${MASTHEAD}区应急管理局开展汛前大检查 一是排查隐患。共检查企业86家，发现并整改\n\n— 2 —\n\n上街信息\n\n问题143处。（区应急管理局）\n\n区医保局提升经办服务 一是推行异地就医直接结算。累计结算2.3万人次。（区医保局）${FOOTER}`,
    );
    expect(document.items.map((item) => item.unit)).toEqual(["区应急管理局", "区医保局"]);
    expect(document.items[0]!.body).toBe("一是排查隐患。共检查企业86家，发现并整改问题143处。");
    expect(document.removed).toEqual(expect.arrayContaining(["— 2 —", "上街信息"]));
  });

  it("treats a form feed as a page break inside a sentence", () => {
    const document = parse(`${MASTHEAD}区统计局完成经济普查 一是入户登记。登记单位\f\n4512个。（区统计局）${FOOTER}`);
    expect(document.items[0]!.body).toBe("一是入户登记。登记单位4512个。");
  });

  it("removes spaces that extraction inserts between Chinese characters and around figures", () => {
    const document = parse(`${MASTHEAD}区公安局深化平安建设 紧扣群众需求，联合法官、检察官、司 法调解员开展走访，化解纠纷 1700 余起，覆盖 群众超 1.5 万人。（区公安局）${FOOTER}`);
    expect(document.items[0]!.body).toBe("紧扣群众需求，联合法官、检察官、司法调解员开展走访，化解纠纷1700余起，覆盖群众超1.5万人。");
  });

  it("accepts half-width brackets in attributions", () => {
    const document = parse(`${MASTHEAD}区教育局推进集团化办学 按照"以优带弱"思路，组建4大教育集团。(区教育局)${FOOTER}`);
    expect(document.items[0]!.unit).toBe("区教育局");
    expect(document.items[0]!.attribution).toBe("(区教育局)");
  });

  it("reads Markdown mastheads, heading titles and bold titles", () => {
    const document = parse(
      "# 上街信息\n\n## 第8期\n\n中共上街区委办公室\n\n2026年2月12日\n\n### 峡窝镇推进乡村振兴\n\n一是发展特色种植。新增软籽石榴300亩。（峡窝镇）\n\n**区科工信局助企纾困** 一是走访企业。走访规上企业57家。（区科工信局）" + FOOTER,
    );
    expect([document.issue, document.year, document.date]).toEqual([8, 2026, "2026-02-12"]);
    expect(document.items.map((item) => [item.unit, item.title, item.body])).toEqual([
      ["峡窝镇", "峡窝镇推进乡村振兴", "一是发展特色种植。新增软籽石榴300亩。"],
      ["区科工信局", "区科工信局助企纾困", "一是走访企业。走访规上企业57家。"],
    ]);
  });

  it("reads spaced, unspaced and Chinese-numeral dates and issue numbers", () => {
    const spaced = parse(`上街信息\n第 8 期\n中共上街区委办公室\n2023 年 8 月 14 日\n区法院开展普法 近日，走进校园。（区法院）`);
    expect([spaced.issue, spaced.date]).toEqual([8, "2023-08-14"]);
    const compact = parse(`上街信息\n第64期\n中共上街区委办公室\n2025年11月27日\n区法院开展普法 近日，走进校园。（区法院）`);
    expect([compact.issue, compact.date]).toEqual([64, "2025-11-27"]);
    const numerals = parse(`上街信息\n第十二期\n中共上街区委办公室\n二〇二三年八月十四日\n区法院开展普法 近日，走进校园。（区法院）`);
    expect([numerals.issue, numerals.year, numerals.date]).toEqual([12, 2023, "2023-08-14"]);
    const oneLine = parse(`上街信息 第 3 期 中共上街区委办公室 2026年1月15日\n区法院开展普法 近日，走进校园。（区法院）`);
    expect([oneLine.issue, oneLine.date, oneLine.publisher, oneLine.items.length]).toEqual([3, "2026-01-15", "中共上街区委办公室", 1]);
  });
});

describe("splitting a bulletin into items", () => {
  it("reads a joint report's units", () => {
    const document = parse(`${MASTHEAD}区卫健委 区医保局联合开展义诊 一是组建医疗队。服务群众3200人次。（区卫健委 区医保局）\n\n区人社局、区总工会举办招聘会 近日，提供岗位860个。（区人社局、区总工会）${FOOTER}`);
    expect(document.items.map((item) => item.units)).toEqual([["区卫健委", "区医保局"], ["区人社局", "区总工会"]]);
    expect(document.items.map((item) => item.unit)).toEqual(["区卫健委", "区人社局"]);
  });

  it("ends an item at an attribution glued to the next item on the same line", () => {
    const document = parse(`${MASTHEAD}区教育局推进课后服务 一是拓展课程。开设课程120门。（区教育局）区司法局推进普法 一是进社区。开展讲座36场。（区司法局）${FOOTER}`);
    expect(document.items.map((item) => [item.unit, item.title])).toEqual([
      ["区教育局", "区教育局推进课后服务"],
      ["区司法局", "区司法局推进普法"],
    ]);
  });

  it("reads △ notes as briefs without a headline", () => {
    const document = parse(`${MASTHEAD}区农委护航三夏 一是技术指导。（区农委）\n\n△ 近日，区检察院举办开放日活动，邀请16名学生参加。（区检察院）\n\n△ 5月31日，区统计局发放奖励410万元。（区统计局）${FOOTER}`);
    expect(document.items.map((item) => [item.kind, item.unit, item.title])).toEqual([
      ["report", "区农委", "区农委护航三夏"],
      ["brief", "区检察院", ""],
      ["brief", "区统计局", ""],
    ]);
    expect(document.items[1]!.body).toBe("近日，区检察院举办开放日活动，邀请16名学生参加。");
  });

  it("keeps parentheses that are not attributions inside the body", () => {
    const document = parse(`${MASTHEAD}区住建局加强行业党建 出台《党建工作指引（试行）》。区住建局（交通运输局）新增指导职责，覆盖网约车司机（含快递员）\n群体2000余人。（区住建局）${FOOTER}`);
    expect(document.items).toHaveLength(1);
    expect(document.items[0]!.unit).toBe("区住建局");
    expect(document.items[0]!.body).toContain("区住建局（交通运输局）新增指导职责");
  });

  it("never turns footer lines into items, and keeps editors and recipients", () => {
    const document = parse(`${MASTHEAD}区农委护航三夏 一是技术指导。（区农委）${FOOTER}`);
    expect(document.items).toHaveLength(1);
    expect(document.editors).toEqual(["王明", "李晓红"]);
    expect(document.recipients).toEqual(["本期送：区县处级领导", "发：峡窝镇、各街道办事处、区直各单位负责同志"]);
  });

  it("keeps trailing text that no unit closes as an item without a unit", () => {
    const document = parse(`${MASTHEAD}区农委护航三夏 一是技术指导。（区农委）\n\n编者按：以上材料由各单位报送。${FOOTER}`);
    expect(document.items.map((item) => item.unit)).toEqual(["区农委", null]);
  });

  it("reads a text without a bulletin masthead as articles, never dropping it", () => {
    const document = parse("城市更新跑出加速度\n本报讯（记者 张三）近日，某区完成老旧小区改造12个。\n\n社区食堂开张\n本报记者 李四\n社区食堂日均接待老人300人次。");
    expect(document.kind).toBe("article");
    expect(document.items.map((item) => item.title)).toEqual(["城市更新跑出加速度", "社区食堂开张"]);
    expect(document.items.map((item) => item.unit)).toEqual([null, null]);
  });
});
