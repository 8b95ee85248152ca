import { toAsciiDigits } from "../text/chinese-numerals.js";
import { AROUND_FESTIVAL_WORDS, FESTIVAL_NAMES, festivalDay, festivalOf } from "./festival-dates.js";

/**
 * Time references in a question -> an inclusive ISO date range.
 *
 * `explicit` tells callers how hard to filter:
 * - true: the question pins a calendar period to a year by itself: 2023年, 2023年6月, 2023.6,
 *   2023年上半年, 今年/去年/前年 (and their 上半年/季度/月 forms), 本月, 上个月, 本周, X以来.
 *   Callers use these as hard filters ("总结区委社工部今年的工作" must only see this year).
 * - false: the year is guessed or the window is rolling: 上半年, 三季度, 6月份 without a year
 *   (bulletins say "上半年" about their own year, which need not be this one), 近三个月, 最近一周.
 *   Callers use these as boosts.
 * Calendar periods cover the whole period even when it runs past today (今年 -> 01-01..12-31);
 * "以来" and rolling windows end today.
 */
export interface Period {
  from: string;
  to: string;
  /** Chinese, for display: "2023年", "2026年上半年", "近三个月（2026-08-23 至 2026-11-23）". */
  label: string;
  explicit: boolean;
  /**
   * How a report published just after the period names it ("上半年", "一季度", "1-6月", "6月"): a
   * half year, quarter or month is reported on in the weeks after it ends.
   */
  reportedAs?: string[];
  /** Span of the matched words in `text`, so callers can strip them. */
  start: number;
  end: number;
}

interface Candidate extends Period {
  priority: number;
}

const NUMBER = "[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3}";
// 2023年, 二〇二三年, 23年 (two digits, not after 第/近/连续/满…: "连续12年" is a duration), 今年…, 两年前.
// "23年前三季度" is 2023's first three quarters, not 23 years ago.
const FIRST_MONTHS = `前\\s*(?:${NUMBER})\\s*(?:个)?\\s*(?:季度|月)`;
const YEAR_WORD =
  `(?:(?<![0-9])([0-9]{4}|[〇零一二三四五六七八九]{4})\\s*年度?|(?<![0-9第近续满共约达超过每])([0-9]{2})\\s*年度?(?![间内来里]|多(?!少)|前(?!${FIRST_MONTHS.slice(1)}))|(大前年|今年|本年|去年|前年|明年)度?|(?<![0-9])([0-9]{2}(?!\\s*年${FIRST_MONTHS})|[0-9]|[零〇一二两三四五六七八九十]{1,3}|几)\\s*年前)`;
const FIRST_MONTHS_PART = new RegExp(`^前\\s*(${NUMBER})\\s*(?:个)?\\s*(季度|月)`);
// "秋季开学前" is the start of a school term, not the season: first, so that it is taken whole.
// "春节前", "国庆期间", "清明前那期": a holiday, and the weeks around it.
const FESTIVAL = `(?:${FESTIVAL_NAMES})(?:${AROUND_FESTIVAL_WORDS}|假期|那几天)?`;
const SEASON = `[春秋]季?开学|[春秋]季?学期|春天|春季|开春|夏天|夏季|秋天|秋季|冬天|冬季|年初|年底|年末|年中(?![考秋学小心药医])|岁末|${FESTIVAL}`;
// "4到5月", "4月至6月", "四五月份": a run of months of one year.
const MONTH_RUN = `(${NUMBER})\\s*(?:月份?\\s*)?(?:、|到|至|-|—|~|～|和)\\s*(${NUMBER})\\s*月份?|([一二三四五六七八九])([二三四五六七八九十])\\s*月份?`;
const PART = `(${MONTH_RUN}|上半年|下半年|${FIRST_MONTHS}|(?:第\\s*)?(${NUMBER})\\s*季度|(${NUMBER})\\s*月份?(?:\\s*(${NUMBER})\\s*[日号]|\\s*(上旬|中旬|下旬|初|底|末))?|(${SEASON}))`;
// "23年以来", "23年至今", "23年到现在": from then until today.
const SINCE = "(?:\\s*(以来|至今|(?:一直)?(?:到|至)(?:现在|目前|今天|如今)))?";

