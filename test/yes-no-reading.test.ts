import { describe, expect, it } from "vitest";
import type { ScoredClause } from "../src/answer/select-sentences.js";
import { readYesNoQuestion } from "../src/answer/yes-no-reading.js";

const clause = (text: string): ScoredClause => ({ text, score: 1, typed: false, typeBonus: 0, topic: 1, position: 0 });
// Rarer words weigh more, as in the bulletins' index.
const weights: Record<string, number> = { 自建房: 5, 安全事故: 5, 出过: 1, 体检: 3, 家长: 2, 掏钱: 4 };
const termWeight = (term: string) => weights[term] ?? 1;

describe("readYesNoQuestion", () => {
  it("asks the passage for what the question asks happened, said last, and for its most telling words", () => {
    const reading = readYesNoQuestion({ yesNo: true, text: "自建房有没有出过安全事故", queryTerms: ["自建房", "出过", "安全事故"], synonyms: undefined, termWeight });
    expect(reading.lastWord).toBe("安全事故");
    expect(reading.keyTerms).toEqual(["自建房", "安全事故"]);
    const passage = { best: clause("全区自建房排查中未发生安全事故"), title: "区住建局开展自建房安全专项整治", body: "" };
    expect(reading.namesKeyTerms(passage)).toBe(true);
    expect(reading.namesLastWord(passage)).toBe(true);
    expect(reading.namesLastWord({ best: clause("全区排查自建房1200栋"), title: "区住建局开展专项整治" })).toBe(false);
  });

  it("reads whether it costs anything from a clause saying what it costs, and does not ask for the payer's words", () => {
    const reading = readYesNoQuestion({ yesNo: true, text: "体检要家长自己掏钱吗", queryTerms: ["体检", "家长", "掏钱"], synonyms: undefined, termWeight });
    expect(reading.feeAsked).toBe(true);
    expect(reading.keyTerms).not.toContain("家长");
    const costs = clause("体检费用由财政保障");
    expect(reading.saysAsked([clause("全区学生体检2.1万人"), costs])).toBe(costs);
  });

  it("asks nothing of the passage when the question checks a value or asks for one", () => {
    const reading = readYesNoQuestion({ yesNo: false, text: "持证社工破400了没", queryTerms: ["持证", "社工", "破"], synonyms: undefined, termWeight });
    expect(reading.keyTerms).toEqual([]);
    expect(reading.lastWord).toBeUndefined();
    expect(reading.namesLastWord({ best: clause("全区持证社工434人"), title: "" })).toBe(true);
  });
});
