import lunar from "lunar-javascript";

/**
 * The days of the holidays staff place things by ("春节前", "国庆期间", "清明前那期"), for a given year:
 * the lunar ones (春节, 元宵, 端午, 中秋, 重阳) and 清明 from lunar-javascript, the others fixed.
 */

export interface Day {
  year: number;
  month: number;
  day: number;
}

type Rule = { solar: [number, number] } | { lunar: [number, number] } | { term: string };

const FESTIVALS: Record<string, Rule> = {
  春节: { lunar: [1, 1] },
  元宵: { lunar: [1, 15] },
  端午: { lunar: [5, 5] },
  中秋: { lunar: [8, 15] },
  重阳: { lunar: [9, 9] },
  清明: { term: "清明" },
  元旦: { solar: [1, 1] },
  三八: { solar: [3, 8] },
  植树节: { solar: [3, 12] },
  五一: { solar: [5, 1] },
  五四: { solar: [5, 4] },
  六一: { solar: [6, 1] },
  七一: { solar: [7, 1] },
  八一: { solar: [8, 1] },
  教师节: { solar: [9, 10] },
  国庆: { solar: [10, 1] },
};

/** Other names of the same holidays. */
const SAME_AS: Record<string, string> = {
  过年: "春节", 大年: "春节", 元宵节: "元宵", 端午节: "端午", 中秋节: "中秋", 重阳节: "重阳", 清明节: "清明",
  妇女节: "三八", 劳动节: "五一", 青年节: "五四", 儿童节: "六一", 建党节: "七一", 建军节: "八一", 国庆节: "国庆",
};

/** The holiday names, longest first, as a regular-expression alternation. */
export const FESTIVAL_NAMES = [...Object.keys(SAME_AS), ...Object.keys(FESTIVALS)].sort((left, right) => right.length - left.length).join("|");

/** Words placing something around a holiday ("春节前", "清明前后", "国庆期间"), as a regular-expression alternation. */
export const AROUND_FESTIVAL_WORDS = "前后|前夕|期间|那阵子?|那段时间|前|后";

/** The holiday a name means ("过年" -> 春节), or undefined. */
export function festivalOf(name: string): string | undefined {
  const festival = SAME_AS[name] ?? name;
  return festival in FESTIVALS ? festival : undefined;
}

/** The day of a holiday in a year (the 春节 of 2023 is 2023-01-22). */
export function festivalDay(festival: string, year: number): Day | undefined {
  const rule = FESTIVALS[festival];
  if (!rule) return undefined;
  if ("solar" in rule) return { year, month: rule.solar[0], day: rule.solar[1] };
  const solar = "lunar" in rule
    ? lunar.Lunar.fromYmd(year, rule.lunar[0], rule.lunar[1]).getSolar()
    : lunar.Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable()[rule.term];
  return solar && { year: solar.getYear(), month: solar.getMonth(), day: solar.getDay() };
}
