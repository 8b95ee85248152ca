import { describe, expect, it } from "vitest";
import { resolveRelativeTimes } from "../src/answer/resolve-relative-times.js";
import { parseThesaurus } from "../src/query/thesaurus.js";
import { judgeAnswerability } from "../src/search/answerability.js";
import { characterCoverage } from "../src/search/relevance.js";
import { DEFAULT_SEARCH_PARAMETERS, type SearchHit } from "../src/search/hybrid-search.js";
import { splitClauses } from "../src/answer/split-clauses.js";

describe("splitClauses", () => {
  it("splits enumerations at 二是/三是 and semicolons, keeping each point whole", () => {
    expect(splitClauses("一是建站点12个，二是培训志愿者300人；三是开展活动45场。")).toEqual(["一是建站点12个，", "二是培训志愿者300人；", "三是开展活动45场。"]);
  });

  it("keeps a point's short heading with the sentence it heads", () => {
    expect(splitClauses("三是开设“四点半课堂”。招募志愿者65名，服务7300余人次。此后照常。")).toEqual(["三是开设“四点半课堂”。招募志愿者65名，服务7300余人次。", "此后照常。"]);
  });
});

describe("resolveRelativeTimes: a bulletin speaks relative to its own date", () => {
  it.each([
    ["今年以来，累计走访企业152家", "2024-08-22", "2024年以来，累计走访企业152家"],
    ["较去年同期增长12%", "2025-11-27", "较2024年同期增长12%"],
    ["上半年完成投资3亿元", "2025-10-30", "2025年上半年完成投资3亿元"],
    ["2023年上半年完成投资3亿元", "2025-10-30", "2023年上半年完成投资3亿元"],
    ["本月新增4家", "2026-01-15", "2026年1月新增4家"],
    ["明年，计划新造林1600亩", "2025-11-13", "2026年，计划新造林1600亩"],
  ])("%s (%s) -> %s", (text, date, expected) => {
    expect(resolveRelativeTimes({ text, date })).toBe(expected);
  });
});

describe("parseThesaurus", () => {
  it("maps every word of a group to the others, ignoring comments", () => {
    const thesaurus = parseThesaurus(["# 注释", "务工人员 农民工 外来务工人员", "入户 上门 # 行尾注释"]);
    expect(thesaurus.synonyms("农民工")).toEqual(["务工人员", "外来务工人员"]);
    expect(thesaurus.synonyms("上门")).toEqual(["入户"]);
    expect(thesaurus.synonyms("学校")).toEqual([]);
    expect(thesaurus.size()).toBe(2);
    expect(thesaurus.wordsIn("农民工和外来务工人员")).toEqual(["外来务工人员", "务工人员", "农民工"]);
  });
});

