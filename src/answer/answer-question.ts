import type { Engine } from "../app/open-engine.js";
import type { ChatModel } from "../models/chat-model.js";
import type { Logger } from "../log.js";
import type { SearchMode } from "../search/hybrid-search.js";
import { understandQuery, type QueryIntent, type QueryUnderstanding } from "../query/understand-query.js";
import type { ConversationKey } from "../store/conversation-store.js";
import type { CitationLinks } from "./citation-links.js";
import type { Citation } from "./citation.js";
import { extractAnswer } from "./extractive-answer.js";
import { findSource } from "./find-source.js";
import { llmAnswer, llmSummary } from "./llm-answer.js";
import { nothingFoundAnswer } from "./nothing-found.js";
import { pairHitsWithItems } from "./pair-hits-with-items.js";
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
  /** Receives the answer while the model writes it (a fact answer: only its grounded sentences); the final answer supersedes it. */
  onToken?: (token: string) => void;
  /** Aborts the model's request, e.g. when the person who asked has left; the answer then rejects with the reason. */
  signal?: AbortSignal;
}

/**
 * Answers one staff question from the bulletins: a fact question gets the best sentences with
 * [n] markers, a summary request every item of the unit in the period, a source request the issue.
 */
export async function answerQuestion(options: {
  engine: Engine;
  question: string;
  /** Groups turns: a follow-up without unit or period takes them from the conversation's last question. */
  conversation?: ConversationKey;
  previous?: QueryUnderstanding;
  mode?: SearchMode;
  links?: CitationLinks;
  generation?: Generation;
}): Promise<Answer> {
  const { engine, question, links, generation } = options;
  // An ingest by another process since the last question: search the bulletins as they are now.
  await engine.refresh();
  const previous = options.previous ?? (options.conversation ? engine.conversations.previous(options.conversation) : undefined);
  const understanding = understandQuery({
    text: question,
    today: engine.today(),
    units: engine.units(),
    ...(previous ? { previous } : {}),
  });
  if (options.conversation) engine.conversations.remember(options.conversation, understanding);
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
  const notFound = () => ({ question, understanding, intent: understanding.intent, answer: nothingFoundAnswer({ understanding, filters: result.filters }), citations: [] });
  // Items of an issue replaced since the search are gone: their hits go, and when none is left, so does the answer.
  const found = result.relevant ? pairHitsWithItems({ hits: result.hits, items: engine.store.getItems(result.hits.map((hit) => hit.itemId)) }) : [];
  if (found.length === 0) return notFound();
  if (generation) {
    const written = await withFallback(generation, async () => {
      const answer = await llmAnswer({ understanding, items: found.map((entry) => entry.item), scores: found.map((entry) => entry.hit.score), links, generation });
      if (!answer) generation.logger.warn({ model: generation.chatModel.model }, "LLM answer had no grounded sentence; using the extractive answer");
      return answer;
    });
    if (written) return { question, understanding, intent: understanding.intent, ...written };
  }
  const extracted = extractAnswer({ engine, result, found, understanding, links });
  return extracted.answer.trim() === "" ? notFound() : { question, understanding, intent: understanding.intent, ...extracted };
}

async function withFallback<T>(generation: Generation, write: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    // The person left: nobody is waiting for a fallback answer.
    if (generation.signal?.aborted) throw generation.signal.reason;
    generation.logger.warn({ err: error, model: generation.chatModel.model }, "LLM answer failed; falling back to the extractive answer");
    return undefined;
  }
}

