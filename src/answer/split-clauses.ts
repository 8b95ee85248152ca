import { splitSentences } from "../search/chunk-item.js";

/**
 * Sentences, and within them the items of an enumeration: "一是……，二是……；三是……" gives one
 * clause per point, so that an answer quotes the point that answers, not the whole list.
 * @example splitClauses("一是建站点12个，二是培训志愿者300人。") // ["一是建站点12个，", "二是培训志愿者300人。"]
 */
export function splitClauses(text: string): string[] {
  return splitSentences(text).flatMap((sentence) =>
    sentence
      .split(/(?<=[，,；;：:])(?=\s*(?:[二三四五六七八九十]是|其[二三四五六]是|此外|同时|另外)[，,]?)/)
      .map((clause) => clause.trim())
      .filter((clause) => clause.length > 1),
  );
}
