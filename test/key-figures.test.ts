import { describe, expect, it } from "vitest";
import { keyFigures } from "../src/answer/summarize-unit.js";

describe("keyFigures: what a unit summary quotes of each item", () => {
  it("quotes clauses with figures in the item's order, and no clause that only says when", () => {
    const body = "2024年，全区完成造林1380亩、森林抚育2860亩。截至11月10日，全区完成营造林4860亩。2月5日（正月初八），启动春风行动。";
    expect(keyFigures({ body, limit: 3 })).toEqual(["全区完成造林1380亩、森林抚育2860亩", "全区完成营造林4860亩"]);
  });
});
