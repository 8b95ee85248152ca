import { reportsLaterOnYear, reportsOn } from "../query/period-reports.js";

/** What the decision reads of one retrieved item. */
export interface EvidenceHit {
  itemId: number;
  /** Share of the question's weighted terms in the item (a synonym counts for most of a term), 0..1. */
  coverage: number;
  /** Share of the question's character pairs in the item, 0..1. */
  bigrams: number;
  /** Share of the question's characters in the item, 0..1 (evidence only where filters isolate the item). */
  characters?: number;
  units: string[];
  /** The question's most telling word is not in the item, nor a synonym of it. */
  missesKeyTerm: boolean;
  /** In a question about several units, the coverage of the part about the item's unit. */
  partCoverage?: number;
  /** In a question asking several things, the coverage of the thing the item covers best. */
  askedPartCoverage?: number;
  /** The issue date of the item (null for a document without one). */
  date: string | null;
}

/** The thresholds of the decision, calibrated on test/fixtures/eval/tune.jsonl. */
export interface AnswerabilityParameters {
  /** Weighted term coverage of an item that alone makes a question answerable. */
  minimumCoverage: number;
  /** Lower coverage accepted when the lexical and vector channels agree on the item. */
  minimumAgreedCoverage: number;
  /** Character-pair coverage that alone makes a question answerable (segmentation differences, typos). */
  minimumBigramCoverage: number;
  /** Filters that leave at most this many items isolate the candidates: they count as evidence. */
  isolatedItems: number;
  /** Coverage needed when the filters isolate the candidates (the leftover words are often vague). */
  minimumIsolatedCoverage: number;
  /** An item other than the anchor is kept when its coverage reaches this share of the anchor's. */
  keepRatio: number;
}

/** With isolating filters, this multiple of the isolated coverage answers even without the key word. */
const ISOLATED_WITHOUT_KEY_TERM = 1.5;

/** With isolating filters, this share of the question's characters in the item ("假烟" in "假冒伪劣卷烟") answers. */
const ISOLATED_CHARACTERS = 0.8;

/** How far down the fused ranking the decision looks for an item the evidence supports. */
const ANCHOR_WINDOW = 10;

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
 * filters (units, an issue) already isolated a handful of items — the last two only when the item
 * has the question's most telling word. Then every item that answers it is kept: those
 * close to the best, and for each unit the question names, that unit's best item, so that a
 * question about several units keeps all of them.
 */
