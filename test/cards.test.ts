import { describe, expect, it } from "vitest";
import type { Citation } from "../src/answer/citation.js";
import { answerCard, answerMarkdown } from "../src/feishu/cards.js";

const citation = (overrides: Partial<Citation>): Citation => ({
  n: 1,
  issue: 20,
  year: 2026,
  date: "2026-05-07",
  unit: "区城管局",
  units: ["区城管局"],
  title: "整治背街小巷<at id=all></at>",
  source: "2026-20.md",
  series: null,
  edition: "regular",
  item: 1,
  score: 1,
  ...overrides,
});

describe("answer cards with hostile text", () => {
  it("writes the streamed card's final markdown with escaped text and only http(s) links", () => {
    const answer = {
      answer: "<at id=all></at>整治背街小巷37条[1]，详见[通知](javascript:alert(1))。",
      citations: [
        citation({ url: "https://bot.example.com/issues/7?item=1&expires=1&signature=s#item-1" }),
        citation({ n: 2, title: "[点我](javascript:alert(1))", url: "javascript:alert(1)" }),
      ],
    };
    expect(answerMarkdown(answer, { linkCitations: true })).toBe(
      [
        "&#60;at id=all&#62;&#60;/at&#62;整治背街小巷37条[1]，详见&#91;通知&#93;(javascript:alert(1))。",
        "",
        "[&#91;1&#93; 第20期 · 2026-05-07 · 区城管局：整治背街小巷&#60;at id=all&#62;&#60;/at&#62;](https://bot.example.com/issues/7?item=1&expires=1&signature=s#item-1)",
        "&#91;2&#93; 第20期 · 2026-05-07 · 区城管局：&#91;点我&#93;(javascript:alert(1))",
      ].join("\n"),
    );
    expect(answerMarkdown(answer, { linkCitations: false }).split("\n")[2]).toBe("[1] 第20期 · 2026-05-07 · 区城管局：整治背街小巷&#60;at id=all&#62;&#60;/at&#62;");
  });

  it("gives a citation whose URL is not http(s) the full-text button instead of an open_url one", () => {
    const card = answerCard({ answer: { answer: "答", intent: "fact", citations: [citation({ url: "javascript:alert(1)" })] }, answerId: "a1", publicLinks: true });
    const text = JSON.stringify(card);
    expect(text).not.toContain("javascript:");
    expect(text).toContain('"value":{"action":"item_text","issue":20,"year":2026,"item":1,"source":"2026-20.md"}');
    expect(text).toContain('"content":"**[1]** 第20期 · 2026-05-07 · 区城管局\\n<font color=\'grey\'>整治背街小巷&#60;at id=all&#62;&#60;/at&#62;</font>"');
  });
});

describe("a near-miss card", () => {
  it("lists the related items under 相关信息 and says the asked value is not there", () => {
    const card = JSON.stringify(answerCard({
      answer: { intent: "fact", answer: "简报提到了“区农委多措并举抓好春耕备播”，但没有写明所问的金额。", citations: [], related: [citation({ unit: "区农委", units: ["区农委"], title: "区农委多措并举抓好春耕备播" })] },
      answerId: "a1",
      publicLinks: false,
    }));
    expect(card).toContain("**相关信息**");
    expect(card).toContain("区农委多措并举抓好春耕备播");
    expect(card).toContain("简报中有相关信息，但没有所问的内容");
  });
});
