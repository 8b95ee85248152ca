import { announcedWindow, inMonthsOfAnyYear, looksBackOn, namesPeriod, plansFor, reportsLaterOnYear, reportsOn, reportWindow } from "../src/query/period-reports.js";
import { describe, expect, it } from "vitest";
import { parseNumber, parsePeriod } from "../src/query/parse-period.js";

const today = "2026-11-23";
const period = (text: string) => parsePeriod({ text, today });
const range = (text: string) => {
  const found = period(text);
  return found && [found.from, found.to, found.label, found.explicit];
};

describe("parsePeriod", () => {
  it.each([
    ["2023年", ["2023-01-01", "2023-12-31", "2023年", true]],
    ["2023年度", ["2023-01-01", "2023-12-31", "2023年", true]],
    ["二〇二三年", ["2023-01-01", "2023-12-31", "2023年", true]],
    ["2023年6月", ["2023-06-01", "2023-06-30", "2023年6月", true]],
    ["2024年2月", ["2024-02-01", "2024-02-29", "2024年2月", true]],
    ["2023年6月1日", ["2023-06-01", "2023-06-01", "2023年6月1日", true]],
    ["2023 年 8 月 14 日", ["2023-08-14", "2023-08-14", "2023年8月14日", true]],
    ["２０２３年十二月", ["2023-12-01", "2023-12-31", "2023年12月", true]],
    ["2023.6", ["2023-06-01", "2023-06-30", "2023年6月", true]],
    ["2023-06", ["2023-06-01", "2023-06-30", "2023年6月", true]],
    ["2023/8/14", ["2023-08-14", "2023-08-14", "2023年8月14日", true]],
    ["今年", ["2026-01-01", "2026-12-31", "2026年", true]],
    ["去年", ["2025-01-01", "2025-12-31", "2025年", true]],
    ["前年", ["2024-01-01", "2024-12-31", "2024年", true]],
    ["去年12月", ["2025-12-01", "2025-12-31", "2025年12月", true]],
    ["本月", ["2026-11-01", "2026-11-30", "2026年11月", true]],
    ["这个月", ["2026-11-01", "2026-11-30", "2026年11月", true]],
    ["上个月", ["2026-10-01", "2026-10-31", "2026年10月", true]],
    ["上半年", ["2026-01-01", "2026-06-30", "2026年上半年", false]],
    ["下半年", ["2026-07-01", "2026-12-31", "2026年下半年", false]],
    ["今年上半年", ["2026-01-01", "2026-06-30", "2026年上半年", true]],
    ["2023年上半年", ["2023-01-01", "2023-06-30", "2023年上半年", true]],
    ["2023年下半年", ["2023-07-01", "2023-12-31", "2023年下半年", true]],
    ["一季度", ["2026-01-01", "2026-03-31", "2026年第一季度", false]],
    ["第二季度", ["2026-04-01", "2026-06-30", "2026年第二季度", false]],
    ["三季度", ["2026-07-01", "2026-09-30", "2026年第三季度", false]],
    ["2024年第4季度", ["2024-10-01", "2024-12-31", "2024年第四季度", true]],
    ["近三个月", ["2026-08-23", "2026-11-23", "近三个月（2026-08-23 至 2026-11-23）", false]],
    ["最近3个月", ["2026-08-23", "2026-11-23", "最近3个月（2026-08-23 至 2026-11-23）", false]],
    ["近半年", ["2026-05-23", "2026-11-23", "近半年（2026-05-23 至 2026-11-23）", false]],
    ["近一年", ["2025-11-23", "2026-11-23", "近一年（2025-11-23 至 2026-11-23）", false]],
    ["最近一周", ["2026-11-16", "2026-11-23", "最近一周（2026-11-16 至 2026-11-23）", false]],
    ["近30天", ["2026-10-24", "2026-11-23", "近30天（2026-10-24 至 2026-11-23）", false]],
    ["这两年", ["2024-11-23", "2026-11-23", "这两年（2024-11-23 至 2026-11-23）", false]],
    ["秋季开学前", ["2026-08-01", "2026-09-30", "2026年秋季开学", false]],
    ["2024年春季开学", ["2024-02-01", "2024-03-31", "2024年春季开学", true]],
    ["2023年春季学期", ["2023-02-01", "2023-07-15", "2023年春季学期", true]],
    ["2022年秋季学期", ["2022-09-01", "2023-01-31", "2022年秋季学期", true]],
    ["这三个月", ["2026-08-23", "2026-11-23", "这三个月（2026-08-23 至 2026-11-23）", false]],
    ["6月份", ["2026-06-01", "2026-06-30", "2026年6月", false]],
    ["十二月", ["2026-12-01", "2026-12-31", "2026年12月", false]],
    ["2023年以来", ["2023-01-01", "2026-11-23", "2023年以来（2023-01-01 至 2026-11-23）", true]],
    ["2023年6月以来", ["2023-06-01", "2026-11-23", "2023年6月以来（2023-06-01 至 2026-11-23）", true]],
    ["今年以来", ["2026-01-01", "2026-11-23", "2026年以来（2026-01-01 至 2026-11-23）", true]],
    ["23年到现在", ["2023-01-01", "2026-11-23", "2023年以来（2023-01-01 至 2026-11-23）", true]],
    ["2024年6月至今", ["2024-06-01", "2026-11-23", "2024年6月以来（2024-06-01 至 2026-11-23）", true]],
    ["本周", ["2026-11-23", "2026-11-29", "本周（2026-11-23 至 2026-11-29）", true]],
    ["上周", ["2026-11-16", "2026-11-22", "上周（2026-11-16 至 2026-11-22）", true]],
  ])("%s", (text, expected) => {
    expect(range(text)).toEqual(expected);
  });

  it("reads 前三季度 and 前10个月 after a year as January to that end, not as years ago", () => {
    expect(parsePeriod({ text: "23年前三季度区属国企利润多少", today: "2026-11-28" })).toMatchObject({ from: "2023-01-01", to: "2023-09-30", reportedAs: expect.arrayContaining(["前三季度", "1-9月"]) });
    expect(parsePeriod({ text: "去年前10个月", today: "2026-11-28" })).toMatchObject({ from: "2025-01-01", to: "2025-10-31" });
    // A report writes "前三季度" where staff say "前三个季度".
    expect(parsePeriod({ text: "去年前三个季度120出了多少趟车", today: "2026-11-28" })?.reportedAs).toEqual(expect.arrayContaining(["前三个季度", "前三季度", "1-9月"]));
    expect(parsePeriod({ text: "两年前的事", today: "2026-11-28" })).toMatchObject({ from: "2024-01-01", to: "2024-12-31" });
    expect(parsePeriod({ text: "五年前10月那期", today: "2026-11-28" })).toMatchObject({ from: "2021-10-01", to: "2021-10-31" });
  });

  it("returns the matched span inside a question", () => {
    expect(period("总结区委社工部今年的工作")).toEqual({
      from: "2026-01-01", to: "2026-12-31", label: "2026年", explicit: true, start: 7, end: 9,
    });
    expect(period("2023年8月工业路街道报送了什么工作？")).toMatchObject({ from: "2023-08-01", to: "2023-08-31", start: 0, end: 7 });
  });

  it("clamps a rolling window to the end of a shorter month", () => {
    expect(parsePeriod({ text: "近三个月", today: "2026-05-31" })).toMatchObject({ from: "2026-02-28", to: "2026-05-31" });
  });

  it("crosses the year boundary for 上个月 and 上季度", () => {
    expect(parsePeriod({ text: "上个月", today: "2026-01-15" })).toMatchObject({ from: "2025-12-01", to: "2025-12-31" });
    expect(parsePeriod({ text: "上季度", today: "2026-02-10" })).toMatchObject({ from: "2025-10-01", to: "2025-12-31" });
  });

  it.each([["上街区注册志愿者有多少人？"], ["第64期原文"], ["13月"], ["2023年13月"], ["近年来"], ["工作37176件"], ["三个月"]])(
    "finds no period in %s",
    (text) => {
      expect(range(text)).toEqual(text === "2023年13月" ? ["2023-01-01", "2023-12-31", "2023年", true] : undefined);
    },
  );

  it("rejects a malformed today", () => {
    expect(() => parsePeriod({ text: "今年", today: "2026/11/23" })).toThrow("YYYY-MM-DD");
  });
});

