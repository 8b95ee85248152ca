import type { Engine } from "../app/open-engine.js";
import type { ChatModel } from "../llm/chat-model.js";
import type { Logger } from "../log.js";
import type { SearchMode } from "../search/hybrid-search.js";
import { understandQuery, type QueryIntent, type QueryUnderstanding } from "../search/understand-query.js";
import type { IssueLinks } from "../web/issue-links.js";
import type { Citation } from "./citation.js";
import { extractAnswer } from "./extractive-answer.js";
import { findSource } from "./find-source.js";
import { llmAnswer, llmSummary } from "./llm-answer.js";
import { nothingFoundAnswer } from "./nothing-found.js";
import { summarizeUnit, unitItems } from "./summarize-unit.js";

export interface Answer {
  question: string;
  intent: QueryIntent;
  answer: string;
  citations: Citation[];
  understanding: QueryUnderstanding;
}

const MAX_CITATIONS = 5;

/** An LLM to write the answer; on its failure or timeout the extractive answer is used and the reason logged. */
export interface Generation {
  chatModel: ChatModel;
  logger: Logger;
  /** Receives the answer's tokens as the model streams them. */
  onToken?: (token: string) => void;
}

/**
 * Answers one staff question from the bulletins: a fact question gets the best sentences with
 * [n] markers, a summary request every item of the unit in the period, a source request the issue.
 */
export async function answerQuestion(options: {
  engine: Engine;
  question: string;
  /** Groups turns: a follow-up without unit or period takes them from the conversation's last question. */
  conversationId?: string;
  previous?: QueryUnderstanding;
  mode?: SearchMode;
  links?: IssueLinks;
  generation?: Generation;
}): Promise<Answer> {
  const { engine, question, links, generation } = options;
  const previous = options.previous ?? (options.conversationId ? engine.conversations.previous(options.conversationId) : undefined);
  const understanding = understandQuery({
    text: question,
    today: engine.today(),
    units: engine.units(),
    ...(previous ? { previous } : {}),
  });
  if (options.conversationId) engine.conversations.remember(options.conversationId, understanding);
  if (understanding.intent === "summary" && understanding.units.length > 0) {
    const items = unitItems({ store: engine.store, understanding });
    const summary = summarizeUnit({ items, understanding, links });
    if (generation && items.length > 0) {
      const written = await withFallback(generation, () => llmSummary({ items, understanding, links, generation }));
      if (written) return { question, understanding, intent: "summary", ...written };
    }
    return { question, understanding, ...summary };
  }
  if (understanding.intent === "source") {
    const source = findSource({ store: engine.store, understanding, links });
    if (source) return { question, understanding, intent: "source", ...source };
    if (understanding.issue || understanding.date) {
      const named = understanding.issue ? `${understanding.issue.year ? `${understanding.issue.year}年` : ""}第${understanding.issue.number}期` : `${understanding.date}出版的一期`;
      return { question, understanding, intent: "source", answer: `已收录的《上街信息》中没有${named}。请核对期号和年份，或查看已收录的各期简报列表。`, citations: [] };
    }
  }
  const result = await engine.searcher.search({ understanding, k: MAX_CITATIONS, ...(options.mode ? { mode: options.mode } : {}) });
  if (!result.relevant) {
    return { question, understanding, intent: understanding.intent, answer: nothingFoundAnswer({ understanding, filters: result.filters }), citations: [] };
  }
  const items = engine.store.getItems(result.hits.map((hit) => hit.itemId));
  if (generation) {
    const written = await withFallback(generation, () => llmAnswer({ understanding, items, scores: result.hits.map((hit) => hit.score), links, generation }));
    if (written) return { question, understanding, intent: understanding.intent, ...written };
  }
  return { question, understanding, intent: understanding.intent, ...extractAnswer({ engine, result, items, understanding, links }) };
}

async function withFallback<T>(generation: Generation, write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    generation.logger.warn({ err: error, model: generation.chatModel.model }, "LLM answer failed; falling back to the extractive answer");
    return undefined;
  }
}

