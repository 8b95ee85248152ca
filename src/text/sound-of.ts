import { pinyin } from "pinyin-pro";

/** The toneless pinyin of a word, syllables apart: "易涝点" -> "yi lao dian". Words typed by sound share it. */
export function soundOf(word: string): string {
  return pinyin(word, { toneType: "none", type: "array" }).join(" ");
}
