import { describe, expect, it } from "vitest";
import { capSummary } from "../src/web/cap-summary.js";

const summary = (items: number) => ({
  intent: "summary",
  answer: ["区教育局报送的工作：", ...Array.from({ length: items }, (_, index) => `- 第${index + 1}期（2025-01-0${(index % 9) + 1}）标题 [${index + 1}]`), `共 ${items} 期 ${items} 条。`].join("\n"),
  citations: Array.from({ length: items }, (_, index) => ({ n: index + 1, title: `标题${index + 1}` })),
});

describe("capSummary", () => {
  it("keeps the most recent items of a long unit summary, their citations, and says how to see the rest", () => {
    const capped = capSummary(summary(5), 2);
    expect(capped.answer.split("\n")).toEqual([
      "区教育局报送的工作：",
      "- 第4期（2025-01-04）标题 [4]",
      "- 第5期（2025-01-05）标题 [5]",
      "共 5 期 5 条。",
      "（共 5 条，这里列出最近 2 条；其余各条请缩短时间段再问，如加上“2024年上半年”，或用命令行 summary 导出全部。）",
    ]);
    expect(capped.citations.map((citation) => citation.n)).toEqual([4, 5]);
    expect(capped.truncated).toEqual({ shown: 2, total: 5 });
  });

  it("leaves short summaries and every other answer as they are", () => {
    const short = summary(3);
    expect(capSummary(short, 3)).toBe(short);
    const fact = { ...summary(5), intent: "fact" };
    expect(capSummary(fact, 2)).toBe(fact);
  });
});
