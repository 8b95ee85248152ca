import { describe, expect, it } from "vitest";
import { parseChecked } from "./helpers/parse-checked.js";

describe("texts without a bulletin masthead", () => {
  it("gives an article that ends with a unit attribution that unit", () => {
    const document = parseChecked("区农委护航三夏 一是技术指导。二是农机调度，投入收割机260台。（区农委）");
    expect(document.kind).toBe("article");
    expect(document.items.map((item) => [item.unit, item.units, item.title, item.body, item.attribution])).toEqual([
      ["区农委", ["区农委"], "区农委护航三夏", "一是技术指导。二是农机调度，投入收割机260台。", "（区农委）"],
    ]);
  });

  it("keeps a one-paragraph document as body, so an answer has text to quote", () => {
    const document = parseChecked("近日，区教育局召开全区中小学安全工作会议，部署暑期安全工作。（区教育局）");
    expect(document.items.map((item) => [item.title, item.body, item.unit])).toEqual([
      ["", "近日，区教育局召开全区中小学安全工作会议，部署暑期安全工作。", "区教育局"],
    ]);
    const unsigned = parseChecked("全区新增城镇就业1.2万人，完成全年目标的46%。");
    expect(unsigned.items.map((item) => [item.title, item.body, item.unit])).toEqual([["", "全区新增城镇就业1.2万人，完成全年目标的46%。", null]]);
  });

  it("takes the headline from the start of a first paragraph that opens with a sentence, bold or not", () => {
    const plain = parseChecked("区样本局推进样本库建设 区样本局按照“先易后难”思路，逐步完善\n格式样本库。");
    expect(plain.items.map((item) => [item.title, item.body])).toEqual([["区样本局推进样本库建设", "区样本局按照“先易后难”思路，逐步完善格式样本库。"]]);
    const bold = parseChecked("**区样本局推进样本库建设**一是完善格式，二是扩充样本。");
    expect(bold.items.map((item) => [item.title, item.body])).toEqual([["区样本局推进样本库建设", "一是完善格式，二是扩充样本。"]]);
  });

  it("keeps the headline of a one-line headline-only document as body", () => {
    const document = parseChecked("区委召开常委会议");
    expect(document.items.map((item) => [item.title, item.body])).toEqual([["", "区委召开常委会议"]]);
  });

  it("dates a notice by the signature date at its end", () => {
    const document = parseChecked("关于做好汛期值班工作的通知\n\n各乡镇人民政府，县直各单位：\n现就做好汛期值班工作通知如下：实行24小时值班制度。\n\n清河县人民政府办公室\n2024年5月20日");
    expect([document.kind, document.date, document.year]).toEqual(["article", "2024-05-20", 2024]);
    expect(document.items.map((item) => [item.title, item.unit])).toEqual([["关于做好汛期值班工作的通知", null]]);
  });

  it("reads the date line under a web export's headline as the date, not as part of the headline", () => {
    const document = parseChecked("柳林镇秋粮收获过六成\n2022-09-23 11:18\n柳林镇组织联合收割机36台开展跨村作业，已收获玉米2.1万亩。");
    expect([document.kind, document.date]).toEqual(["article", "2022-09-23"]);
    expect(document.items.map((item) => [item.title, item.body])).toEqual([
      ["柳林镇秋粮收获过六成", "2022-09-23 11:18柳林镇组织联合收割机36台开展跨村作业，已收获玉米2.1万亩。"],
    ]);
  });

  it("leaves newspaper articles without a unit", () => {
    const document = parseChecked("城市更新跑出加速度\n本报讯（记者 张三）近日，某区完成老旧小区改造12个。");
    expect(document.items.map((item) => [item.title, item.unit, item.attribution])).toEqual([["城市更新跑出加速度", null, ""]]);
  });
});
