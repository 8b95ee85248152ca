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
import { detectAnswerType } from "../query/answer-type.js";
import { readYesNoClaim } from "../query/yes-no-claim.js";
import { reportsJustAfter } from "../query/period-reports.js";
import { carriesValue } from "../query/carries-value.js";
import { toCitation } from "./citation.js";
import { extractAnswer, nearMissAnswer } from "./extractive-answer.js";
import { findSource, findSourceDocument } from "./find-source.js";
import type { Generation } from "./generation.js";
import { llmAnswer, llmSummary } from "./llm-answer.js";
import { nothingFoundAnswer, outsidePeriodAnswer } from "./nothing-found.js";
import { issueOverview, itemListing } from "./overview-answer.js";
import { pairHitsWithItems } from "./pair-hits-with-items.js";
import { recentUnitItems, summarizeUnit, unitItems } from "./summarize-unit.js";

export interface Answer {
  question: string;
  intent: QueryIntent | StatisticsIntent;
  answer: string;
  /** The items the answer rests on, numbered as its [n] markers. */
  citations: Citation[];
  /** Other items found on the topic, not quoted: "相关信息" (and every item of a near miss). */
  related?: Citation[];
  understanding: QueryUnderstanding;
  /** For an export question: the Word document a channel can hand over. */
  export?: CountAnswer["export"];
  /** A unit summary listing only its most recent items: how many it shows of how many. */
  truncated?: { shown: number; total: number };
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
  /** The day relative times are read against ("去年", "上个月"); default the application's today. */
  today?: string;
}

/** Answers one staff question from the bulletins. */
export type Answerer = (request: AskRequest) => Promise<Answer>;

/** What answering needs, built once by the composition root (src/app/create-application.ts). */
export interface AnswererParts {
  catalog: BulletinCatalog;
  /** Reads a question (intent, units, period, issue), taking unit and period from `previous` for a follow-up. */
  understand: (options: { text: string; previous?: QueryUnderstanding; today?: string }) => QueryUnderstanding;
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
const ENGLISH_HINT = "英文提问目前只能看懂其中常见的政务词语，这次没有找到对应内容。请用中文提问，例如：“2025年区公安局破获了多少起案件？”；要某期原文或某单位的总结也可以用英文（如 original of issue 64、summary of 区公安局）。";

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
    const understanding = parts.understand({ text: question, ...(previous ? { previous } : {}), ...(request.today ? { today: request.today } : {}) });
    if (request.conversation) parts.conversations?.remember(request.conversation, understanding);

    const counted = parts.counts?.({ understanding, previous, links });
    if (counted) return { question, understanding, ...counted };

    if (understanding.intent === "summary" && understanding.units.length > 0) {
      if (generation) {
        const items = unitItems({ catalog, understanding });
        const written = items.length > 0 ? await withFallback(generation, () => llmSummary({ items, understanding, links, generation, series: parts.series })) : undefined;
        if (written) return { question, understanding, intent: "summary", ...written };
      }
      // The most recent items and the counts, read by index: a unit's whole list is for `summary` on the command line.
      return { question, understanding, ...summarizeUnit({ ...recentUnitItems({ catalog, understanding }), understanding, links, series: parts.series }) };
    }
    if (understanding.intent === "source" || understanding.intent === "overview") {
      const document = findSourceDocument({ catalog, understanding });
      if (document && understanding.intent === "overview") {
        const items = catalog.listItems({ documentId: document.id });
        return { question, understanding, intent: "overview", ...issueOverview({ document, items, series: parts.series, links }) };
      }
      const source = document ? findSource({ catalog, understanding, links, series: parts.series }) : undefined;
      if (source) return { question, understanding, intent: "source", ...source };
      if (understanding.issue || understanding.date || understanding.latestIssue || understanding.issueInPeriod) {
        const named = understanding.issue
          ? `${understanding.issue.year ? `${understanding.issue.year}年` : ""}第${understanding.issue.number}期`
          : understanding.date ? `${understanding.date}出版的一期` : understanding.period ? `${understanding.period.label}出版的一期` : "任何一期";
        return { question, understanding, intent: understanding.intent, answer: `已收录的《${parts.series}》中没有${named}。请核对期号和年份，或查看已收录的各期简报列表。`, citations: [] };
      }
    }
    // An English fact question is searched with its words rendered in Chinese; with none known, or nothing found, it asks for Chinese.
    const englishFact = understanding.english && understanding.intent === "fact";
    const askChinese = () => ({ question, understanding, intent: understanding.intent, answer: ENGLISH_HINT, citations: [] });
    if (englishFact && understanding.keywords === "") return askChinese();

