const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * Reads Arabic or Chinese numerals as used in dates and issue numbers:
 * "64", "十二", "二十七", "一百零五", and digit-by-digit years like "二〇二三".
 */
export function parseNumeral(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+$/.test(value)) return Number(value);
  if (value === "") return undefined;
  if ([...value].every((char) => char in DIGITS)) {
    // Digit-by-digit form (二〇二三) when longer than one character and no unit characters.
    return Number([...value].map((char) => DIGITS[char]).join(""));
  }
  let total = 0;
  let current = 0;
  for (const char of value) {
    if (char in DIGITS) current = DIGITS[char]!;
    else if (char === "十") {
      total += (current === 0 ? 1 : current) * 10;
      current = 0;
    } else if (char === "百") {
      total += (current === 0 ? 1 : current) * 100;
      current = 0;
    } else return undefined;
  }
  return total + current;
}

export const NUMERAL = "(?:\\d+|[〇零一二两三四五六七八九十百]+)";
