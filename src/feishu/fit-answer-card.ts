import type { Answer } from "../answer/answer-question.js";
import type { Citation } from "../answer/citation.js";
import type { QueryUnderstanding } from "../query/understand-query.js";
import { answerCard, MAX_CITATION_ROWS } from "./cards.js";
import { escapeMarkdown, linkTarget, markdownLink } from "./escape-markdown.js";
import { MESSAGE_BODY_LIMIT_BYTES, messageBodyBytes } from "./feishu-messenger.js";

/** Where the full list of a unit's items can be read (a signed link to the web page), if anywhere. */
export type SummaryUrl = (options: { unit: string; period?: { from: string; to: string; label: string } }) => string | undefined;

/** Room left for the request's other fields (ids, uuid) and for the CardKit envelope. */
const BUDGET_BYTES = MESSAGE_BODY_LIMIT_BYTES - 2 * 1024;

/** Bytes a card takes in a message request (content is a JSON string inside the JSON body). */
export function cardRequestBytes(card: object): number {
  return messageBodyBytes({ msgType: "interactive", content: card, uuid: "x".repeat(50), receiveId: "oc_".padEnd(40, "x") });
}

/** The most that fits: the largest n in [low, high] with fits(n), or low - 1 when none does. */
function largestFitting(low: number, high: number, fits: (n: number) => boolean): number {
  let best = low - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) {
      best = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return best;
}

function restHint(understanding: QueryUnderstanding | undefined, summaryUrl: SummaryUrl | undefined): string {
  const unit = understanding?.units[0];
  const period = understanding?.period;
  const url = unit ? summaryUrl?.({ unit, ...(period ? { period: { from: period.from, to: period.to, label: period.label } } : {}) }) : undefined;
  if (url && linkTarget(url)) return markdownLink({ label: "在网页上查看全部", url });
  const example = `/summary ${unit ?? "单位名称"} ${period ? "（换成更短的时间段，如某一季度）" : "2024年上半年"}`;
  return escapeMarkdown(`其余各条可分时间段查看，例如发送：${example}`);
}

/**
 * The answer card, kept under Feishu's 30 KB message limit. A long unit summary keeps its most
 * recent items ("共 N 条，显示最近 M 条") with a link to the full list on the web page, or, without
 * a public address, a hint how to ask for the rest; any other over-long answer is cut short.
 */
export function fitAnswerCard(options: {
  answer: Pick<Answer, "answer" | "citations" | "intent"> & { understanding?: QueryUnderstanding };
  answerId: string;
  publicLinks: boolean;
  summaryUrl?: SummaryUrl | undefined;
  budgetBytes?: number;
  /** What the chat list shows for the card (the bot's name). */
  summary?: string | undefined;
}): Record<string, unknown> {
  const { answer } = options;
  const budget = options.budgetBytes ?? BUDGET_BYTES;
  const base = { answerId: options.answerId, publicLinks: options.publicLinks, summary: options.summary };
  const whole = answerCard({ ...base, answer });
  if (cardRequestBytes(whole) <= budget) return whole;

  const lines = answer.answer.split("\n");
  const itemLines = lines.filter((line) => line.startsWith("- "));
  if (answer.intent === "summary" && itemLines.length > 1) {
    const heading = lines.filter((line) => !line.startsWith("- ")).slice(0, 1);
    const hint = restHint(answer.understanding, options.summaryUrl);
    const build = (shown: number) => {
      const kept = itemLines.slice(-shown);
      const markers = new Set(kept.flatMap((line) => [...line.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]))));
      const rows: Citation[] = answer.citations.filter((citation) => markers.has(citation.n)).slice(-MAX_CITATION_ROWS);
      const note = `${escapeMarkdown(`共 ${itemLines.length} 条，显示最近 ${shown} 条。`)}${hint}`;
      return answerCard({ ...base, answer: { ...answer, answer: [...heading, ...kept].join("\n") }, rows, note });
    };
    const shown = largestFitting(1, itemLines.length - 1, (count) => cardRequestBytes(build(count)) <= budget);
    if (shown >= 1) return build(shown);
  }

  const cut = (length: number) => answerCard({ ...base, answer: { ...answer, answer: `${answer.answer.slice(0, length)}…（回答过长，已截断）` }, rows: answer.citations.slice(0, 5) });
  const length = largestFitting(0, answer.answer.length, (count) => cardRequestBytes(cut(count)) <= budget);
  return cut(Math.max(0, length));
}
