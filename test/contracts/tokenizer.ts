import { describe, expect, it } from "vitest";
import type { Tokenizer } from "../../src/text/tokenizer.js";

/**
 * Behaviour every Tokenizer must share. Call from a *.test.ts file:
 * testTokenizer({ name: "jieba", create: () => createJiebaTokenizer() }).
 */
export function testTokenizer(options: { name: string; create: () => Tokenizer }): void {
  const { create } = options;
  describe(`Tokenizer contract: ${options.name}`, () => {
    it("has a name to record in the indexes it builds", () => {
      expect(create().name).toMatch(/\S/);
    });

    it("gives the same terms for the same text, and none for empty text or punctuation", () => {
      const tokenizer = create();
      const text = "区教育局构建“区内+跨区”双层集团化办学新格局。";
      expect(tokenizer.tokenize(text)).toEqual(tokenizer.tokenize(text));
      expect(tokenizer.tokenize("")).toEqual([]);
      expect(tokenizer.tokenize("，。！？（）“”  \n")).toEqual([]);
    });

    it("never returns whitespace or punctuation as a term, and lower-cases ASCII", () => {
      const terms = create().tokenize("推动“信托制”物业改革，GDP 增长 6.5%（全区）。");
      for (const term of terms) expect(term).not.toMatch(/^[\s\p{P}]*$/u);
      expect(terms.some((term) => term.includes("GDP"))).toBe(false);
      expect(terms).toContain("gdp");
    });

    it("finds the words of a question in a text that uses them", () => {
      const tokenizer = create();
      const text = new Set(tokenizer.tokenize("全区注册志愿者增至4.9万人，志愿服务组织达228支。"));
      const question = tokenizer.tokenize("注册志愿者有多少人？");
      expect(question.filter((term) => text.has(term)).length).toBeGreaterThanOrEqual(2);
    });

    it("keeps a word it was taught whole", () => {
      const tokenizer = create();
      tokenizer.addWords(["峡窝镇"]);
      expect(tokenizer.tokenize("峡窝镇发展石榴种植")).toContain("峡窝镇");
    });
  });
}
