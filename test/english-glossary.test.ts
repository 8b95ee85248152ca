import { describe, expect, it } from "vitest";
import { createEnglishGlossary, parseEnglishGlossary } from "../src/query/english-glossary.js";

const glossary = createEnglishGlossary(parseEnglishGlossary([
  "# a comment",
  "sapling = 树苗; 苗木",
  "tree planting = 植树",
  "charging point = 充电桩; 充电设施; 充电口",
  "old residential compound = 老旧小区",
  "plant = 种植",
  "household = 户; 家庭",
  "hidden danger = 隐患; 安全隐患",
]));

describe("an English question's words in Chinese", () => {
  it("renders the longest known phrases, whatever their endings, with the question word that says what is asked", () => {
    expect(glossary.render("How many saplings were planted in the spring tree-planting drive?")).toBe("树苗 苗木 种植 植树 多少");
    expect(glossary.render("How many e-bike charging points were built in old residential compounds?")).toBe("充电桩 充电设施 老旧小区 多少");
  });

  it("asks for people, money or a share when the English does", () => {
    expect(glossary.render("How many households got saplings?")).toBe("户 家庭 树苗 苗木 多少户");
    expect(glossary.render("How many residents got saplings?")).toBe("树苗 苗木 多少人");
    expect(glossary.render("How much money went to tree planting?")).toBe("植树 多少钱");
    expect(glossary.render("What percentage of saplings survived?")).toBe("树苗 苗木 比例是多少");
  });

  it("leaves out a variant built on the first rendering, which would only make a passage need the longer word", () => {
    expect(glossary.render("How many hidden dangers were found?")).toBe("隐患 多少");
  });

  it("renders nothing when no word is known, so the bot asks for Chinese", () => {
    expect(glossary.render("How do I apply for annual leave?")).toBe("");
  });

  it("names the line of a broken glossary and how to write one", () => {
    expect(() => parseEnglishGlossary(["sapling 树苗"], "glossary-en.txt")).toThrow(/glossary-en\.txt.*第 1 行/s);
  });
});
