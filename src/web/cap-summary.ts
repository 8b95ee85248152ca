/** Item lines a unit summary shows on the web page: a unit's 10,000 items were one 4.8 MB answer. */
export const SUMMARY_ITEM_LIMIT = 200;

interface AnswerJson {
  intent: string;
  answer: string;
  citations: { n: number }[];
}

/**
 * A unit summary of more than `limit` items, cut to its most recent `limit` item lines (the list
 * runs in date order) and the citations they mark, with a line saying how to see the rest and
 * `truncated` saying how many there were. Any other answer is returned as it is.
 *
 * @example capSummary({ intent: "summary", answer: "…\n- 第1期… [1]\n…", citations }) // { …, truncated: { shown: 200, total: 9575 } }
 */
export function capSummary<T extends AnswerJson>(answer: T, limit = SUMMARY_ITEM_LIMIT): T & { truncated?: { shown: number; total: number } } {
  if (answer.intent !== "summary") return answer;
  const lines = answer.answer.split("\n");
  const itemLines = lines.filter((line) => line.startsWith("- "));
  if (itemLines.length <= limit) return answer;
  const dropped = new Set(itemLines.slice(0, itemLines.length - limit));
  const kept = lines.filter((line) => !dropped.has(line));
  const markers = new Set(kept.flatMap((line) => [...line.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]))));
  const note = `（共 ${itemLines.length} 条，这里列出最近 ${limit} 条；其余各条请缩短时间段再问，如加上“2024年上半年”，或用命令行 summary 导出全部。）`;
  return {
    ...answer,
    answer: [...kept, note].join("\n"),
    citations: answer.citations.filter((citation) => markers.has(citation.n)),
    truncated: { shown: limit, total: itemLines.length },
  };
}
