import type { StoredItem } from "../domain.js";
import type { QueryUnderstanding } from "../search/understand-query.js";
import type { IssueLinks } from "../web/issue-links.js";
import type { Generation } from "./answer-question.js";
import { toCitation, type Citation } from "./citation.js";
import { renumberCitationMarkers } from "./clean-citation-markers.js";
import { generateAnswer, REFUSAL_SENTENCE, type PromptItem } from "./generate-answer.js";
import { summarizeWithLlm } from "./summarize-with-llm.js";

function toPromptItem(item: StoredItem, n: number): PromptItem {
  return { n, issue: item.issue, year: item.year, date: item.date, departments: item.departments, title: item.title, body: item.body };
}

/** Keeps only the citations the answer uses, renumbered 1..m in first-use order. */
function usedCitations(options: { text: string; used: readonly number[]; items: readonly StoredItem[]; scores?: readonly number[]; links: IssueLinks | undefined }) {
  const citations: Citation[] = options.used.map((n, index) =>
    toCitation({ item: options.items[n - 1]!, n: index + 1, score: options.scores?.[n - 1] ?? 1, links: options.links }),
  );
  return { answer: renumberCitationMarkers({ text: options.text, order: options.used }), citations };
}

/** A fact answer written by the LLM from the retrieved items only; a refusal cites nothing. */
export async function llmAnswer(options: {
  understanding: QueryUnderstanding;
  items: readonly StoredItem[];
  scores: readonly number[];
  links: IssueLinks | undefined;
  generation: Generation;
}): Promise<{ answer: string; citations: Citation[] }> {
  const { generation } = options;
  const generated = await generateAnswer({
    chatModel: generation.chatModel,
    question: options.understanding.text,
    items: options.items.map((item, index) => toPromptItem(item, index + 1)),
    ...(generation.onToken ? { onToken: generation.onToken } : {}),
  });
  if (generated.refused || generated.used.length === 0) return { answer: REFUSAL_SENTENCE, citations: [] };
  return usedCitations({ text: generated.answer, used: generated.used, items: options.items, scores: options.scores, links: options.links });
}

/** A unit's work summary written by the LLM over every item of the unit in the period (map-reduce when long). */
export async function llmSummary(options: {
  items: readonly StoredItem[];
  understanding: QueryUnderstanding;
  links: IssueLinks | undefined;
  generation: Generation;
}): Promise<{ answer: string; citations: Citation[] }> {
  const { understanding, generation, items } = options;
  const period = understanding.period;
  const summary = await summarizeWithLlm({
    chatModel: generation.chatModel,
    unit: understanding.units.join("、"),
    periodLabel: period?.label ?? "已收录的各期",
    items: items.map((item, index) => toPromptItem(item, index + 1)),
    ...(generation.onToken ? { onToken: generation.onToken } : {}),
  });
  const counted = `${summary.answer}\n共 ${new Set(items.map((item) => item.documentId)).size} 期 ${items.length} 条。`;
  return usedCitations({ text: counted, used: summary.used, items, links: options.links });
}
