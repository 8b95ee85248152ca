/**
 * BM25+ parameters (Lv & Zhai 2011), named as in minisearch's `BM25Params`.
 *
 * Defaults are tuned for bulletin items: 100-1,500 characters, segmented in jieba search
 * mode, which emits a long word together with its sub-words (志愿服务站 -> 志愿, 服务, 服务站 ...).
 */
export interface Bm25Parameters {
  /**
   * Term-frequency saturation (k1). 1.2: bulletin prose repeats a unit's theme words for style,
   * so the third 志愿服务 in one item should add little; search mode already multiplies matches.
   */
  k: number;
  /**
   * Length normalisation, 0 (none) to 1 (full). 0.7 rather than the textbook 0.75: a long report is
   * long because it covers more ground, not because it is padded, so it is penalised a little less.
   */
  b: number;
  /**
   * BM25+ lower bound for a matched term. 0.5: a long report that does mention the rare query term
   * still beats a short brief that does not, which plain BM25 can get wrong.
   */
  d: number;
}

export const DEFAULT_BM25_PARAMETERS: Readonly<Bm25Parameters> = Object.freeze({ k: 1.2, b: 0.7, d: 0.5 });

/**
 * Score of one query term in one field of one document. Call it only for fields that contain
 * the term: with termFrequency 0 the BM25+ floor `d` would still add a positive score.
 *
 * @example
 * calculateBm25Score({ termFrequency: 2, matchingCount: 3, totalCount: 100, fieldLength: 40, averageFieldLength: 50 });
 */
export function calculateBm25Score(options: {
  /** Occurrences of the term in this field of this document. */
  termFrequency: number;
  /** Documents containing the term (any field). */
  matchingCount: number;
  /** Documents in the index. */
  totalCount: number;
  /** Tokens in this field of this document. */
  fieldLength: number;
  /** Mean tokens in this field over the index. */
  averageFieldLength: number;
  parameters?: Bm25Parameters;
}): number {
  const parameters = options.parameters ?? DEFAULT_BM25_PARAMETERS;
  return bm25FieldScore(bm25InverseDocumentFrequency(options.matchingCount, options.totalCount), options.termFrequency, options.fieldLength, options.averageFieldLength, parameters);
}

/** The term's weight in calculateBm25Score, the same for every document: computed once per term when scoring many. */
export function bm25InverseDocumentFrequency(matchingCount: number, totalCount: number): number {
  // The "+1" form keeps the IDF positive even for terms found in most documents (上街区).
  return Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
}

/** calculateBm25Score given the term's inverseDocumentFrequency (positional: called once per posting). */
export function bm25FieldScore(idf: number, termFrequency: number, fieldLength: number, averageFieldLength: number, parameters: Bm25Parameters): number {
  const { k, b, d } = parameters;
  const relativeLength = averageFieldLength > 0 ? fieldLength / averageFieldLength : 1;
  return idf * (d + (termFrequency * (k + 1)) / (termFrequency + k * (1 - b + b * relativeLength)));
}