const YEAR_ONLY = new RegExp(`^${YEAR_WORD}`);
// "2023年底": after a year, a bare 初/底/末 is its start or end.
const YEAR_PATTERN = new RegExp(`${YEAR_WORD}(?:\\s*(?:${PART}|(初|底|末)(?![0-9])))?${SINCE}`, "g");
const NUMERIC_PATTERN = /(?<![0-9])((?:19|20)[0-9]{2})[.\-/](1[0-2]|0?[1-9])(?:[.\-/](3[01]|[12][0-9]|0?[1-9]))?(?![0-9])/g;
const YEARLESS_PATTERN = new RegExp(`${PART}${SINCE}`, "g");
const RELATIVE_PATTERN = /(本月|这个月|当月|上个月|上月|本季度|这个季度|上个季度|上季度|本周|这周|这个星期|上周|上个星期)(?:\s*(以来))?/g;
// "23、24年", "2023到2025年": a run of years written once with 年.
const YEAR_LIST_PATTERN = /(?<![0-9第近])((?:19|20)?[0-9]{2})\s*(?:、|，|和|与|及|至|到|-|—|～|~)\s*((?:19|20)?[0-9]{2})\s*年(?![前间内来多里])/g;
// "这两年" as "近两年"; "这一年", "这几年" name no span.
const ROLLING_PATTERN = new RegExp(`(?:最近|近|过去|这(?=\\s*(?:[0-9]|[两二三四五六七八九十])))\\s*(${NUMBER}|半)\\s*(?:个)?\\s*(年|月|周|星期|礼拜|天|日)`, "g");

const QUARTER_NAMES = ["一", "二", "三", "四"];

/**
 * Finds the first time reference in `text` (longest when several start at the same place).
 * @example parsePeriod({ text: "2023年上半年", today: "2026-11-23" })
 *   // { from: "2023-01-01", to: "2023-06-30", label: "2023年上半年", explicit: true, start: 0, end: 7 }
 */
export function parsePeriod(options: { text: string; today: string }): Period | undefined {
  const text = toAsciiDigits(options.text);
  const today = parseIsoDate(options.today);
  const candidates: Candidate[] = [
    ...collect(text, YEAR_PATTERN, (match) => fromYearMatch(match, today)),
    ...collect(text, NUMERIC_PATTERN, (match) => fromNumericMatch(match, today)),
    ...collect(text, YEARLESS_PATTERN, (match) => fromYearlessMatch(match, today)),
    ...collect(text, RELATIVE_PATTERN, (match) => fromRelativeMatch(match, today)),
    ...collect(text, ROLLING_PATTERN, (match) => fromRollingMatch(match, today)),
    ...collect(text, YEAR_LIST_PATTERN, (match) => fromYearListMatch(match, today)),
  ];
  candidates.sort((left, right) => left.start - right.start || right.end - left.end || right.priority - left.priority);
  const first = candidates[0];
  if (!first) return undefined;
  const { priority: _priority, ...period } = first;
  return period;
}

type Built = Omit<Candidate, "start" | "end"> & { length?: number };

function collect(text: string, pattern: RegExp, build: (match: RegExpExecArray) => Built | undefined): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(pattern)) {
    const built = build(match as RegExpExecArray);
    if (!built) continue;
    const { length = match[0].length, ...candidate } = built;
    found.push({ ...candidate, start: match.index, end: match.index + length });
  }
  return found;
}

