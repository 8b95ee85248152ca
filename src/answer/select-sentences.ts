import { carriesValue, type AnswerType } from "../query/answer-type.js";
import { splitClauses } from "../text/split-clauses.js";

export interface ScoredClause {
  text: string;
  score: number;
  /** The clause carries a value of the asked type. */
  typed: boolean;
}

/**
 * Scores the clauses of one item against the question: weighted query terms found in the clause,
 * plus a bonus when it carries a value of the asked type (a figure of another type earns nothing).
 * Best first.
 */
export function scoreClauses(options: {
  text: string;
  terms: readonly string[];
  weight: (term: string) => number;
  answerType?: AnswerType | undefined;
  /** The item's headline: its words name the topic, so they say little about which clause answers. */
  title?: string;
}): ScoredClause[] {
  const title = options.title ?? "";
  // Search-mode segmentation also yields the parts of long words (智慧城市运行中心 -> 智慧, 城市, 中心 …);
  // counting them would let one long name outweigh the rest of the question, so only maximal terms count.
  const unique = [...new Set(options.terms)];
  const terms = unique.filter((term) => !unique.some((other) => other !== term && other.includes(term)));
  const weightOf = (term: string) => options.weight(term) * (title.includes(term) ? 0.3 : 1);
  const total = terms.reduce((sum, term) => sum + weightOf(term), 0) || 1;
  return splitClauses(options.text)
    .map((text, index) => {
      let score = 0;
      for (const term of terms) if (text.includes(term)) score += weightOf(term);
      score /= total;
      const typed = options.answerType !== undefined && carriesValue(text, options.answerType);
      if (typed) score += 0.5;
      // A slight preference for earlier clauses: bulletins put the gist first.
      score -= index * 0.002;
      return { text, score, typed };
    })
    .sort((left, right) => right.score - left.score);
}