describe("colloquial periods, read against 2026-11-28", () => {
  it.each([
    ["23年8月中旬那期", "2023-08-06", "2023-08-25", "2023年8月中旬"],
    ["两年前夏天", "2024-06-01", "2024-08-31", "2024年夏季"],
    ["前年开春那会儿", "2024-02-01", "2024-04-30", "2024年开春"],
    ["去年年底", "2025-10-01", "2025-12-31", "2025年底"],
    ["去年10月底那期", "2025-10-16", "2025-10-31", "2025年10月底"],
    ["2023年底", "2023-10-01", "2023-12-31", "2023年底"],
    ["去年冬天", "2025-11-01", "2026-02-28", "2025年冬季"],
    ["3年前", "2023-01-01", "2023-12-31", "2023年"],
    ["工业路23、24年报过哪些", "2023-01-01", "2024-12-31", "2023年至2024年"],
  ])("%s -> %s..%s", (text, from, to, label) => {
    expect(parsePeriod({ text, today: "2026-11-28" })).toMatchObject({ from, to, label, explicit: true });
  });

  it.each([
    // 2023's 清明 is 4月5日, its 春节 1月22日 and 元宵 2月5日; 2024's 中秋 is 9月17日 (lunar-javascript).
    ["23年清明前那期", "2023-03-01", "2023-04-19", "2023年清明前"],
    ["23年春节前后", "2022-12-23", "2023-02-26", "2023年春节前后"],
    ["前年中秋国庆两节", "2024-08-18", "2024-10-17", "2024年中秋前后"],
    ["22年国庆后", "2022-10-01", "2022-10-31", "2022年国庆后"],
  ])("the weeks around a holiday: %s -> %s..%s", (text, from, to, label) => {
    expect(parsePeriod({ text, today: "2026-11-28" })).toMatchObject({ from, to, label, explicit: true });
  });

  it("keeps a holiday's name in the text, and reads a holiday without a year as no period", () => {
    expect(parsePeriod({ text: "23年中秋前", today: "2026-11-28" })).toMatchObject({ start: 0, end: 3 });
    expect(parsePeriod({ text: "中秋活动来了多少人", today: "2026-11-28" })).toBeUndefined();
  });

  it("does not read a duration as a two-digit year", () => {
    expect(parsePeriod({ text: "连续12年", today: "2026-11-28" })).toBeUndefined();
  });
});

