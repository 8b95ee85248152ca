import { splitSentences } from "../search/chunk-item.js";

/**
 * Sentences, and within them the items of an enumeration: "一是……，二是……；三是……" gives one
 * clause per point, so that an answer quotes the point that answers, not the whole list.
 * @example splitClauses("一是建站点12个，二是培训志愿者300人。") // ["一是建站点12个，", "二是培训志愿者300人。"]
 */
export function splitClauses(text: string): string[] {
  const clauses = splitSentences(text).flatMap((sentence) =>
    sentence
      .split(/(?<=[，,；;：:])(?=\s*(?:[二三四五六七八九十]是|其[二三四五六]是|此外|同时|另外)[，,]?)/)
      .map((clause) => clause.trim())
      .filter((clause) => clause.length > 1),
  );
  // "三是开设“四点半课堂”。招募志愿者65名……": a point's heading alone says what the next sentence is about.
  return clauses.flatMap((clause, index) => (POINT_HEADING.test(clauses[index - 1] ?? "") ? [] : POINT_HEADING.test(clause) && index + 1 < clauses.length ? [`${clause}${clauses[index + 1]}`] : [clause]));
}

/** "三是开设“四点半课堂”。": an enumerated point's heading, short and without a figure. */
const POINT_HEADING = /^(?:[一二三四五六七八九十]是|其[一二三四五六]是)[^，,。；;\d]{1,20}[。：:]$/;
