import type { EvalQuestion, Expectation } from "./eval-question.js";

/** What scoring needs of a citation. */
export interface CitedItem {
  date: string | null;
  units: string[];
  source: string;
}

/** A citation satisfies an expectation when every field the expectation gives agrees. */
export function satisfies(citation: CitedItem, expected: Expectation): boolean {
  return (
    (expected.date === undefined || citation.date === expected.date) &&
    (expected.unit === undefined || citation.units.includes(expected.unit)) &&
    (expected.source === undefined || citation.source === expected.source)
  );
}

export interface QuestionScore {
  passed: boolean;
  /** 1-based rank of the first citation satisfying any expectation; undefined when none does (in the top 5). */
  firstHit: number | undefined;
  /** Every expectation cited somewhere. */
  fullRecall: boolean;
  refused: boolean;
}

/** Scores one question's citations by its `match` rule (any: top 5, all: every one cited, top1: first, none: no citation). */
export function scoreQuestion(question: EvalQuestion, citations: readonly CitedItem[]): QuestionScore {
  const top = citations.slice(0, 5);
  const index = top.findIndex((citation) => question.expect.some((expected) => satisfies(citation, expected)));
  const firstHit = index === -1 ? undefined : index + 1;
  const fullRecall = question.expect.every((expected) => citations.some((citation) => satisfies(citation, expected)));
  const refused = citations.length === 0;
  const passed =
    question.match === "none" ? refused : question.match === "all" ? fullRecall : question.match === "top1" ? firstHit === 1 : firstHit !== undefined;
  return { passed, firstHit, fullRecall, refused };
}

export interface Metrics {
  questions: number;
  passed: number;
  /** Over questions that have an answer: first citation right / one of the top 5 right / mean reciprocal rank. */
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  /** `match: all` questions with every expected item cited. */
  summaryRecall: number | null;
  /** `match: top1` questions with the right first citation. */
  top1Accuracy: number | null;
  /** `match: none` questions answered with no citation. */
  refusalRate: number | null;
  /** Answerable questions refused (no citation), over answerable questions. */
  falseRefusals: number | null;
  /** Unanswerable questions answered with citations, over unanswerable questions. */
  falseAnswers: number | null;
  /** Passed / questions per `category`, for question files that give one. */
  byCategory: Record<string, { passed: number; questions: number }>;
}

const ratio = (count: number, total: number) => (total === 0 ? null : count / total);

export function summarize(scored: readonly { question: EvalQuestion; score: QuestionScore }[]): Metrics {
  const answerable = scored.filter(({ question }) => question.match !== "none");
  const of = (match: EvalQuestion["match"]) => scored.filter(({ question }) => question.match === match);
  return {
    questions: scored.length,
    passed: scored.filter(({ score }) => score.passed).length,
    hitAt1: ratio(answerable.filter(({ score }) => score.firstHit === 1).length, answerable.length) ?? 0,
    hitAt5: ratio(answerable.filter(({ score }) => score.firstHit !== undefined).length, answerable.length) ?? 0,
    mrr: answerable.length === 0 ? 0 : answerable.reduce((sum, { score }) => sum + (score.firstHit ? 1 / score.firstHit : 0), 0) / answerable.length,
    summaryRecall: ratio(of("all").filter(({ score }) => score.fullRecall).length, of("all").length),
    top1Accuracy: ratio(of("top1").filter(({ score }) => score.firstHit === 1).length, of("top1").length),
    refusalRate: ratio(of("none").filter(({ score }) => score.refused).length, of("none").length),
    falseRefusals: ratio(answerable.filter(({ score }) => score.refused).length, answerable.length),
    falseAnswers: ratio(of("none").filter(({ score }) => !score.refused).length, of("none").length),
    byCategory: byCategory(scored),
  };
}

function byCategory(scored: readonly { question: EvalQuestion; score: QuestionScore }[]): Record<string, { passed: number; questions: number }> {
  const categories: Record<string, { passed: number; questions: number }> = {};
  for (const { question, score } of scored) {
    if (question.category === undefined) continue;
    const entry = (categories[question.category] ??= { passed: 0, questions: 0 });
    entry.questions += 1;
    if (score.passed) entry.passed += 1;
  }
  return categories;
}
