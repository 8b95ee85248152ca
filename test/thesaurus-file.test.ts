import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readThesaurus } from "../src/query/thesaurus.js";

const FILE = new URL("../data/dictionary/synonyms.txt", import.meta.url).pathname;

// The rules in the file's header, which staff follow when they extend it: a broken line would widen every search it touches.
describe("data/dictionary/synonyms.txt keeps its own rules", () => {
  const groups = readFileSync(FILE, "utf8").split(/\r?\n/).map((line) => line.replace(/#.*$/, "").trim()).filter((line) => line !== "").map((line) => line.split(/\s+/));

  it("has groups of two or more words of two to eight characters", () => {
    expect(groups.length).toBeGreaterThan(500);
    expect(groups.filter((words) => new Set(words).size < 2)).toEqual([]);
    expect(groups.flat().filter((word) => [...word].length < 2 || [...word].length > 8)).toEqual([]);
  });

  it("puts no word in more than two groups", () => {
    const seen = new Map<string, number>();
    for (const words of groups) for (const word of new Set(words)) seen.set(word, (seen.get(word) ?? 0) + 1);
    expect([...seen].filter(([, count]) => count > 2).map(([word]) => word)).toEqual([]);
  });

  it("is read as staff wrote it: 麦子 finds 小麦", () => {
    expect(readThesaurus({ path: FILE }).synonyms("麦子")).toContain("小麦");
    // The sixth batch, from the bulletins' own official wording: 走不动 finds 行动不便, 狗证 finds 犬只登记.
    expect(readThesaurus({ path: FILE }).synonyms("走不动")).toContain("行动不便");
    expect(readThesaurus({ path: FILE }).synonyms("狗证")).toContain("犬只登记");
  });
});
