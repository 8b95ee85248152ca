import { describe, expect, it } from "vitest";
import { contractions } from "../src/search/contractions.js";
import { createHomophones } from "../src/search/homophones.js";
import { parseThesaurus } from "../src/query/thesaurus.js";
import { correctBySound, queryWords, splitGluedWords, splitGuessedWords, withoutQuantities } from "../src/search/query-words.js";
import { createJiebaTokenizer } from "../src/text/jieba-tokenizer.js";
import { joinSingleCharacterRuns } from "../src/search/single-character-runs.js";

describe("contractions: a question that spells out what the bulletins contract", () => {
  const known = (words: string[]) => (word: string) => words.includes(word);

  it("stands the contraction in for both words when the bulletins use it", () => {
    const found = contractions({ text: "雨水污水管子换了", terms: ["雨水", "污水", "管子", "换"], known: known(["雨污", "管网"]) });
    expect(found.get("雨水")).toEqual(["雨污"]);
    expect(found.get("污水")).toEqual(["雨污"]);
    expect(found.has("管子")).toBe(false);
  });

  it("ignores contractions the bulletins never use and words that are not adjacent", () => {
    expect(contractions({ text: "文化旅游节", terms: ["文化", "旅游"], known: known([]) }).size).toBe(0);
    expect(contractions({ text: "文化和旅游", terms: ["文化", "旅游"], known: known(["文旅"]) }).size).toBe(0);
    expect(contractions({ text: "文化旅游", terms: ["文化", "旅游"], known: known(["文旅"]) }).get("旅游")).toEqual(["文旅"]);
  });
});

describe("joinSingleCharacterRuns: a word the segmenter cut into characters", () => {
  it("puts adjacent single characters back together, and leaves characters of longer words alone", () => {
    expect(joinSingleCharacterRuns({ text: "年假怎么请 走 流程", terms: ["年", "假", "走", "流程"] })).toEqual(["走", "流程", "年假"]);
    expect(joinSingleCharacterRuns({ text: "煤改电补贴", terms: ["煤改", "电", "补贴"] })).toEqual(["煤改", "电", "补贴"]);
  });
});

describe("correctBySound: a word mistyped through the pinyin input method", () => {
  const vocabulary = ["城区", "易涝点", "志稿", "任用", "盲人", "图书馆", "干部", "摸排"];
  const homophones = createHomophones({ vocabulary: (start) => vocabulary.slice(start), known: (word) => vocabulary.includes(word) });
  const known = (word: string) => vocabulary.includes(word);
  // Which words some report has side by side.
  const reports = [["城区", "易涝点", "摸排"], ["干部", "任用"]];
  const together = (word: string, others: readonly string[]) => reports.some((words) => words.includes(word) && others.some((other) => words.includes(other)));

  it("searches the bulletins' word where the segmenter found only single characters that sound like it", () => {
    expect(correctBySound({ text: "城区易捞点 摸排", terms: ["城区", "易", "捞", "点", "摸排"], known, homophones, together })).toEqual(["城区", "摸排", "易涝点"]);
  });

  it("leaves characters alone that only sound like a word used elsewhere, and words the segmenter found", () => {
    // 人用 sounds like 任用, but no report has 任用 beside 盲人 or 图书馆.
    expect(correctBySound({ text: "给盲人用的图书馆", terms: ["给", "盲人", "用", "的", "图书馆"], known, homophones, together })).toEqual(["给", "盲人", "用", "的", "图书馆"]);
    // 城区 is a word: its characters are no typo of anything.
    expect(correctBySound({ text: "城区", terms: ["城区"], known, homophones, together })).toEqual(["城区"]);
  });
});

