import { describe, expect, it } from "vitest";
import { unitParts } from "../src/query/unit-parts.js";
import type { QueryUnderstanding } from "../src/query/understand-query.js";

// Words of two characters and more, as the segmenter would give them for these questions.
const WORDS = ["招商", "签", "项目", "总投资", "追回", "违规", "基金", "隐患", "排查", "罚款", "老人", "吃饭", "建"];
const tokenize = (text: string) => WORDS.filter((word) => text.includes(word));
const partsOf = (text: string, mentions: { unit: string; alias: string }[]) =>
  unitParts({ understanding: { text, unitMentions: mentions } as unknown as QueryUnderstanding, tokenize, terms: WORDS });

describe("unitParts: each unit's share of a question about several units", () => {
  it("asks every unit what 各 asks, with the topic said before the first unit", () => {
    const parts = partsOf("招商这块，工业路21年和商务22年一季度各签了几个项目、总投资多少", [{ unit: "工业路街道", alias: "工业路" }, { unit: "区商务局", alias: "商务" }]);
    expect(parts.get("工业路街道")?.answerType).toEqual(parts.get("区商务局")?.answerType);
    expect(parts.get("工业路街道")?.answerType).toBeDefined();
    expect(parts.get("工业路街道")?.terms).toEqual(expect.arrayContaining(["招商", "签", "项目"]));
  });

  it("keeps a unit's own thing, and asks it only the kind of value", () => {
    const parts = partsOf("医保追回的违规基金和应急局隐患排查开的罚款分别多少", [{ unit: "区医保局", alias: "医保" }, { unit: "区应急管理局", alias: "应急局" }]);
    expect(parts.get("区医保局")?.answerType).toMatchObject({ kind: "money" });
    expect(parts.get("区医保局")?.answerType?.subject).toBeUndefined();
    expect(parts.get("区医保局")?.terms).not.toContain("罚款");
  });

  it("gives the topic said before the first unit to every unit, not only the first", () => {
    const parts = partsOf("老人吃饭的地方 民政23年说全区一共多少个 矿山街道去年自己建了几个", [{ unit: "区民政局", alias: "民政" }, { unit: "矿山街道", alias: "矿山街道" }]);
    expect(parts.get("矿山街道")?.terms).toEqual(["老人", "吃饭", "建"]);
    expect(parts.get("矿山街道")?.own).toBe(1);
  });

  it("leaves a unit without a question of its own alone when the question does not ask each", () => {
    const parts = partsOf("招商这块，工业路21年和商务22年一季度签了几个项目", [{ unit: "工业路街道", alias: "工业路" }, { unit: "区商务局", alias: "商务" }]);
    expect(parts.get("工业路街道")?.answerType).toBeUndefined();
  });
});