function fromYearMatch(match: RegExpExecArray, today: SimpleDate): Built | undefined {
  const [, digits, twoDigits, relative, ago, part, runFirst, runLast, pairFirst, pairLast, quarter, month, day, monthEdge, season, yearEdge, since] = match;
  const year = yearOf({ digits, twoDigits, relative, ago, today });
  if (year === undefined) return undefined;
  const run = monthRun(runFirst ?? pairFirst, runLast ?? pairLast);
  const range = partRange({ year, part, run, quarter, month, day, monthEdge, season: season ?? (yearEdge ? `年${yearEdge}` : undefined) });
  // "2023年13月": keep the year, leave the impossible month in the text.
  const yearOnly = partRange({ year });
  if (!range) return yearOnly && { ...yearOnly, explicit: true, priority: 3, length: YEAR_ONLY.exec(match[0])?.[0].length ?? 0 };
  // "23年中秋前": the holiday places the question in time and is a topic too ("中秋国庆两节"): its words stay.
  const festival = season !== undefined && FESTIVAL_START.test(season);
  return withSince({ ...range, explicit: true, priority: 3, ...(festival ? { length: YEAR_ONLY.exec(match[0])?.[0].length ?? 0 } : {}) }, since, today);
}

const FESTIVAL_START = new RegExp(`^(?:${FESTIVAL_NAMES})`);

/** The year a year word names; two-digit years are this century's, and only up to next year. */
function yearOf(options: { digits?: string | undefined; twoDigits?: string | undefined; relative?: string | undefined; ago?: string | undefined; today: SimpleDate }): number | undefined {
  const { digits, twoDigits, relative, ago, today } = options;
  if (digits) return parseYear(digits);
  if (twoDigits) {
    const year = 2000 + Number(twoDigits);
    return year <= today.year + 1 ? year : undefined;
  }
  if (ago) {
    const count = ago === "几" ? undefined : parseNumber(ago);
    return count === undefined ? undefined : today.year - count;
  }
  return today.year + ({ 今年: 0, 本年: 0, 去年: -1, 前年: -2, 大前年: -3, 明年: 1 }[relative ?? "今年"] ?? 0);
}

function fromYearlessMatch(match: RegExpExecArray, today: SimpleDate): Omit<Candidate, "start" | "end"> | undefined {
  const [, part, runFirst, runLast, pairFirst, pairLast, quarter, month, day, monthEdge, season, since] = match;
  const run = monthRun(runFirst ?? pairFirst, runLast ?? pairLast);
  // "中秋活动": a holiday without a year names the event more than a time.
  if (season !== undefined && FESTIVAL_START.test(season)) return undefined;
  const range = partRange({ year: today.year, part, run, quarter, month, day, monthEdge, season });
  if (!range) return undefined;
  return withSince({ ...range, explicit: false, priority: 1 }, since, today);
}

function fromNumericMatch(match: RegExpExecArray, _today: SimpleDate): Omit<Candidate, "start" | "end"> | undefined {
  const [, year, month, day] = match;
  const range = partRange({ year: Number(year), part: "m", month, day });
  return range ? { ...range, explicit: true, priority: 2 } : undefined;
}

function fromRelativeMatch(match: RegExpExecArray, today: SimpleDate): Omit<Candidate, "start" | "end"> | undefined {
  const [, word = "", since] = match;
  const { year, month } = today;
  let range: { from: SimpleDate; to: SimpleDate; label: string };
  if (["本月", "这个月", "当月"].includes(word)) {
    range = monthRange(year, month);
  } else if (["上个月", "上月"].includes(word)) {
    const previous = addMonths(today, -1);
    range = monthRange(previous.year, previous.month);
  } else if (["本季度", "这个季度"].includes(word)) {
    range = quarterRange(year, Math.ceil(month / 3));
  } else if (["上个季度", "上季度"].includes(word)) {
    const previous = addMonths(today, -3);
    range = quarterRange(previous.year, Math.ceil(previous.month / 3));
  } else {
    const monday = addDays(today, -((dayOfWeek(today) + 6) % 7) - (["上周", "上个星期"].includes(word) ? 7 : 0));
    const sunday = addDays(monday, 6);
    range = { from: monday, to: sunday, label: `${word}（${formatIso(monday)} 至 ${formatIso(sunday)}）` };
  }
  return withSince({ from: formatIso(range.from), to: formatIso(range.to), label: range.label, explicit: true, priority: 2 }, since, today);
}

