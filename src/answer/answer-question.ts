import type { Engine } from "../app/open-engine.js";
import type { StoredItem } from "../domain.js";
import type { SearchMode, SearchResult } from "../search/hybrid-search.js";
import { inverseDocumentFrequency } from "../search/relevance.js";
import { understandQuery, type QueryIntent, type QueryUnderstanding } from "../search/understand-query.js";
import { toCitation, type Citation } from "./citation.js";
import { nothingFoundAnswer } from "./nothing-found.js";
import { scoreSentences } from "./select-sentences.js";
import { summarizeUnit } from "./summarize-unit.js";
import { findSource } from "./find-source.js";
import type { IssueLinks } from "../web/issue-links.js";

export interface Answer {
  question: string;
  intent: QueryIntent;
  answer: string;
  citations: Citation[];
  understanding: QueryUnderstanding;
}

const MAX_CITATIONS = 5;
const MAX_SENTENCES = 3;

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
}): Promise<Answer> {
  const { engine, question, links } = options;
  const previous = options.previous ?? (options.conversationId ? engine.conversations.previous(options.conversationId) : undefined);
  const understanding = understandQuery({
    text: question,
    today: engine.today(),
    units: engine.units(),
    ...(previous ? { previous } : {}),
  });
  if (options.conversationId) engine.conversations.remember(options.conversationId, understanding);
  if (understanding.intent === "summary" && understanding.units.length > 0) {
    return { question, understanding, ...summarizeUnit({ store: engine.store, understanding, links }) };
  }
  if (understanding.intent === "source") {
    const source = findSource({ store: engine.store, understanding, links });
    if (source) return { question, understanding, intent: "source", ...source };
    if (understanding.issue || understanding.date) {
      const named = understanding.issue ? `${understanding.issue.year ? `${understanding.issue.year}年` : ""}第${understanding.issue.number}期` : `${understanding.date}出版的一期`;
      return { question, understanding, intent: "source", answer: `已收录的《上街信息》中没有${named}。可以用“/latest”查看最近收录的各期。`, citations: [] };
    }
  }
  const result = await engine.searcher.search({ understanding, k: MAX_CITATIONS, ...(options.mode ? { mode: options.mode } : {}) });
  if (!result.relevant) {
    return { question, understanding, intent: understanding.intent, answer: nothingFoundAnswer({ understanding, filters: result.filters }), citations: [] };
  }
  return { question, understanding, intent: understanding.intent, ...extractAnswer({ engine, result, understanding, links }) };
}

/** The extractive answer: best sentences of the top items, each followed by its citation marker. */
function extractAnswer(options: { engine: Engine; result: SearchResult; understanding: QueryUnderstanding; links: IssueLinks | undefined }): { answer: string; citations: Citation[] } {
  const { engine, result, understanding, links } = options;
  const items = engine.store.getItems(result.hits.map((hit) => hit.itemId));
  const documents = Math.max(1, engine.index.lexical.size());
  const weight = (term: string) => inverseDocumentFrequency({ documentFrequency: engine.index.lexical.documentFrequency(term), documents });
  // Sentences are scored on the whole question: "上半年" in "今年上半年,平台受理事件37176件" matters here.
  const sentenceTerms = [...new Set([...result.queryTerms, ...engine.index.tokenizer.tokenize(understanding.text)])];
  const picked = items.map((item, index) => ({
    item,
    hit: result.hits[index]!,
    best: scoreSentences({ text: item.body, question: understanding.text, terms: sentenceTerms, weight, title: item.title })[0],
  }));
  const topScore = picked[0]?.best?.score ?? 0;
  const sentences: { text: string; item: StoredItem }[] = [];
  for (const entry of picked) {
    if (!entry.best || sentences.length >= MAX_SENTENCES) continue;
    if (sentences.length === 0 || (entry.best.score > 0.3 && entry.best.score >= topScore * 0.8)) sentences.push({ text: entry.best.text, item: entry.item });
  }
  const citations = picked.map((entry, index) => toCitation({ item: entry.item, n: index + 1, score: entry.hit.score, links }));
  const numberOf = new Map(picked.map((entry, index) => [entry.item.id, index + 1]));
  const answer = sentences.map((sentence) => `${sentence.text.replace(/[。；;，,]$/, "")}。[${numberOf.get(sentence.item.id)}]`).join("");
  return { answer, citations };
}
