import { describe, expect, it } from "vitest";
import { detectAnswerType } from "../src/query/answer-type.js";
import { countedThing } from "../src/query/counted-in-question.js";
import { FEE_ASKED } from "../src/query/fee-question.js";
import { ownIssue, withOwnBulletin } from "./helpers/own-bulletins.js";

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

describe("a clause's year, after the unit that opens it", () => {
  it("answers the year asked, not the plan of the issue's own year", async () => {
    const text = ownIssue(23, "2025-05-08", "区育才小学做好秋季招生准备 区育才小学今年计划招收一年级新生 6 个班、270 人，招生对象为 2018 年 9 月 1 日至 2019 年 8 月 31 日出生的适龄儿童。2024 年，学校一年级录取新生 296 人，编为 7 个班。（区育才小学）");
    await withOwnBulletin("2025-23.txt", text, async (ask) => {
      const answer = await ask("前年育才小学一年级最后招了多少新生");
      expect(answer.answer).toBe("据第23期（2025-05-08）区育才小学报送：2024年，学校一年级录取新生296人，编为7个班。[1]");
    });
  });
});