function fromYearListMatch(match: RegExpExecArray, today: SimpleDate): Omit<Candidate, "start" | "end"> | undefined {
  const [, first = "", last = ""] = match;
  const year = (digits: string) => (digits.length === 4 ? Number(digits) : 2000 + Number(digits));
  const [from, to] = [year(first), year(last)];
  if (from > to || to > today.year + 1) return undefined;
  return { from: `${from}-01-01`, to: `${to}-12-31`, label: `${from}年至${to}年`, explicit: true, priority: 3 };
}

function fromRollingMatch(match: RegExpExecArray, today: SimpleDate): Omit<Candidate, "start" | "end"> | undefined {
  const [words = "", count = "", unit = ""] = match;
  const amount = count === "半" ? 0.5 : parseNumber(count);
  if (amount === undefined || amount <= 0) return undefined;
  let from: SimpleDate;
  if (unit === "年") from = addMonths(today, -Math.round(amount * 12));
  else if (unit === "月") from = count === "半" ? addDays(today, -15) : addMonths(today, -amount);
  else if (unit === "天" || unit === "日") from = addDays(today, -amount);
  else from = addDays(today, -Math.round(amount * 7));
  const label = `${words.replace(/\s+/g, "")}（${formatIso(from)} 至 ${formatIso(today)}）`;
  return { from: formatIso(from), to: formatIso(today), label, explicit: false, priority: 2 };
}

/** The first and last month of a run, when both are months and the run goes forward ("四五月"). */
function monthRun(first: string | undefined, last: string | undefined): [number, number] | null | undefined {
  if (first === undefined || last === undefined) return undefined;
  const [from, to] = [parseNumber(first), parseNumber(last)];
  if (from === undefined || to === undefined || from < 1 || to > 12 || from >= to) return null;
  // "四五月" is two neighbouring months; a pair of other characters is no run.
  return [from, to];
}

/** A part of `year`: whole year, half, quarter, run of months, month or day; undefined for impossible numbers. */
function partRange(options: {
  year: number;
  part?: string | undefined;
  run?: [number, number] | null | undefined;
  quarter?: string | undefined;
  month?: string | undefined;
  day?: string | undefined;
  monthEdge?: string | undefined;
  season?: string | undefined;
}) {
  const { year, part, run, quarter, month, day, monthEdge, season } = options;
  if (season) return seasonRange(year, season);
  if (run === null) return undefined;
  if (run) {
    const [first, last] = run;
    const label = `${year}年${first}月至${last}月`;
    // A report just after the run names the span or the month it ends with ("4 月 8 日至 5 月 31 日").
    return { ...stringify({ from: { year, month: first, day: 1 }, to: { year, month: last, day: daysInMonth(year, last) }, label }), reportedAs: [...monthSpanNames(first, last), `${last}月`, ...(first === 1 ? [`前${last}个月`] : [])] };
  }
  if (!part) return stringify({ from: { year, month: 1, day: 1 }, to: { year, month: 12, day: 31 }, label: `${year}年` });
  if (part === "上半年") return { ...stringify({ from: { year, month: 1, day: 1 }, to: { year, month: 6, day: 30 }, label: `${year}年上半年` }), reportedAs: ["上半年", ...monthSpanNames(1, 6)] };
  // "前三季度", "前10个月": from January to the end of that quarter or month.
  const first = FIRST_MONTHS_PART.exec(part);
  if (first) {
    const count = parseNumber(first[1]!);
    const months = count === undefined ? 0 : first[2] === "季度" ? count * 3 : count;
    if (months < 1 || months > 12) return undefined;
    const name = part.replace(/\s+/g, "");
    // "前三个季度" is written "前三季度" in a report; "前10个月" as "1-10月".
    const written = name.replace(/个(?=季度)/, "");
    return { ...stringify({ from: { year, month: 1, day: 1 }, to: { year, month: months, day: daysInMonth(year, months) }, label: `${year}年${name}` }), reportedAs: [...new Set([name, written]), ...monthSpanNames(1, months)] };
  }
  if (part === "下半年") return { ...stringify({ from: { year, month: 7, day: 1 }, to: { year, month: 12, day: 31 }, label: `${year}年下半年` }), reportedAs: ["下半年"] };
  if (quarter !== undefined) {
    const number = parseNumber(quarter);
    if (number === undefined || number < 1 || number > 4) return undefined;
    const name = QUARTER_NAMES[number - 1]!;
    // "前三季度" reports the third quarter too.
    return { ...stringify(quarterRange(year, number)), reportedAs: [`${name}季度`, ...(number > 1 ? [`前${name}季度`] : []), ...monthSpanNames(number * 3 - 2, number * 3)] };
  }
  const monthNumber = month === undefined || /两/.test(month) ? undefined : parseNumber(month);
  if (monthNumber === undefined || monthNumber < 1 || monthNumber > 12) return undefined;
  if (day === undefined && monthEdge) return stringify(monthEdgeRange(year, monthNumber, monthEdge));
  if (day === undefined) return { ...stringify(monthRange(year, monthNumber)), reportedAs: [`${monthNumber}月`] };
  const dayNumber = parseNumber(day);
  if (dayNumber === undefined || dayNumber < 1 || dayNumber > daysInMonth(year, monthNumber)) return undefined;
  const date = { year, month: monthNumber, day: dayNumber };
  return stringify({ from: date, to: date, label: `${year}年${monthNumber}月${dayNumber}日` });
}