describe("parseNumber", () => {
  it.each([["3", 3], ["十", 10], ["十二", 12], ["二十四", 24], ["两", 2], ["〇", 0], ["百", undefined]])("%s -> %s", (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });
});

describe("reports on a period from just after it", () => {
  it("reads a run of months as one span, named as a report on it names it", () => {
    const asked = (text: string) => parsePeriod({ text, today: "2026-11-28" });
    for (const text of ["24年四五月份那轮巡察", "24年4、5月份巡察", "2024年4到5月", "24年4月至5月"]) {
      expect(asked(text), text).toMatchObject({ from: "2024-04-01", to: "2024-05-31", label: "2024年4月至5月", explicit: true });
    }
    // A report in June on the round that ran "4 月 8 日至 5 月 31 日" names the month it ends with.
    expect(namesPeriod("4 月 8 日至 5 月 31 日，区委派出 4 个巡察组", asked("24年四五月份")!)).toBe(true);
    expect(asked("七八月份高温多少天")).toMatchObject({ from: "2026-07-01", to: "2026-08-31", explicit: false });
    expect(asked("去年1-6月")).toMatchObject({ from: "2025-01-01", to: "2025-06-30", reportedAs: expect.arrayContaining(["1-6月", "前6个月"]) });
    // Backwards or impossible runs are no run; the year still counts.
    expect(asked("24年五四月份")).toMatchObject({ from: "2024-01-01", to: "2024-12-31" });
    expect(asked("24年5到13月")).toMatchObject({ from: "2024-01-01", to: "2024-12-31" });
  });

  const period = (text: string) => parsePeriod({ text, today: "2026-11-28" })!;

  it("names a half year, quarter or month the way a report just after it does", () => {
    expect(namesPeriod("上半年累计完成投资 52.4 亿元", period("2022年上半年"))).toBe(true);
    expect(namesPeriod("1—6月，全区新增就业2100人", period("2022年上半年"))).toBe(true);
    expect(namesPeriod("前三季度税收收入增长5%", period("2022年第三季度"))).toBe(true);
    expect(namesPeriod("6 月 1 日启动以来", period("2022年6月"))).toBe(true);
    expect(namesPeriod("16月", period("2022年6月"))).toBe(false);
    expect(namesPeriod("全年完成投资", period("2022年上半年"))).toBe(false);
  });

  it("reads 26年度 as the year, and finds a programme year announced in the months before it", () => {
    expect(parsePeriod({ text: "26年度居民医保个人一年交多少", today: "2026-11-28" })).toMatchObject({ from: "2026-01-01", to: "2026-12-31", start: 0, end: 4 });
    const announced = announcedWindow({ from: "2026-01-01", reportedAs: ["2026年", "2026年度"] });
    expect(announced).toEqual({ from: "2025-07-02", to: "2025-12-31", reportedAs: ["2026年度"] });
    expect(namesPeriod("9月1日起，全区2026年度城乡居民医保集中征缴工作启动", announced!)).toBe(true);
    expect(namesPeriod("2026年全区计划新建", announced!)).toBe(false);
    expect(announcedWindow({ from: "2026-01-01", reportedAs: ["上半年"] })).toBeUndefined();
  });

  it("takes a year's figure from a report in the half year after it that names the year", () => {
    const year = { from: "2025-01-01", to: "2025-12-31" };
    expect(reportsLaterOnYear("2026-05-28", year)).toBe(true);
    expect(reportsLaterOnYear("2026-09-10", year)).toBe(false);
    expect(reportsLaterOnYear("2026-05-28", { from: "2025-07-01", to: "2025-12-31" })).toBe(false);
    expect(looksBackOn("2026-05-28", "2025年，全区筹集保障性租赁住房650套", year)).toBe(true);
    expect(looksBackOn("2026-05-28", "2026年计划筹集500套", year)).toBe(false);
  });

  it("takes a plan for a period from a report shortly before it, and a result from one in it or just after", () => {
    const autumn = period("去年秋天");
    expect(plansFor("2025-08-28", autumn)).toBe(true);
    expect(reportsOn("2025-08-28", autumn)).toBe(false);
    expect(plansFor("2025-03-01", autumn)).toBe(false);
    expect(reportsOn("2025-12-20", autumn)).toBe(true);
  });

  it("opens a window after a half year, quarter or month, not after a year or a day", () => {
    expect(reportWindow(period("2022年上半年"))).toEqual({ from: "2022-07-01", to: "2022-09-13" });
    expect(reportWindow(period("2022年"))).toBeUndefined();
    expect(reportWindow(period("2022年6月3日"))).toBeUndefined();
    // A whole year asked ("一共", "全年") is named by its year in reports up to half a year after it.
    expect(reportWindow({ to: "2025-12-31", reportedAs: ["2025年", "2025年度"] })).toEqual({ from: "2026-01-01", to: "2026-07-02" });
  });
});

describe("inMonthsOfAnyYear: a period named without its year", () => {
  it("holds an issue of the same months in another year, and nothing for a span longer than a season", () => {
    expect(inMonthsOfAnyYear("2023-03-16", { from: "2026-03-01", to: "2026-03-31" })).toBe(true);
    expect(inMonthsOfAnyYear("2023-08-14", { from: "2026-03-01", to: "2026-03-31" })).toBe(false);
    expect(inMonthsOfAnyYear("2023-03-16", { from: "2026-01-01", to: "2026-12-31" })).toBe(false);
  });
});