    const retrieval = await parts.retrieval();
    const result = await retrieval.search({ understanding, k: MAX_CITATIONS, ...(request.mode ? { mode: request.mode } : {}) });
    const notFound = () => englishFact ? askChinese() : ({ question, understanding, intent: understanding.intent, answer: nothingFoundAnswer({ understanding, filters: result.filters, series: parts.series }), citations: [] });
    // Items of an issue replaced since the search are gone: their hits go, and when none is left, so does the answer.
    const found = result.relevant ? pairHitsWithItems({ hits: result.hits, items: catalog.getItems(result.hits.map((hit) => hit.itemId)) }) : [];
    if (found.length === 0) return notFound();
    // Only filters, no topic ("64期公安、宣传部、编办各讲了什么"): every item they select.
    if (result.queryTerms.length === 0) {
      return { question, understanding, intent: understanding.intent, ...itemListing({ items: found.map((entry) => entry.item), scope: scopeOf(result.filters), links }) };
    }
    // "22年有没有…" found only in other years is not a yes: those items are related, none is cited.
    const claim = readYesNoClaim(understanding.text);
    // A report out just after a short period is on it ("7月底那场大暴雨" in an August issue).
    const period = result.filters.period;
    if (claim?.existence && !claim.value && result.filters.periodRelaxed && period && !found.some((entry) => reportsJustAfter(entry.item.date, period))) {
      const related = found.map((entry, index) => toCitation({ item: entry.item, n: index + 1, score: entry.hit.score, links }));
      return { question, understanding, intent: understanding.intent, answer: outsidePeriodAnswer({ period, series: parts.series }), citations: [], related };
    }
    // English: the rendering carries the question word in Chinese ("how many people" -> 多少人).
    const answerType = detectAnswerType(englishFact ? understanding.keywords : understanding.text);
    if (generation) {
      const items = found.map((entry) => entry.item);
      const written = await withFallback(generation, () => llmAnswer({ understanding, items, scores: found.map((entry) => entry.hit.score), links, generation, series: parts.series }));
      if (written) {
        const related = () => items.map((item, index) => toCitation({ item, n: index + 1, score: found[index]?.hit.score ?? 0, links }));
        if (written.nearMiss) return { question, understanding, intent: understanding.intent, answer: written.answer, citations: [], related: related() };
        // A figure of another type than asked is worse than none.
        const top = items[0];
        if (answerType && top && written.citations.length > 0 && !carriesValue(written.answer, answerType)) {
          logger.info({ model: generation.chatModel.model, asked: answerType.kind }, "LLM answer carries no value of the asked type; answering as a near miss");
          return { question, understanding, intent: understanding.intent, answer: nearMissAnswer({ topic: top, answerType }), citations: [], related: related() };
        }
        return { question, understanding, intent: understanding.intent, answer: written.answer, citations: written.citations };
      }
    }
    const extracted = extractAnswer({ retrieval, result, found: found.slice(0, MAX_CITATIONS), understanding, answerType, links });
    // The type asked may be the yes/no question's ("比24年多了吧" asks for a change), which the extraction read.
    if (extracted.kind === "near-miss") {
      return { question, understanding, intent: understanding.intent, answer: nearMissAnswer({ topic: extracted.topic, answerType: extracted.answerType }), citations: [], related: extracted.related };
    }
    if (extracted.answer.trim() === "") return notFound();
    const lead = englishFact ? `（英文提问按词表译成“${understanding.keywords}”检索；用中文提问会更准确。）\n` : "";
    return { question, understanding, intent: understanding.intent, answer: `${lead}${extracted.answer}`, citations: extracted.citations, ...(extracted.related.length > 0 ? { related: extracted.related } : {}) };
  };
}

/** "第55期矿山街道、中心路街道报送的信息" — what the filters selected, for a listing's heading. */
function scopeOf(filters: { units: string[]; period?: { label: string }; issue?: { number: number; year?: number }; date?: string }): string {
  const when = filters.issue ? `${filters.issue.year ? `${filters.issue.year}年` : ""}第${filters.issue.number}期` : filters.date ?? filters.period?.label ?? "";
  const who = filters.units.join("、");
  return `${when}${who}报送的信息`;
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