describe("judgeAnswerability: one decision per question", () => {
  const hit = (itemId: number, coverage: number, units: string[], extra: Partial<SearchHit> = {}): SearchHit =>
    ({ itemId, score: 1 / itemId, coverage, bigrams: 0, units, missesKeyTerm: false, date: null, chunkIds: [itemId], matchedTerms: [], ...extra }) as SearchHit;
  const judge = (hits: SearchHit[], extra: { units?: string[]; filteredItems?: number; agreed?: number[] } = {}) =>
    judgeAnswerability({ hits, parameters: DEFAULT_SEARCH_PARAMETERS, units: extra.units ?? [], filteredItems: extra.filteredItems, lexicalTop: extra.agreed ?? [], vectorTop: extra.agreed ?? [] });

  it("answers from the items its filters isolated when they have the question's characters, not its words", () => {
    // "烟草局去年和今年查到的假烟各多少条": 假烟 is written 假冒伪劣卷烟; unit and years leave two items.
    const hits = [hit(1, 0, ["区烟草专卖局"], { characters: 1 }), hit(2, 0, ["区烟草专卖局"], { characters: 1 })];
    expect(judge(hits, { units: ["区烟草专卖局"], filteredItems: 2 }).kept.map((kept) => kept.itemId)).toEqual([1, 2]);
    // Not without isolating filters, and not with a character of the topic missing.
    expect(judge(hits).relevant).toBe(false);
    expect(judge([hit(1, 0, ["区烟草专卖局"], { characters: 0.5 })], { units: ["区烟草专卖局"], filteredItems: 2 }).relevant).toBe(false);
    expect(characterCoverage({ query: "查到的假烟", text: "查获假冒伪劣卷烟386条" })).toBe(1);
  });

  it("keeps an item that covers one thing of a question asking several, after each period's own report", () => {
    // "数据局 清单扩到几项了 一网统管上了几个场景": the second item has the second thing's words only.
    const hits = [hit(1, 0.58, ["区数据局"]), hit(2, 0.2, ["区数据局"], { askedPartCoverage: 0.7 }), hit(3, 0.2, ["区数据局"], { askedPartCoverage: 0.2 })];
    const verdict = (severalParts: boolean) =>
      judgeAnswerability({ hits, parameters: DEFAULT_SEARCH_PARAMETERS, units: [], filteredItems: undefined, lexicalTop: [], vectorTop: [], severalParts });
    expect(verdict(true).kept.map((kept) => kept.itemId)).toEqual([1, 2]);
    expect(verdict(false).kept.map((kept) => kept.itemId)).toEqual([1]);
  });

  it("keeps every named unit's item, not only the best one", () => {
    const verdict = judge([hit(1, 0.8, ["区公安局"]), hit(2, 0.4, ["区教育局"]), hit(3, 0.1, ["区农委"])], { units: ["区公安局", "区教育局"] });
    expect(verdict.kept.map((kept) => kept.itemId)).toEqual([1, 2]);
  });

  it("keeps a named unit's item that covers little of the whole question but most of its own part", () => {
    // "人社发的培训补贴和审计查出的违规金额各是多少": the 人社 item has none of the 审计 part's words.
    const hits = [hit(1, 0.6, ["区审计局"]), hit(2, 0.15, ["区人社局"], { partCoverage: 0.7 }), hit(3, 0.15, ["区农委"])];
    expect(judge(hits, { units: ["区审计局", "区人社局"] }).kept.map((kept) => kept.itemId)).toEqual([1, 2]);
    const offPart = [hit(1, 0.6, ["区审计局"]), hit(2, 0.15, ["区人社局"], { partCoverage: 0.2 })];
    expect(judge(offPart, { units: ["区审计局", "区人社局"] }).kept.map((kept) => kept.itemId)).toEqual([1]);
  });

  it("keeps an item ranked above the anchor that answers another part of a question asking several things", () => {
    // The first item lacks the key word of the other part (大排查), and covers less than the floor alone.
    const hits = [hit(1, 0.38, ["区卫健委"], { missesKeyTerm: true }), hit(2, 0.52, ["区应急管理局"])];
    const verdict = (severalParts: boolean) =>
      judgeAnswerability({ hits, parameters: DEFAULT_SEARCH_PARAMETERS, units: [], filteredItems: undefined, lexicalTop: [], vectorTop: [], severalParts });
    expect(verdict(true).kept.map((kept) => kept.itemId)).toEqual([1, 2]);
    expect(verdict(false).kept.map((kept) => kept.itemId)).toEqual([2]);
  });

  it("keeps each named period's report, of the anchor's unit even when it shares few of the words", () => {
    const hits = [hit(1, 0.5, ["区气象局"], { date: "2025-06-19" }), hit(2, 0.15, ["区数据局"], { date: "2023-11-13" }), hit(3, 0.12, ["区气象局"], { date: "2023-07-13" })];
    const periods = [{ from: "2023-01-01", to: "2023-12-31" }, { from: "2025-01-01", to: "2025-12-31" }];
    const verdict = judgeAnswerability({ hits, parameters: DEFAULT_SEARCH_PARAMETERS, units: [], filteredItems: undefined, lexicalTop: [], vectorTop: [], periods });
    expect(verdict.kept.map((kept) => kept.itemId)).toEqual([1, 3]);
  });

  it("looks past an unsupported first item to the one the evidence supports", () => {
    const verdict = judge([hit(1, 0.2, ["区农委"]), hit(2, 0.7, ["区医保局"])]);
    expect(verdict.relevant).toBe(true);
    expect(verdict.kept.map((kept) => kept.itemId)).toEqual([2]);
  });

  it("lets filters that isolate a handful of items vouch for vague words, but not for a missing key word", () => {
    expect(judge([hit(1, 0.25, ["区公安局"])], { units: ["区公安局"], filteredItems: 3 }).evidence.rule).toBe("isolated");
    expect(judge([hit(1, 0.25, ["区公安局"], { missesKeyTerm: true })], { units: ["区公安局"], filteredItems: 3 }).relevant).toBe(false);
    expect(judge([hit(1, 0.25, ["区公安局"])], { units: ["区公安局"], filteredItems: 40 }).relevant).toBe(false);
    // A clear share of the words, with the filters isolating the item, answers even without the key word.
    expect(judge([hit(1, 0.37, ["区公安局"], { missesKeyTerm: true })], { units: ["区公安局"], filteredItems: 2 }).relevant).toBe(true);
  });

  it("accepts less coverage when the lexical and vector channels agree", () => {
    expect(judge([hit(1, 0.36, [])], { agreed: [1] }).evidence.rule).toBe("agreement");
    expect(judge([hit(1, 0.36, [])]).relevant).toBe(false);
  });
});
