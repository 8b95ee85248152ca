// ○ (U+25CB), Latin O and full-width Ｏ are typed for 〇 in dates ("二○二四年", "二O二四年").
const DIGITS: Record<string, number> = {
  〇: 0, "○": 0, O: 0, Ｏ: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
/** 廿 and 卅 are old shorthand for 二十 and 三十 in day numbers. */
const TENS: Record<string, number> = { 十: 10, 廿: 20, 卅: 30 };

/** Full-width digits (１２) as ASCII. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

/**
 * Reads Arabic or Chinese numerals as used in dates and issue numbers:
 * "64", "６４", "十二", "二十七", "一百零五", "两千", "廿三", and digit-by-digit years like "二〇二三",
 * "二○二三" or "二0二三".
 */
export function parseNumeral(text: string): number | undefined {
  const value = toAsciiDigits(text.trim());
  if (/^\d+$/.test(value)) return Number(value);
  if (value === "") return undefined;
  if ([...value].every((char) => char in DIGITS || /\d/.test(char))) {
    // Digit by digit (二〇二三, 二0二三) when there are no unit characters.
    return Number([...value].map((char) => DIGITS[char] ?? char).join(""));
  }
  let total = 0;
  let current = 0;
  for (const char of value) {
    if (char in DIGITS) current = DIGITS[char]!;
    else if (char in TENS) {
      total += (current === 0 ? 1 : current) * TENS[char]!;
      current = 0;
    } else if (char === "百" || char === "千") {
      total += (current === 0 ? 1 : current) * (char === "百" ? 100 : 1000);
      current = 0;
    } else return undefined;
  }
  return total + current;
}

/** A run of numeral characters for a RegExp; parseNumeral decides whether it is a number. */
export const NUMERAL = "[0-9０-９〇○OＯ零一二两三四五六七八九十廿卅百]+";

/** "过百万", "五十万", "两千万": a spoken amount of 万 or 亿 (not 千万 as in "千万别", nor 万一). */
const SPOKEN_AMOUNT = /(?<![零一二两三四五六七八九十百千几数\d])([零一二两三四五六七八九十百千]+)(万|亿)(?!一|别|不|要|注意)/g;

/** Writes spoken amounts as the bulletins write them: "村集体收入过百万" -> "村集体收入过100万". */
export function writeAmountsInDigits(text: string): string {
  return text.replace(SPOKEN_AMOUNT, (whole, numeral: string, unit: string) => {
    const value = parseNumeral(numeral);
    return value === undefined || value === 0 ? whole : `${value}${unit}`;
  });
}

/** "九月底", "十二月份": a month written in Chinese numerals (not 第…月, nor a count such as 两个月). */
const SPOKEN_MONTH = /(?<![零一二两三四五六七八九十百千几第\d])(十[一二]|[一二三四五六七八九十])(?=月)/g;

/** Writes months as the bulletins write them: "到九月底建成几个" -> "到9月底建成几个". */
export function writeMonthsInDigits(text: string): string {
  return text.replace(SPOKEN_MONTH, (numeral: string) => String(parseNumeral(numeral) ?? numeral));
}

const YEAR_DIGIT = "〇○零一二三四五六七八九";
/**
 * "二〇二三年" -> "2023年", "二三年夏天" -> "23年夏天": a year said digit by digit. "这二三年", "近一二年" and "二三年来"
 * are spans of two or three years, not years.
 */
const SPOKEN_YEAR = new RegExp(`(?<![${YEAR_DIGIT}十百千万两几这那近前后最每])([一二](?:[${YEAR_DIGIT}]{3}|[${YEAR_DIGIT}]))年(?![来间内多级])`, "g");

export function writeYearsInDigits(text: string): string {
  return text.replace(SPOKEN_YEAR, (whole, numeral: string) => `${[...numeral].map((digit) => DIGITS[digit] ?? 0).join("")}年`);
}