function withSince<T extends { from: string; to: string; label: string }>(range: T, since: string | undefined, today: SimpleDate): T {
  if (!since) return range;
  const to = formatIso(today);
  return { ...range, to, label: `${range.label.replace(/（.*$/, "")}以来（${range.from} 至 ${to}）` };
}

// People say 年底 for the last quarter, 开春 for the weeks after 立春 and the Spring Festival (February to April) and 冬天
// from November (winter relief and heating start then); the ranges are generous on purpose.
const SEASONS: Record<string, { from: [number, number]; to: [number, number]; name: string }> = {
  春: { from: [3, 1], to: [5, 31], name: "春季" },
  开春: { from: [2, 1], to: [4, 30], name: "开春" },
  夏: { from: [6, 1], to: [8, 31], name: "夏季" },
  秋: { from: [9, 1], to: [11, 30], name: "秋季" },
  冬: { from: [11, 1], to: [14, 28], name: "冬季" },
  初: { from: [1, 1], to: [3, 31], name: "初" },
  中: { from: [5, 1], to: [8, 31], name: "年中" },
  底: { from: [10, 1], to: [12, 31], name: "底" },
  // Schools open in late February and on 1 September; bulletins report the preparations the month before, and what
  // was done "开学以来" in the weeks after.
  春学: { from: [2, 1], to: [3, 31], name: "春季开学" },
  秋学: { from: [8, 1], to: [9, 30], name: "秋季开学" },
  // A term runs from its opening to the holidays: February to mid-July, September to January.
  春学期: { from: [2, 1], to: [7, 15], name: "春季学期" },
  秋学期: { from: [9, 1], to: [13, 31], name: "秋季学期" },
};

/** Days before and after a holiday its weeks run: reports on getting ready come out up to a month before ("春节前"). */
const FESTIVAL_WINDOW: Record<string, [number, number]> = { 前: [-35, 14], 前夕: [-20, 14], 后: [0, 30] };
const AROUND_FESTIVAL: [number, number] = [-30, 30];

/** The weeks a holiday names in a year; 春节 runs on to 元宵. */
function festivalRange(year: number, word: string) {
  const name = FESTIVAL_START.exec(word)?.[0] ?? "";
  const festival = festivalOf(name);
  const day = festival && festivalDay(festival, year);
  if (!festival || !day) return undefined;
  const modifier = word.slice(name.length);
  const [before, after] = FESTIVAL_WINDOW[modifier] ?? AROUND_FESTIVAL;
  const lantern = festival === "春节" && !FESTIVAL_WINDOW[modifier] ? festivalDay("元宵", year) : undefined;
  const from = addDays(day, before);
  const to = addDays(lantern ?? day, lantern ? 21 : after);
  return stringify({ from, to, label: `${year}年${festival}${modifier === "前" || modifier === "后" ? modifier : "前后"}` });
}

