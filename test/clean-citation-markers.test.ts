import { describe, expect, it } from "vitest";
import { cleanCitationMarkers, renumberCitationMarkers } from "../src/answer/clean-citation-markers.js";

const ONE_TO_FIVE = new Set([1, 2, 3, 4, 5]);

describe("cleanCitationMarkers", () => {
  it("removes a marker pointing at no provided item, with the space before it", () => {
    expect(cleanCitationMarkers({ text: "两年内共交流教师140余人次 [9]。集团化办学[2]。", valid: ONE_TO_FIVE })).toEqual({
      text: "两年内共交流教师140余人次。集团化办学[2]。",
      used: [2],
    });
  });

  it("normalises full-width, lenticular and footnote brackets and full-width digits", () => {
    expect(cleanCitationMarkers({ text: "甲［1］乙【2】丙[^3]丁［４］", valid: ONE_TO_FIVE })).toEqual({ text: "甲[1]乙[2]丙[3]丁[4]", used: [1, 2, 3, 4] });
  });

  it("splits lists and ranges into one marker per item", () => {
    expect(cleanCitationMarkers({ text: "甲[1,2]乙[3，4]丙[1、5]丁[2-4]", valid: ONE_TO_FIVE }).text).toBe("甲[1][2]乙[3][4]丙[1][5]丁[2][3][4]");
  });

  it("merges a run of adjacent markers, ascending, without duplicates or invalid numbers", () => {
    expect(cleanCitationMarkers({ text: "社区养老服务全覆盖[3] [1][3]【9】。", valid: ONE_TO_FIVE })).toEqual({ text: "社区养老服务全覆盖[1][3]。", used: [1, 3] });
    expect(cleanCitationMarkers({ text: "见[2, 9, 2]。", valid: ONE_TO_FIVE }).text).toBe("见[2]。");
  });

  it("lists the remaining markers in first-use order", () => {
    expect(cleanCitationMarkers({ text: "甲[4]。乙[2][4]。丙[1]。", valid: ONE_TO_FIVE }).used).toEqual([4, 2, 1]);
  });

  it("leaves years, document numbers and headings in brackets alone", () => {
    const text = "依据上政〔2025〕12号文件和[2025]年度计划，【典型经验】见[1]。";
    expect(cleanCitationMarkers({ text, valid: ONE_TO_FIVE })).toEqual({ text, used: [1] });
  });

  it("returns text without markers unchanged, with nothing used", () => {
    expect(cleanCitationMarkers({ text: "已收录的简报中没有找到能回答这个问题的内容。", valid: ONE_TO_FIVE })).toEqual({
      text: "已收录的简报中没有找到能回答这个问题的内容。",
      used: [],
    });
  });
});

describe("renumberCitationMarkers", () => {
  it("numbers the used items 1..m in first-use order", () => {
    expect(renumberCitationMarkers({ text: "甲[4]。乙[2][4]。丙[5]。", order: [4, 2, 5] })).toBe("甲[1]。乙[1][2]。丙[3]。");
  });

  it("drops markers that are not in the order", () => {
    expect(renumberCitationMarkers({ text: "甲[3]乙[7]。", order: [3] })).toBe("甲[1]乙。");
  });

  it("composes with cleanCitationMarkers", () => {
    const cleaned = cleanCitationMarkers({ text: "街道新增岗位320个【5】，培训［3,5］。", valid: ONE_TO_FIVE });
    expect(renumberCitationMarkers({ text: cleaned.text, order: cleaned.used })).toBe("街道新增岗位320个[1]，培训[1][2]。");
  });
});
