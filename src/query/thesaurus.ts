import { readFileSync } from "node:fs";
import { DataFileError } from "../errors.js";

/** Synonym groups: the official term a bulletin writes and the words staff type for it. */
export interface Thesaurus {
  /** Other words of every group `word` belongs to (never `word` itself); [] when it has none. */
  synonyms(word: string): readonly string[];
  /** Number of groups. */
  size(): number;
  /** The words of the thesaurus that `text` contains, longest first ("新开了多少家" -> 新开). */
  wordsIn(text: string): string[];
}

/**
 * Parses data/dictionary/synonyms.txt: one group per line, words separated by spaces, `#` starts
 * a comment. A word in several groups gets the words of all of them.
 * @example parseThesaurus(["务工人员 农民工 外来务工人员"]).synonyms("农民工") // ["务工人员", "外来务工人员"]
 */
export function parseThesaurus(lines: readonly string[]): Thesaurus {
  const byWord = new Map<string, Set<string>>();
  let groups = 0;
  for (const raw of lines) {
    const words = [...new Set(raw.replace(/#.*$/, "").trim().split(/\s+/).filter((word) => word.length > 0))];
    if (words.length < 2) continue;
    groups += 1;
    for (const word of words) {
      const others = byWord.get(word) ?? new Set<string>();
      for (const other of words) if (other !== word) others.add(other);
      byWord.set(word, others);
    }
  }
  const frozen = new Map([...byWord].map(([word, others]) => [word, [...others]] as const));
  const longestFirst = [...frozen.keys()].sort((left, right) => right.length - left.length);
  // A search asks for the same question's words twice (its search words, then what its figures may be called):
  // the last answer is kept rather than scanning every word of the thesaurus again.
  let last: { text: string; words: readonly string[] } | undefined;
  return {
    synonyms: (word) => frozen.get(word) ?? [],
    size: () => groups,
    wordsIn: (text) => {
      if (last?.text !== text) last = { text, words: longestFirst.filter((word) => text.includes(word)) };
      return [...last.words];
    },
  };
}

/** Reads the thesaurus file; a missing file is an error because the product ships one. */
export function readThesaurus(options: { path: string }): Thesaurus {
  try {
    return parseThesaurus(readFileSync(options.path, "utf8").split(/\r?\n/));
  } catch (error) {
    throw new DataFileError({ file: options.path, message: "读不到同义词表", hint: "请从代码仓库恢复 data/dictionary/synonyms.txt", cause: error });
  }
}

/** No synonyms: plain lexical search. */
export const EMPTY_THESAURUS: Thesaurus = { synonyms: () => [], size: () => 0, wordsIn: () => [] };
