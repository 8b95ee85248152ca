import { describe, expect, it } from "vitest";
import { foldTraditional } from "../src/text/fold-traditional.js";

describe("foldTraditional", () => {
  it("folds traditional unit names and masthead words to simplified", () => {
    expect(foldTraditional("（區教育局）")).toBe("（区教育局）");
    expect(foldTraditional("區衛健委 區疾控中心")).toBe("区卫健委 区疾控中心");
    expect(foldTraditional("上街信息（專報）總第112期")).toBe("上街信息（专报）总第112期");
    expect(foldTraditional("責任編輯：劉曉紅")).toBe("责任编辑：刘晓红");
  });

  it("leaves simplified text, figures and Latin text as they are", () => {
    expect(foldTraditional("区教育局组建4大教育集团，覆盖12所学校。")).toBe("区教育局组建4大教育集团，覆盖12所学校。");
    expect(foldTraditional("PDF 2024-05-08")).toBe("PDF 2024-05-08");
    expect(foldTraditional("")).toBe("");
  });

  it("keeps the length of the text, so offsets in the folded text point into the original", () => {
    const text = "乾隆年間，區政府辦於臺灣路設立服務中心（區政府辦供稿）";
    expect(foldTraditional(text)).toHaveLength(text.length);
    expect(foldTraditional(text)).toBe("乾隆年间，区政府办于台湾路设立服务中心（区政府办供稿）");
  });
});
