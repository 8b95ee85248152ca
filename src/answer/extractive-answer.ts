import type { StoredItem } from "../domain.js";
import type { SearchResult } from "../search/hybrid-search.js";
import type { Retrieval } from "../search/retrieval.js";
import type { QueryUnderstanding } from "../query/understand-query.js";
import type { CitationLinks } from "./citation-links.js";
import { toCitation, type Citation } from "./citation.js";
import type { FoundItem } from "./pair-hits-with-items.js";
import { scoreSentences } from "./select-sentences.js";

const MAX_SENTENCES = 3;

/** The extractive answer: best sentences of the top items, each followed by its citation marker. */
export function extractAnswer(options: {
  retrieval: Pick<Retrieval, "termWeight" | "tokenize">;
  result: Pick<SearchResult, "queryTerms">;
  found: readonly FoundItem[];
  understanding: QueryUnderstanding;
  links: CitationLinks | undefined;
}): { answer: string; citations: Citation[] } {
  const { retrieval, result, found, understanding, links } = options;
  const weight = retrieval.termWeight;
  // Sentences are scored on the whole question: "上半年" in "今年上半年,平台受理事件37176件" matters here.
  const sentenceTerms = [...new Set([...result.queryTerms, ...retrieval.tokenize(understanding.text)])];
  const picked = found.map(({ item, hit }) => ({
    item,
    hit,
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
