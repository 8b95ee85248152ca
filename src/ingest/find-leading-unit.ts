import { parseUnits } from "./parse-attribution.js";

/** A unit named where an item starts: "【区教育局】近日，……" or "某某镇：近日，……". */
export interface LeadingUnit {
  /** Offset after the unit mark (and the spaces after it): where the body starts. */
  end: number;
  /** The mark as written, e.g. "【区教育局】" or "某某镇：". */
  text: string;
  units: string[];
}

const BRACKETED = /^【\s*([^【】]{2,40}?)\s*】\s*/;
const COLON = /^([^\s：:，,。；;！？!?（）()【】“”"]{2,40}?)\s*[：:]\s*/;

/**
 * The unit an item opens with, when the text (already stripped of any brief mark) starts with one.
 * Column labels ("【经验交流】") and speakers ("会议指出：") are not units.
 */
export function findLeadingUnit(text: string): LeadingUnit | undefined {
  const match = BRACKETED.exec(text) ?? COLON.exec(text);
  if (!match) return undefined;
  const units = parseUnits(match[1]!);
  if (!units) return undefined;
  return { end: match[0].length, text: match[0].trimEnd(), units };
}
