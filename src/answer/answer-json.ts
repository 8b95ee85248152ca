import type { Answer } from "./answer-question.js";
import { citationJson } from "./citation.js";

/** An answer as `ask --json` and the web API write it (other tools depend on this contract). */
export function answerJson(answer: Answer) {
  return {
    question: answer.question, intent: answer.intent, answer: answer.answer, citations: answer.citations.map(citationJson),
    ...(answer.related && answer.related.length > 0 ? { related: answer.related.map(citationJson) } : {}),
    ...(answer.truncated ? { truncated: answer.truncated } : {}),
  };
}
