import { describe, expect, it } from "vitest";
import type { StoredItem } from "../src/domain.js";
import { summarizeUnit } from "../src/answer/summarize-unit.js";
import type { QueryUnderstanding } from "../src/query/understand-query.js";

const understanding = { text: "总结区教育局的工作", intent: "summary", units: ["区教育局"], unitMentions: [], keywords: "", carriedOver: [] } as unknown as QueryUnderstanding;
const item = (issue: number): StoredItem => ({
  id: issue, documentId: issue, position: 1, kind: "report", unit: "区教育局", units: ["区教育局"], title: `标题${issue}`, body: "正文。", attribution: "（区教育局）",
  documentKind: "bulletin", issue, year: 2025, date: `2025-01-0${issue}`, source: `2025-0${issue}.txt`, series: "上街信息", edition: "regular",
});

describe("summarizeUnit", () => {
  it("lists every item with its number and counts them when given them all", () => {
    const summary = summarizeUnit({ items: [item(1), item(2)], understanding, series: "上街信息" });
    expect(summary.answer.split("\n")).toEqual(["区教育局报送的工作：", "- 第1期（2025-01-01）标题1 [1]", "- 第2期（2025-01-02）标题2 [2]", "共 2 期 2 条。"]);
    expect(summary.citations.map((citation) => citation.n)).toEqual([1, 2]);
    expect(summary.truncated).toBeUndefined();
  });

  it("numbers the most recent items as in the whole list, counts the whole list and says how to see the rest", () => {
    const summary = summarizeUnit({ items: [item(4), item(5)], total: { items: 5, documents: 4 }, understanding, series: "上街信息" });
    expect(summary.answer.split("\n")).toEqual([
      "区教育局报送的工作：",
      "- 第4期（2025-01-04）标题4 [4]",
      "- 第5期（2025-01-05）标题5 [5]",
      "共 4 期 5 条。",
      "（共 5 条，这里列出最近 2 条；其余各条请缩短时间段再问，如加上“2024年上半年”，或用命令行 summary 导出全部。）",
    ]);
    expect(summary.citations.map((citation) => citation.n)).toEqual([4, 5]);
    expect(summary.truncated).toEqual({ shown: 2, total: 5 });
  });
});
