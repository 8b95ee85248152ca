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
  let total = 0;
  let matched = 0;
  for (const term of new Set(options.queryTerms)) {
    const weight = options.idf(term) * ([...term].length === 1 ? SINGLE_CHARACTER_WEIGHT : 1);
    total += weight;
    if (options.matchedTerms.has(term)) matched += weight;
    else if (options.partlyMatched?.has(term)) matched += weight * (options.partWeight ?? 0);
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
