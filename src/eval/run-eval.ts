import type { Application } from "../app/create-application.js";
import { bm25Baseline, langchainBaseline, vectorBaseline, type Retriever } from "./baselines.js";
import type { EvalQuestion } from "./eval-question.js";
import { scoreQuestion, summarize, type Metrics, type QuestionScore } from "./score-citations.js";

export interface SystemReport {
  name: string;
  metrics: Metrics;
  results: { id: string; question: string; passed: boolean; firstHit: number | undefined; refused: boolean; answerOk: boolean | null }[];
}

export interface EvalReport {
  questions: number;
  systems: SystemReport[];
}

const SYSTEMS = ["hybrid", "bm25", "vector", "langchain"] as const;

/**
 * Scores the product (hybrid retrieval with query understanding, summaries and source lookup)
 * and the baselines on the same store and questions, in one run.
 */
export async function runEval(options: { application: Pick<Application, "answerer" | "search" | "catalog">; questions: readonly EvalQuestion[] }): Promise<EvalReport> {
  const { application, questions } = options;
  const answer = application.answerer();
  const parts = { stack: await application.search(), catalog: application.catalog };
  const retrievers: Record<(typeof SYSTEMS)[number], (question: EvalQuestion) => Promise<{ citations: Awaited<ReturnType<Retriever>>; answer?: string }>> = {
    hybrid: async (question) => {
      const result = await answer({ question: question.question });
      return { citations: result.citations, answer: result.answer };
    },
    bm25: async (question) => ({ citations: await bm25Baseline(parts)(question.question) }),
    vector: async (question) => ({ citations: await vectorBaseline(parts)(question.question) }),
    langchain: await (async () => {
      const retriever = await langchainBaseline(parts);
      return async (question: EvalQuestion) => ({ citations: await retriever(question.question) });
    })(),
  };
  const systems: SystemReport[] = [];
  for (const name of SYSTEMS) {
    const scored: { question: EvalQuestion; score: QuestionScore; answerOk: boolean | null }[] = [];
    for (const question of questions) {
      const { citations, answer } = await retrievers[name](question);
      const answerOk = answer === undefined || question.answer_contains.length === 0 ? null : question.answer_contains.every((word) => answer.includes(word));
      scored.push({ question, score: scoreQuestion(question, citations), answerOk });
    }
    systems.push({
      name,
      metrics: summarize(scored),
      results: scored.map(({ question, score, answerOk }) => ({
        id: question.id, question: question.question, passed: score.passed, firstHit: score.firstHit, refused: score.refused, answerOk,
      })),
    });
  }
  return { questions: questions.length, systems };
}