function seasonRange(year: number, word: string) {
  if (FESTIVAL_START.test(word)) return festivalRange(year, word);
  const key = /开学/.test(word) ? `${word[0]}学` : /学期/.test(word) ? `${word[0]}学期` : /开春/.test(word) ? "开春" : /岁末|年末|年底/.test(word) ? "底" : word.startsWith("年") ? word[1] ?? "" : word[0] ?? "";
  const season = SEASONS[key];
  if (!season) return undefined;
  const at = ([month, day]: [number, number]): SimpleDate => {
    const moved = addMonths({ year, month: 1, day: 1 }, month - 1);
    return { ...moved, day: Math.min(day, daysInMonth(moved.year, moved.month)) };
  };
  return stringify({ from: at(season.from), to: at(season.to), label: `${year}年${season.name}` });
}

/** 10月初 / 中旬 / 底: the part of the month people mean, with a margin (a bulletin of the 14th is "中旬"). */
function monthEdgeRange(year: number, month: number, edge: string) {
  const last = daysInMonth(year, month);
  const [from, to] = edge === "上旬" ? [1, 10] : edge === "初" ? [1, 15] : edge === "中旬" ? [6, 25] : edge === "下旬" ? [21, last] : [16, last];
  return { from: { year, month, day: from }, to: { year, month, day: to }, label: `${year}年${month}月${edge}` };
}

function monthRange(year: number, month: number) {
  return { from: { year, month, day: 1 }, to: { year, month, day: daysInMonth(year, month) }, label: `${year}年${month}月` };
}

function quarterRange(year: number, quarter: number) {
  const firstMonth = quarter * 3 - 2;
  return {
    from: { year, month: firstMonth, day: 1 },
    to: { year, month: firstMonth + 2, day: daysInMonth(year, firstMonth + 2) },
    label: `${year}年第${QUARTER_NAMES[quarter - 1] ?? quarter}季度`,
  };
}

/** "1-6月", "1—6月", "1至6月": how bulletins write a span of months. */
export function monthSpanNames(first: number, last: number): string[] {
  return ["-", "—", "至", "~"].map((dash) => `${first}${dash}${last}月`);
}

function stringify(range: { from: SimpleDate; to: SimpleDate; label: string }) {
  return { from: formatIso(range.from), to: formatIso(range.to), label: range.label };
}

/** Arabic or Chinese numerals up to 99: 3, 12, 三, 十二, 二十四, 两. */
export function parseNumber(text: string): number | undefined {
  const value = text.trim();
  if (/^[0-9]+$/.test(value)) return Number(value);
  const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const tens = /^([一二两三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(value);
  if (tens) return (tens[1] ? (digits[tens[1]] ?? 1) : 1) * 10 + (tens[2] ? (digits[tens[2]] ?? 0) : 0);
  if (value.length === 1 && value in digits) return digits[value];
  return undefined;
}

function parseYear(text: string): number | undefined {
  if (/^[0-9]{4}$/.test(text)) return Number(text);
  const digits = [...text].map((character) => "〇零一二三四五六七八九".indexOf(character));
  if (digits.some((digit) => digit < 0)) return undefined;
  return Number(digits.map((digit) => (digit === 0 ? 0 : digit - 1)).join(""));
}

interface SimpleDate {
  year: number;
  month: number;
  day: number;
}

function parseIsoDate(text: string): SimpleDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`parsePeriod: today must be YYYY-MM-DD, got "${text}"`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function formatIso(date: SimpleDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Same day `months` earlier/later, clamped to the month's end (05-31 minus 3 months -> 02-28). */
function addMonths(date: SimpleDate, months: number): SimpleDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

function addDays(date: SimpleDate, days: number): SimpleDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

function dayOfWeek(date: SimpleDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}
