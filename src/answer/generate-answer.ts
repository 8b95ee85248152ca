import type { ChatModel } from "../llm/chat-model.js";
import { loadPrompt } from "../llm/load-prompt.js";
import { cleanCitationMarkers } from "./clean-citation-markers.js";

/** One retrieved bulletin item as shown to the model, numbered 1..k by the caller. */
export interface PromptItem {
  n: number;
  issue: number | null;
  year: number | null;
  date: string | null;
  departments: string[];
  title: string;
  body: string;
}

export interface GeneratedAnswer {
  /** The model's answer with only valid, canonical "[n]" markers (numbers as in `items`). */
  answer: string;
  /** Item numbers the answer cites, in first-use order. */
  used: number[];
  /** The items did not answer the question; `answer` is then exactly REFUSAL_SENTENCE. */
  refused: boolean;
}

/** What the model must say, word for word, when the items do not answer the question. */
export const REFUSAL_SENTENCE = "已收录的简报中没有找到能回答这个问题的内容。";
/** An uncited reply shorter than this is a hedge ("条目中未提及"), not an answer. */
const SHORT_ANSWER_CHARS = 80;

/** "[1] 第64期（2025-11-27）区委社工部：标题" then the body: how the model sees one item. */
export function formatPromptItem(item: PromptItem): string {
  const issue = item.issue === null ? "" : `第${item.issue}期`;
  const date = item.date ? `（${item.date}）` : "";
  const unit = item.departments.join("、");
  const title = unit && item.title ? `${unit}：${item.title}` : unit || item.title;
  const header = `[${item.n}] ${issue}${date}${title}`.trimEnd();
  return `${header}\n${item.body.trim()}`;
}

export function formatPromptItems(items: readonly PromptItem[]): string {
  return items.map(formatPromptItem).join("\n\n");
}

/** Reasoning models served raw (Qwen3, DeepSeek-R1 on Ollama) put their thinking inline. */
export function stripThinking(text: string): string {
  return text.replace(/<think>[\s\S]*?(?:<\/think>|$)/g, "").trim();
}

/**
 * Asks the chat model to answer `question` from the numbered `items` only, then keeps only
 * markers that point at a provided item. Refusal rule: no valid marker remains AND the reply
 * either contains the refusal sentence or is shorter than 80 characters; then `answer` is
 * REFUSAL_SENTENCE and `used` is empty. A longer uncited reply is returned with `used` empty.
 * `onToken` sees the raw tokens; the returned `answer` is the cleaned text to display at the end.
 *
 * @example
 * const { answer, used } = await generateAnswer({ chatModel, question: "区教育局交流了多少教师？", items });
 * // answer: "两年内共交流教师140余人次，其中90人以上向薄弱校和跨区共建校倾斜。[1]", used: [1]
 */
export async function generateAnswer(options: {
  chatModel: ChatModel;
  question: string;
  items: readonly PromptItem[];
  onToken?: (token: string) => void;
  signal?: AbortSignal;
}): Promise<GeneratedAnswer> {
  const { items } = options;
  if (items.length === 0) return { answer: REFUSAL_SENTENCE, used: [], refused: true };

  const system = loadPrompt({ name: "answer", variables: { refusal: REFUSAL_SENTENCE } });
  const user = [
    "以下是检索到的《上街信息》简报条目：",
    formatPromptItems(items),
    `问题：${options.question.trim()}`,
    "请只依据以上条目回答，每句话后标注来源编号 [n]。",
  ].join("\n\n");
  const reply = await options.chatModel.complete({
    messages: [
      { role: "system", content: system },
      { role: "user", content: user },
    ],
    ...(options.onToken ? { onToken: options.onToken } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });

  const { text, used } = cleanCitationMarkers({ text: stripThinking(reply), valid: new Set(items.map((item) => item.n)) });
  const plain = text.replace(/\s+/g, "");
  const refused = used.length === 0 && (plain.includes(REFUSAL_SENTENCE.replace(/。$/, "")) || plain.length < SHORT_ANSWER_CHARS);
  if (refused) return { answer: REFUSAL_SENTENCE, used: [], refused: true };
  return { answer: text, used, refused: false };
}
