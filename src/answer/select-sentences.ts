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
  /** The item's headline: its words name the topic, so they say little about which sentence answers. */
  title?: string;
}): ScoredSentence[] {
  const wantsFigure = ASKS_FOR_FIGURE.test(options.question);
  // "多少处隐患" asks for a count of 处: a sentence with "1127 处" is the answer.
  const measure = /(?:多少|几)([个名家项次人场件条所亩元户处起支篇期台套吨批座辆本册张份例天岁])/.exec(options.question)?.[1];
  const measured = measure ? new RegExp(`\\d(?:[\\d.]*)\\s*(?:余|多)?\\s*(?:万|亿)?\\s*${measure}`) : undefined;
  const title = options.title ?? "";
  // Search-mode segmentation also yields the parts of long words (智慧城市运行中心 -> 智慧, 城市, 中心 …);
  // counting them would let one long name outweigh the rest of the question, so only maximal terms count.
  const unique = [...new Set(options.terms)];
  const terms = unique.filter((term) => !unique.some((other) => other !== term && other.includes(term)));
  const weightOf = (term: string) => options.weight(term) * (title.includes(term) ? 0.3 : 1);
  const total = terms.reduce((sum, term) => sum + weightOf(term), 0) || 1;
  return splitSentences(options.text)
    .map((raw) => raw.trim())
    .filter((text) => text.length > 1)
    .map((text, index) => {
      let score = 0;
      for (const term of terms) if (text.includes(term)) score += weightOf(term);
      score /= total;
      if (wantsFigure && /\d/.test(text)) score += 0.25;
      if (measured?.test(text)) score += 0.5;
      // A slight preference for earlier sentences: bulletins put the gist first.
      score -= index * 0.002;
      return { text, score };
    })
    .sort((left, right) => right.score - left.score);
}
