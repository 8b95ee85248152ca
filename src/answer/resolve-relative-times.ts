/**
 * Bulletins speak relative to their own date: in an issue of 2025, 今年 is 2025 and 去年同期 is
 * 2024年同期. Rewrites those words into the years they mean, so that a quoted sentence stays true
 * when it is read later.
 * @example resolveRelativeTimes({ text: "今年以来，全区新增就业1200人", date: "2025-11-27" }) // "2025年以来，全区新增就业1200人"
 */
export function resolveRelativeTimes(options: { text: string; date: string | null }): string {
  const { text, date } = options;
  if (!date) return text;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const previousMonth = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return text
    .replace(/今年|本年度|本年/g, `${year}年`)
    .replace(/(?<![0-9年])去年/g, `${year - 1}年`)
    .replace(/(?<![0-9年大])前年/g, `${year - 2}年`)
    .replace(/(?<![0-9年])明年/g, `${year + 1}年`)
    .replace(/本月/g, `${year}年${month}月`)
    .replace(/上个?月(?!底|初)/g, `${previousMonth.year}年${previousMonth.month}月`)
    .replace(/(?<![0-9年度])(上半年|下半年|年初|年底)/g, (_, part: string) => `${year}年${part.replace(/^年/, "")}`)
    .replace(/(\d{4})年年/g, "$1年");
}
