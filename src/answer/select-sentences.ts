import { splitSentences } from "../search/chunk-item.js";

export interface ScoredSentence {
  text: string;
  score: number;
}

const ASKS_FOR_FIGURE = /多少|几[个名家项次人场件条所万亿]|数量|比例|占比|增长|多大|多长|多高|哪一年|何时|什么时候/;

/**
 * Scores the sentences of one item against the question: weighted query terms found in the
 * sentence, plus a bonus for figures when the question asks "how many". Best first.
 */
export function scoreSentences(options: {
  text: string;
  question: string;
  terms: readonly string[];
  weight: (term: string) => number;
}): ScoredSentence[] {
  const wantsFigure = ASKS_FOR_FIGURE.test(options.question);
  const terms = [...new Set(options.terms)];
  const total = terms.reduce((sum, term) => sum + options.weight(term), 0) || 1;
  return splitSentences(options.text)
    .map((raw) => raw.trim())
    .filter((text) => text.length > 1)
    .map((text, index) => {
      let score = 0;
      for (const term of terms) if (text.includes(term)) score += options.weight(term);
      score /= total;
      if (wantsFigure && /\d/.test(text)) score += 0.25;
      // A slight preference for earlier sentences: bulletins put the gist first.
      score -= index * 0.002;
      return { text, score };
    })
    .sort((left, right) => right.score - left.score);
}
