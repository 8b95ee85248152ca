import type { SearchHit, SearchParameters } from "./hybrid-search.js";

/** What one question's answerability was decided on. */
export interface Evidence {
  /** Items left by the question's explicit filters (unit, issue, period); undefined when there were none. */
  filteredItems: number | undefined;
  /** The filters alone narrowed the candidates to a handful. */
  isolated: boolean;
  topCoverage: number;
  topBigrams: number;
  /** The best item is among the first items of both the lexical and the vector list. */
  agreement: boolean;
  /** Which rule made the question answerable; undefined when none did. */
  rule?: "coverage" | "bigrams" | "agreement" | "isolated";
}

/**
 * One decision per question, from the whole evidence, not one floor per item: a question is
 * answerable when its best item covers enough of its words (a synonym counts for most of a word),
 * or of its character pairs, or covers less but both channels rank it first, or when explicit
 * filters already isolated a handful of items. Then every item that answers it is kept: those
 * close to the best, and for each unit the question names, that unit's best item, so that a
 * question about several units keeps all of them.
 */
export function judgeAnswerability(options: {
  hits: readonly SearchHit[];
  parameters: SearchParameters;
  /** Units the question names (and filters by). */
  units: readonly string[];
  filteredItems: number | undefined;
  lexicalTop: readonly number[];
  vectorTop: readonly number[];
}): { relevant: boolean; kept: SearchHit[]; evidence: Evidence } {
  const { hits, parameters, units } = options;
  const top = hits[0];
  const isolated = options.filteredItems !== undefined && options.filteredItems <= parameters.isolatedItems;
  const agreement = top !== undefined && options.lexicalTop.includes(top.itemId) && options.vectorTop.includes(top.itemId);
  const evidence: Evidence = {
    filteredItems: options.filteredItems,
    isolated,
    topCoverage: top?.coverage ?? 0,
    topBigrams: top?.bigrams ?? 0,
    agreement,
  };
  if (!top) return { relevant: false, kept: [], evidence };
  const rule: Evidence["rule"] =
    top.coverage >= parameters.minimumCoverage ? "coverage"
    : top.bigrams >= parameters.minimumBigramCoverage ? "bigrams"
    : agreement && top.coverage >= parameters.minimumAgreedCoverage ? "agreement"
    : isolated && (top.coverage >= parameters.minimumIsolatedCoverage || top.bigrams >= parameters.minimumBigramCoverage / 2) ? "isolated"
    : undefined;
  if (!rule) return { relevant: false, kept: [], evidence };

  const floor = rule === "isolated" ? parameters.minimumIsolatedCoverage : Math.min(parameters.minimumAgreedCoverage, top.coverage * parameters.keepRatio);
  const answers = (hit: SearchHit) =>
    hit.coverage >= Math.max(floor, top.coverage * parameters.keepRatio) || hit.bigrams >= Math.max(parameters.minimumBigramCoverage, top.bigrams * 0.9);
  const kept = hits.filter((hit, index) => index === 0 || answers(hit));
  // A question about several units keeps each unit's best item that says something about it.
  if (units.length > 1) {
    for (const unit of units) {
      if (kept.some((hit) => hit.units.includes(unit))) continue;
      const best = hits.find((hit) => hit.units.includes(unit) && hit.coverage >= floor);
      if (best) kept.push(best);
    }
  }
  return { relevant: true, kept, evidence: { ...evidence, rule } };
}
