import { maximalTerms } from "../text/maximal-terms.js";

/**
 * Decides whether the best hit answers the question at all ("nothing relevant found").
 * Coverage is the share of the question's information (terms weighted by inverse document
 * frequency) that the hit contains: a question about GDP matched only on "上街区" covers little.
 */
export function inverseDocumentFrequency(options: { documentFrequency: number; documents: number }): number {
  const { documentFrequency, documents } = options;
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** Single characters say little on their own ("换", "办"); they count for less. */
const SINGLE_CHARACTER_WEIGHT = 0.3;
/** A compound not found counts for at most this share through its parts that are. */
export const PART_CREDIT = 0.5;

/**
 * Weighted share of the question's terms found in a text; `partlyMatched` terms (found only
 * through a synonym) count for `partWeight` of their weight.
 */
export function termCoverage(options: {
  queryTerms: readonly string[];
  matchedTerms: ReadonlySet<string>;
  partlyMatched?: ReadonlySet<string>;
  partWeight?: number;
  idf: (term: string) => number;
}): number {
  const terms = [...new Set(options.queryTerms)];
  const weightOf = (term: string) => options.idf(term) * ([...term].length === 1 ? SINGLE_CHARACTER_WEIGHT : 1);
  const shareOf = (term: string) => (options.matchedTerms.has(term) ? 1 : options.partlyMatched?.has(term) ? (options.partWeight ?? 0) : 0);
  // Search-mode segmentation yields a word and its parts ("换出去", "换出", "出去"): one word of the
  // question, counted once. A word not found counts its parts found, at most for half of it.
  let total = 0;
  let matched = 0;
  for (const term of maximalTerms(terms)) {
    const weight = weightOf(term);
    total += weight;
    let share = shareOf(term);
    const parts = terms.filter((other) => other !== term && term.includes(other));
    if (share < 1 && parts.length > 0) {
      const partTotal = parts.reduce((sum, part) => sum + weightOf(part), 0);
      const partFound = parts.reduce((sum, part) => sum + weightOf(part) * shareOf(part), 0);
      share = Math.max(share, PART_CREDIT * (partFound / partTotal));
    }
    matched += weight * share;
  }
  return total === 0 ? 0 : matched / total;
}

/** Share of the question's Chinese character pairs found in the text: robust to segmentation differences. */
export function bigramCoverage(options: { query: string; text: string }): number {
  const pairs = new Set<string>();
  for (const run of options.query.match(/[\u4e00-\u9fff]{2,}/g) ?? []) {
    for (let index = 0; index + 1 < run.length; index += 1) pairs.add(run.slice(index, index + 2));
  }
  if (pairs.size === 0) return 0;
  let found = 0;
  for (const pair of pairs) if (options.text.includes(pair)) found += 1;
  return found / pairs.size;
}

/** Characters that join words and say nothing of a topic. */
const FUNCTION_CHARACTERS = new Set([..."的了是在有和与及等个么吗呢吧啊也都就还又到过着得被把给让从对向"]);

/**
 * Share of the question's characters (Han, not function characters) found anywhere in the text:
 * "假烟" has both of its characters in "假冒伪劣卷烟". Weak alone; with filters that isolate a
 * handful of items it says the words differ, not the topic.
 */
export function characterCoverage(options: { query: string; text: string }): number {
  const characters = new Set((options.query.match(/[\u4e00-\u9fff]/g) ?? []).filter((character) => !FUNCTION_CHARACTERS.has(character)));
  if (characters.size < 2) return 0;
  let found = 0;
  for (const character of characters) if (options.text.includes(character)) found += 1;
  return found / characters.size;
}
