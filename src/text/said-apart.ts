/**
 * A word written with a modifier inside it: "成交额" in "成交金额", "交通事故" in "道路交通安全责任事故".
 * Reports lengthen compounds this way; a question says them short.
 */

/** Characters a three-character word may have inserted before its last one, and a four-character one between its halves. */
const INSIDE_SHORT = 2;
const INSIDE_LONG = 6;

/** The pattern of the word (three or four Chinese characters) with a few characters inside it, in one phrase; undefined for other words. */
export function apartPattern(word: string): RegExp | undefined {
  if (!/^[\u4e00-\u9fff]{3,4}$/.test(word)) return undefined;
  const characters = [...word];
  const [head, tail, inside] = characters.length === 3
    ? [characters.slice(0, 2).join(""), characters[2]!, INSIDE_SHORT]
    : [characters.slice(0, 2).join(""), characters.slice(2).join(""), INSIDE_LONG];
  return new RegExp(`${head}[\\u4e00-\\u9fff]{1,${inside}}?${tail}`);
}

/** The text says the word with a few characters inside it. */
export function saysApart(text: string, word: string): boolean {
  return apartPattern(word)?.test(text) ?? false;
}
