import type { StoredItem } from "../domain.js";
import type { QueryUnderstanding } from "../query/understand-query.js";
import type { CitationLinks } from "./citation-links.js";
import type { Generation } from "./generation.js";
import { toCitation, type Citation } from "./citation.js";
import { renumberCitationMarkers } from "./clean-citation-markers.js";
import { generateAnswer, REFUSAL_SENTENCE, type PromptItem } from "./generate-answer.js";
import { seriesTitle } from "./series-title.js";
import { stripInjectedInstructions } from "./strip-injected-instructions.js";
import { summarizeWithLlm } from "./summarize-with-llm.js";

/** An item as the model sees it: instructions smuggled into a bulletin are cut out (and logged) first. */
function toPromptItem(item: StoredItem, n: number, generation: Generation): PromptItem {
  const title = stripInjectedInstructions({ text: item.title });
  const body = stripInjectedInstructions({ text: item.body });
  const removed = [...title.removed, ...body.removed];
  if (removed.length > 0) {
    generation.logger.warn({ itemId: item.id, source: item.source, removed }, "bulletin item contains instructions to a language model; left out of the prompt");
  }
  return { n, issue: item.issue, year: item.year, date: item.date, units: item.units, title: title.text, body: body.text };
}

/** Keeps only the citations the answer uses, renumbered 1..m in first-use order. */
function usedCitations(options: { text: string; used: readonly number[]; items: readonly StoredItem[]; scores?: readonly number[]; links: CitationLinks | undefined }) {
  const citations: Citation[] = options.used.map((n, index) =>
    toCitation({ item: options.items[n - 1]!, n: index + 1, score: options.scores?.[n - 1] ?? 1, links: options.links }),
  );
  return { answer: renumberCitationMarkers({ text: options.text, order: options.used }), citations };
}

/**
 * A fact answer written by the LLM from the retrieved items only. A refusal, a near miss ("简报提到了
 * ……，但没有写明……") and a reply with no grounded sentence cite nothing.
 */
export async function llmAnswer(options: {
  understanding: QueryUnderstanding;
  items: readonly StoredItem[];
  scores: readonly number[];
  links: CitationLinks | undefined;
  generation: Generation;
  /** BULLETIN_SERIES, for items whose issue names no series. */
  series: string;
}): Promise<{ answer: string; citations: Citation[]; nearMiss?: true } | undefined> {
  const { generation } = options;
  const generated = await generateAnswer({
    chatModel: generation.chatModel,
    question: options.understanding.text,
    series: seriesTitle({ series: options.items.map((item) => item.series), fallback: options.series }),
    items: options.items.map((item, index) => toPromptItem(item, index + 1, generation)),
    ...(generation.onToken ? { onToken: generation.onToken } : {}),
    ...(generation.signal ? { signal: generation.signal } : {}),
  });
  if (generated.dropped.length > 0) {
    generation.logger.info({ model: generation.chatModel.model, dropped: generated.dropped }, "LLM answer: sentences without a valid, supported citation removed");
  }
  if (generated.nearMiss) return { answer: generated.nearMiss, citations: [], nearMiss: true };
  if (generated.refused) return { answer: REFUSAL_SENTENCE, citations: [] };
  // A long reply without one grounded sentence is not an answer either: nothing in it can be checked.
  if (generated.used.length === 0) return { answer: REFUSAL_SENTENCE, citations: [] };
  return usedCitations({ text: generated.answer, used: generated.used, items: options.items, scores: options.scores, links: options.links });
}

/** A unit's work summary written by the LLM over every item of the unit in the period (map-reduce when long). */
export async function llmSummary(options: {
  items: readonly StoredItem[];
  understanding: QueryUnderstanding;
  links: CitationLinks | undefined;
  generation: Generation;
  /** BULLETIN_SERIES, for items whose issue names no series. */
  series: string;
}): Promise<{ answer: string; citations: Citation[] }> {
  const { understanding, generation, items } = options;
  const period = understanding.period;
  const summary = await summarizeWithLlm({
    chatModel: generation.chatModel,
    series: seriesTitle({ series: items.map((item) => item.series), fallback: options.series }),
    unit: understanding.units.join("、"),
    periodLabel: period?.label ?? "已收录的各期",
    items: items.map((item, index) => toPromptItem(item, index + 1, generation)),
    ...(generation.onToken ? { onToken: generation.onToken } : {}),
    ...(generation.signal ? { signal: generation.signal } : {}),
  });
  const counted = `${summary.answer}\n共 ${new Set(items.map((item) => item.documentId)).size} 期 ${items.length} 条。`;
  return usedCitations({ text: counted, used: summary.used, items, links: options.links });
}