export function judgeAnswerability<Hit extends EvidenceHit>(options: {
  hits: readonly Hit[];
  parameters: AnswerabilityParameters;
  /** Units the question names (and filters by). */
  units: readonly string[];
  filteredItems: number | undefined;
  lexicalTop: readonly number[];
  vectorTop: readonly number[];
  /**
   * The question asks several things ("发现多少处隐患 家庭医生团队组建了几个"): an item ranked above the anchor
   * that answers another part has not the first part's key word, and is kept as one below it would be.
   */
  severalParts?: boolean;
  /** "商会贷授信 23年多少 去年多少": the periods a question names apart, each to be answered by its own report. */
  periods?: readonly { from: string; to: string }[];
}): { relevant: boolean; kept: Hit[]; evidence: Evidence } {
  const { hits, parameters, units } = options;
  const isolated = options.filteredItems !== undefined && options.filteredItems <= parameters.isolatedItems;
  const agreed = (hit: Hit) => options.lexicalTop.includes(hit.itemId) && options.vectorTop.includes(hit.itemId);
  const ruleFor = (hit: Hit): Evidence["rule"] =>
    hit.coverage >= parameters.minimumCoverage ? "coverage"
    : hit.bigrams >= parameters.minimumBigramCoverage ? "bigrams"
    // A question about several units has a topic per unit: one key word cannot speak for all of them.
    // Filters that isolate a handful of items vouch for a clear share of the words without the key word.
    : isolated && hit.coverage >= parameters.minimumIsolatedCoverage * ISOLATED_WITHOUT_KEY_TERM ? "isolated"
    : hit.missesKeyTerm && units.length < 2 ? undefined
    : agreed(hit) && hit.coverage >= parameters.minimumAgreedCoverage ? "agreement"
    : isolated && (hit.coverage >= parameters.minimumIsolatedCoverage || hit.bigrams >= parameters.minimumBigramCoverage / 2 || (hit.characters ?? 0) >= ISOLATED_CHARACTERS) ? "isolated"
    : undefined;
  // The anchor is the best-ranked item that the evidence supports; items ranked above it without support go.
  const anchorIndex = hits.slice(0, ANCHOR_WINDOW).findIndex((hit) => ruleFor(hit) !== undefined);
  const anchor = anchorIndex >= 0 ? hits[anchorIndex] : hits[0];
  const evidence: Evidence = {
    filteredItems: options.filteredItems,
    isolated,
    topCoverage: anchor?.coverage ?? 0,
    topBigrams: anchor?.bigrams ?? 0,
    agreement: anchor !== undefined && agreed(anchor),
  };
  const rule = anchorIndex >= 0 && anchor ? ruleFor(anchor) : undefined;
  if (!anchor || !rule) return { relevant: false, kept: [], evidence };

  const floor = rule === "isolated" ? parameters.minimumIsolatedCoverage : Math.min(parameters.minimumAgreedCoverage, anchor.coverage * parameters.keepRatio);
  // Where the filters isolated the items, an item with the question's characters answers as the anchor did.
  const characters = (hit: Hit) => isolated && (hit.characters ?? 0) >= ISOLATED_CHARACTERS;
  const answers = (hit: Hit) =>
    hit.coverage >= Math.max(floor, anchor.coverage * parameters.keepRatio) || hit.bigrams >= Math.max(parameters.minimumBigramCoverage, anchor.bigrams * 0.9) || (rule === "isolated" && characters(hit));
  // A question asking several things keeps an item that covers one of them as an answer must cover a whole question.
  const answersPart = (hit: Hit) => options.severalParts === true && (hit.askedPartCoverage ?? 0) >= parameters.minimumCoverage;
  const kept = hits.filter((hit, index) => hit === anchor || (index > anchorIndex && answers(hit)) || (index < anchorIndex && (ruleFor(hit) !== undefined || (options.severalParts === true && answers(hit)))));
  // A question about several units keeps each unit's best item that says something about it.
  if (units.length > 1) {
    for (const unit of units) {
      if (kept.some((hit) => hit.units.includes(unit))) continue;
      // The unit, named and filtered by, vouches for part of the match; when the filters isolate a
      // handful of items, any word of the question in the unit's item does (each unit has its own words).
      const needed = isolated ? Number.MIN_VALUE : Math.min(floor, parameters.minimumIsolatedCoverage);
      // ... or the item covers its own unit's part of the question as an answer must cover a whole question.
      const best = hits.find((hit) => hit.units.includes(unit) && (hit.coverage >= needed || (hit.partCoverage ?? 0) >= parameters.minimumCoverage));
      if (best) kept.push(best);
    }
  }
  // A question about several periods keeps each period's best item that says something about it: any word
  // of the question will do in a report of the anchor's unit, the same thing asked of another year.
  const sameUnit = (hit: Hit) => hit.units.some((unit) => anchor.units.includes(unit));
  for (const period of options.periods ?? []) {
    if (kept.some((hit) => reportsOn(hit.date, period))) continue;
    // A year's report may come out in the months after it: the filters let it through only naming the year.
    const best = hits.find((hit) => (reportsOn(hit.date, period) || reportsLaterOnYear(hit.date, period)) && (hit.coverage >= Math.min(floor, parameters.minimumIsolatedCoverage) || ((hit.coverage > 0 || characters(hit)) && sameUnit(hit))));
    if (best) kept.push(best);
  }
  // Last, so that each unit and period above has found its own report first.
  for (const hit of hits) if (!kept.includes(hit) && answersPart(hit)) kept.push(hit);
  return { relevant: true, kept, evidence: { ...evidence, rule } };
}
