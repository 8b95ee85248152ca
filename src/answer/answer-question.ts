import type { Citation } from "../domain.js";
import type { Logger } from "../log.js";
import type { ChatModel } from "../models/chat-model.js";
import type { StatisticsIntent } from "../query/count-intent.js";
import type { QueryIntent, QueryUnderstanding } from "../query/understand-query.js";
import type { SearchMode } from "../search/hybrid-search.js";
import type { Retrieval } from "../search/retrieval.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import type { ConversationKey, ConversationStore } from "../store/conversation-store.js";
import type { CountAnswer, CountQuestions } from "./answer-count.js";
import type { CitationLinks } from "./citation-links.js";
import { extractAnswer } from "./extractive-answer.js";
import { findSource } from "./find-source.js";
import type { Generation } from "./generation.js";
import { llmAnswer, llmSummary } from "./llm-answer.js";
import { nothingFoundAnswer } from "./nothing-found.js";
import { pairHitsWithItems } from "./pair-hits-with-items.js";
import { summarizeUnit, unitItems } from "./summarize-unit.js";

export interface Answer {
  question: string;
  intent: QueryIntent | StatisticsIntent;
  answer: string;
  citations: Citation[];
  understanding: QueryUnderstanding;
  /** For an export question: the Word document a channel can hand over. */
  export?: CountAnswer["export"];
}

/** One question as a channel (web page, Feishu, CLI) hands it over. */
export interface AskRequest {
  question: string;
  /** Groups turns: a follow-up without unit or period takes them from the conversation's last question. */
  conversation?: ConversationKey;
  /** Retrieval mode, for evaluation against single-channel baselines. */
  mode?: SearchMode;
  /** Receives the answer while a model writes it; the returned answer supersedes what was streamed. */
  onToken?: (token: string) => void;
  /** Aborts a model's request when the person who asked has left. */
  signal?: AbortSignal;
}

/** Answers one staff question from the bulletins. */
export type Answerer = (request: AskRequest) => Promise<Answer>;

/** What answering needs, built once by the composition root (src/app/create-application.ts). */
export interface AnswererParts {
  catalog: BulletinCatalog;
  /** Reads a question (intent, units, period, issue), taking unit and period from `previous` for a follow-up. */
  understand: (options: { text: string; previous?: QueryUnderstanding }) => QueryUnderstanding;
  conversations?: ConversationStore<QueryUnderstanding>;
  /** The search stack, opened on the first question that needs it. */
  retrieval: () => Promise<Retrieval>;
  links?: CitationLinks;
  /** Writes answers and summaries when configured; otherwise answers are extractive. */
  chatModel?: ChatModel;
  logger: Logger;
  /** Series named in replies when nothing more specific is known (BULLETIN_SERIES). */
  series: string;
  /** Count, ranking and export questions, answered from statistics before any search. */
  counts?: CountQuestions;
}

const MAX_CITATIONS = 5;

/**
 * Builds the answerer: a fact question gets the best sentences with [n] markers, a summary
 * request every item of the unit in the period, a source request the issue.
 *
 * @example
 * const answer = createAnswerer(parts);
 * const { answer: text, citations } = await answer({ question: "上街区注册志愿者有多少人？" });
 */
export function createAnswerer(parts: AnswererParts): Answerer {
  const { catalog, links, logger } = parts;
  return async (request) => {
    const { question } = request;
    const generation: Generation | undefined = parts.chatModel
      ? { chatModel: parts.chatModel, logger, ...(request.onToken ? { onToken: request.onToken } : {}), ...(request.signal ? { signal: request.signal } : {}) }
      : undefined;
    const previous = request.conversation ? parts.conversations?.previous(request.conversation) : undefined;
    const understanding = parts.understand({ text: question, ...(previous ? { previous } : {}) });
    if (request.conversation) parts.conversations?.remember(request.conversation, understanding);

    const counted = parts.counts?.({ understanding, previous, links });
    if (counted) return { question, understanding, ...counted };

    if (understanding.intent === "summary" && understanding.units.length > 0) {
      const items = unitItems({ catalog, understanding });
      const summary = summarizeUnit({ items, understanding, links });
      if (generation && items.length > 0) {
        const written = await withFallback(generation, () => llmSummary({ items, understanding, links, generation }));
        if (written) return { question, understanding, intent: "summary", ...written };
      }
      return { question, understanding, ...summary };
    }
    if (understanding.intent === "source") {
      const source = findSource({ catalog, understanding, links });
      if (source) return { question, understanding, intent: "source", ...source };
      if (understanding.issue || understanding.date) {
        const named = understanding.issue ? `${understanding.issue.year ? `${understanding.issue.year}年` : ""}第${understanding.issue.number}期` : `${understanding.date}出版的一期`;
        return { question, understanding, intent: "source", answer: `已收录的《${parts.series}》中没有${named}。请核对期号和年份，或查看已收录的各期简报列表。`, citations: [] };
      }
    }

    const retrieval = await parts.retrieval();
    const result = await retrieval.search({ understanding, k: MAX_CITATIONS, ...(request.mode ? { mode: request.mode } : {}) });
    const notFound = () => ({ question, understanding, intent: understanding.intent, answer: nothingFoundAnswer({ understanding, filters: result.filters }), citations: [] });
    // Items of an issue replaced since the search are gone: their hits go, and when none is left, so does the answer.
    const found = result.relevant ? pairHitsWithItems({ hits: result.hits, items: catalog.getItems(result.hits.map((hit) => hit.itemId)) }) : [];
    if (found.length === 0) return notFound();
    if (generation) {
      const written = await withFallback(generation, async () => {
        const answer = await llmAnswer({ understanding, items: found.map((entry) => entry.item), scores: found.map((entry) => entry.hit.score), links, generation });
        if (!answer) logger.warn({ model: generation.chatModel.model }, "LLM answer had no grounded sentence; using the extractive answer");
        return answer;
      });
      if (written) return { question, understanding, intent: understanding.intent, ...written };
    }
    const extracted = extractAnswer({ retrieval, result, found, understanding, links });
    return extracted.answer.trim() === "" ? notFound() : { question, understanding, intent: understanding.intent, ...extracted };
  };
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