describe("queryWords: a thesaurus word the question says", () => {
  // A segmenter that knows these words and cuts the rest into characters, as jieba cuts "最热那天" in context.
  const words = ["那天", "环保", "督察", "问题", "省里", "最高", "气温", "生态", "环境保护"];
  const tokenize = (text: string) =>
    text.split(/[，\s]+/).flatMap((phrase) => {
      const tokens: string[] = [];
      for (let at = 0; at < phrase.length; ) {
        const word = words.find((candidate) => phrase.startsWith(candidate, at)) ?? phrase[at]!;
        tokens.push(word);
        at += word.length;
      }
      return tokens;
    });
  const thesaurus = parseThesaurus(["最高气温 最热", "生态环境保护督察 环保督察"]);
  const known = (word: string) => words.includes(word);
  // The phrases some report has whole.
  const written = (phrase: string) => ["最高气温", "生态环境保护督察"].includes(phrase) || known(phrase);

  it("is searched as a word of its own when the bulletins write its synonym as a phrase of several words", () => {
    expect(queryWords({ text: "最热那天", tokenize, known, thesaurus, written })).toEqual(["最", "热", "那天", "最热"]);
    // Not when no report writes the synonym whole.
    expect(queryWords({ text: "最热那天", tokenize, known, thesaurus, written: known })).toEqual(["最", "热", "那天"]);
  });

  it("is not searched as a word when it names a unit the question names", () => {
    const units = parseThesaurus(["最高气温 最热", "应急管理局 应急局"]);
    const written = (phrase: string) => ["最高气温", "应急管理局"].includes(phrase) || known(phrase);
    expect(queryWords({ text: "应急局最热那天", tokenize, known, thesaurus: units, written })).toContain("应急局");
    expect(queryWords({ text: "应急局最热那天", tokenize, known, thesaurus: units, written, names: ["应急局"] })).not.toContain("应急局");
  });

  it("is not searched again when the segmenter found its words (环保 / 督察)", () => {
    expect(queryWords({ text: "省里环保督察的问题", tokenize, known, thesaurus, written })).not.toContain("环保督察");
  });
});

describe("splitGluedWords: a verb the segmenter glued to a word", () => {
  const known = (word: string) => ["河长", "河长制", "物业", "居住"].includes(word);

  it("searches the word when the bulletins have it and not the glued one", () => {
    expect(splitGluedWords({ terms: ["河长制", "百姓", "当河长"], known })).toEqual(["河长制", "百姓", "河长"]);
    expect(splitGluedWords({ terms: ["请物业", "进来"], known })).toEqual(["物业", "进来"]);
    expect(splitGluedWords({ terms: ["物业费", "收得", "上来"], known })).toEqual(["物业费", "收", "上来"]);
  });

  it("keeps a word the bulletins do not have when no verb is glued to it: that is evidence too", () => {
    expect(splitGluedWords({ terms: ["居住证", "外地"], known })).toEqual(["居住证", "外地"]);
  });
});

describe("splitGuessedWords: a word the segmenter made up from the characters around it", () => {
  const tokenizer = createJiebaTokenizer();
  const dictionaryParts = (word: string) => tokenizer.dictionaryParts!(word);
  const known = (word: string) => ["年货", "培训班"].includes(word);

  it("searches its dictionary parts when neither the bulletins nor the dictionary have it", () => {
    // "网上年货节请了几个网红": 节请 was glued from 年货节 and 请.
    expect(splitGuessedWords({ terms: ["年货", "节请"], known, dictionaryParts })).toEqual(["年货", "节", "请"]);
  });

  it("keeps a dictionary word the bulletins do not have: that they lack it is evidence", () => {
    expect(splitGuessedWords({ terms: ["居住证", "外地"], known, dictionaryParts })).toEqual(["居住证", "外地"]);
  });
});

describe("withoutQuantities: how many of something, said in passing", () => {
  it("drops 两所 and 三个 from the search words, and keeps the words when nothing else is left", () => {
    expect(withoutQuantities(["新开", "两所", "学校", "公办", "学位"])).toEqual(["新开", "学校", "公办", "学位"]);
    expect(withoutQuantities(["两所"])).toEqual(["两所"]);
  });
});
