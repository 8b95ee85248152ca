import type { Application } from "../app/create-application.js";
import { bm25Baseline, langchainBaseline, vectorBaseline, type Retriever } from "./baselines.js";
import type { EvalQuestion } from "./eval-question.js";
import { scoreQuestion, summarize, type Metrics, type QuestionScore } from "./score-citations.js";

export interface QuestionResult {
  id: string;
  question: string;
  category: string | undefined;
  /** Citations by the question's rule and, when the system writes an answer, every expected word in it. */
  passed: boolean;
  firstHit: number | undefined;
  refused: boolean;
  /** null when the system writes no answer text or the question names no words. */
  answerOk: boolean | null;
  answer?: string;
}

export interface SystemReport {
  name: string;
  metrics: Metrics;
  results: QuestionResult[];
}

export interface EvalReport {
  questions: number;
  systems: SystemReport[];
}

export const EVAL_SYSTEMS = ["hybrid", "bm25", "vector", "langchain"] as const;
export type EvalSystem = (typeof EVAL_SYSTEMS)[number];

/**
 * Scores the product (hybrid retrieval with query understanding, summaries and source lookup)
 * and the baselines on the same store and questions, in one run. A question's `today` is the
 * day its relative times are read against.
 */
export async function runEval(options: {
  application: Pick<Application, "answerer" | "search" | "catalog">;
  questions: readonly EvalQuestion[];
  systems?: readonly EvalSystem[];
}): Promise<EvalReport> {
  const { application, questions } = options;
  const answer = application.answerer();
  const parts = { stack: await application.search(), catalog: application.catalog };
  const retrievers: Record<EvalSystem, () => Promise<(question: EvalQuestion) => Promise<{ citations: Awaited<ReturnType<Retriever>>; answer?: string }>>> = {
    hybrid: async () => async (question) => {
      const result = await answer({ question: question.question, ...(question.today ? { today: question.today } : {}) });
      return { citations: result.citations, answer: result.answer };
    },
    bm25: async () => async (question) => ({ citations: await bm25Baseline(parts)(question.question) }),
    vector: async () => async (question) => ({ citations: await vectorBaseline(parts)(question.question) }),
    langchain: async () => {
      const retriever = await langchainBaseline(parts);
      return async (question: EvalQuestion) => ({ citations: await retriever(question.question) });
    },
  };
  const systems: SystemReport[] = [];
  for (const name of options.systems ?? EVAL_SYSTEMS) {
    const retrieve = await retrievers[name]();
    const scored: { question: EvalQuestion; score: QuestionScore; answerOk: boolean | null; answer: string | undefined }[] = [];
    for (const question of questions) {
      const { citations, answer: text } = await retrieve(question);
      const answerOk = text === undefined || question.answer_contains.length === 0 || question.match === "none"
        ? null
        : question.answer_contains.every((word) => text.includes(word));
      const score = scoreQuestion(question, citations);
      scored.push({ question, score: { ...score, passed: score.passed && answerOk !== false }, answerOk, answer: text });
    }
    systems.push({
      name,
      metrics: summarize(scored),
      results: scored.map(({ question, score, answerOk, answer: text }) => ({
        id: question.id, question: question.question, category: question.category, passed: score.passed, firstHit: score.firstHit,
        refused: score.refused, answerOk, ...(text !== undefined ? { answer: text } : {}),
      })),
    });
  }
  return { questions: questions.length, systems };
}
