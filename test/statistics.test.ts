import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { bucketLabel, bucketsBetween, rangeLabel } from "../src/stats/describe-range.js";
import { rankUnits, tieGroups } from "../src/stats/rank-units.js";
import { statisticsCsv } from "../src/stats/statistics-csv.js";
import { statisticsJson } from "../src/stats/statistics-json.js";
import { buildStatisticsReport } from "../src/stats/statistics-report.js";
import { CORPUS, SAMPLES, sampleApplication } from "./helpers/sample-application.js";
import { describeWithShared } from "./helpers/shared.js";

const YEAR_2025 = { from: "2025-01-01", to: "2025-12-31" };

describe("rankings and ranges", () => {
  it("ranks by count with shared ranks for ties (1, 2, 2, 4) and lists tied units by name", () => {
    const ranked = rankUnits([{ unit: "区教育局", items: 2 }, { unit: "区委社工部", items: 3 }, { unit: "工业路街道", items: 2 }, { unit: "区农委", items: 1 }]);
    expect(ranked.map((entry) => [entry.rank, entry.unit, entry.tied])).toEqual([[1, "区委社工部", false], [2, "工业路街道", true], [2, "区教育局", true], [4, "区农委", false]]);
    expect(tieGroups(ranked).map((group) => [group.rank, group.items, group.entries.map((entry) => entry.unit)])).toEqual([[1, 3, ["区委社工部"]], [2, 2, ["工业路街道", "区教育局"]], [4, 1, ["区农委"]]]);
    expect(rankUnits([{ unit: "甲", items: 3 }, { unit: "乙", items: 1 }], { order: "least" }).map((entry) => entry.unit)).toEqual(["乙", "甲"]);
  });

  it("names ranges and buckets in words", () => {
    expect(rangeLabel(YEAR_2025)).toBe("2025年");
    expect(rangeLabel({ from: "2025-01-01", to: "2025-06-30" })).toBe("2025年上半年");
    expect(rangeLabel({ from: "2025-04-01", to: "2025-06-30" })).toBe("2025年第二季度");
    expect(rangeLabel({ from: "2024-02-01", to: "2024-02-29" })).toBe("2024年2月");
    expect(rangeLabel({ from: "2025-03-05", to: "2025-05-10" })).toBe("2025-03-05 至 2025-05-10");
    expect(rangeLabel({})).toBe("全部已收录简报");
    expect(bucketsBetween({ from: "2024-11-15", to: "2025-02-01", by: "month" })).toEqual(["2024-11", "2024-12", "2025-01", "2025-02"]);
    expect(bucketsBetween({ from: "2024-11-15", to: "2025-05-01", by: "quarter" })).toEqual(["2024-Q4", "2025-Q1", "2025-Q2"]);
    expect(["2025-03", "2025-Q4", "2025"].map(bucketLabel)).toEqual(["2025年3月", "2025年第四季度", "2025年"]);
  });
});

describe("statistics over the bundled samples", () => {
  let application: Application;
  beforeAll(async () => {
    ({ application } = await sampleApplication({ paths: [SAMPLES] }));
  });
  afterAll(() => application?.close());

  it("counts a joint report once in the totals and once for each unit it names", () => {
    const totals = application.statistics.totals({});
    expect(totals).toEqual({ items: 35, reports: 27, briefs: 8, joint: 1, issues: 6, units: 17 });
    const tallies = application.statistics.unitTallies({});
    expect(tallies.reduce((sum, tally) => sum + tally.items, 0)).toBe(36);
    const byUnit = new Map(tallies.map((tally) => [tally.unit, tally]));
    expect(byUnit.get("区医保局")).toMatchObject({ items: 3, reports: 2, briefs: 1, joint: 1, issues: 3, first: "2025-04-17", last: "2026-01-15" });
    expect(byUnit.get("区卫健委")).toMatchObject({ items: 1, joint: 1 });
  });

  it("writes the ranking as CSV with a BOM, one row per unit, ties marked", () => {
    const report = buildStatisticsReport({ statistics: application.statistics, range: { from: "2026-01-01", to: "2026-12-31" } });
    const lines = statisticsCsv(report).split("\r\n");
    expect(lines[0]).toBe("\uFEFF时间段,排名,并列,单位,条数,报送,△短讯,联合报送,期数,出现的期");
    expect(lines[1]).toBe("2026年,1,,区市场监管局,2,2,0,0,2,2026年第3期、2026年第15期");
    expect(lines[2]).toBe("2026年,2,是,工业路街道,1,1,0,0,1,2026年第3期");
    // The header, one row for each of the 7 units, and the final line break.
    expect(lines).toHaveLength(1 + 7 + 1);
  });
});

describeWithShared("statistics over the corpus and the samples (hand-counted in test/fixtures/eval/README.md)", () => {
  let application: Application;
  beforeAll(async () => {
    ({ application } = await sampleApplication({ paths: [CORPUS, SAMPLES] }));
  });
  afterAll(() => application?.close());

  it("matches the hand count per unit over everything stored: 59 items, 60 unit credits, 31 units", () => {
    const report = buildStatisticsReport({ statistics: application.statistics, range: {} });
    expect(report.totals).toEqual({ items: 59, reports: 47, briefs: 12, joint: 1, issues: 10, units: 31 });
    const counts = Object.fromEntries(report.ranking.map((entry) => [entry.unit, entry.items]));
    for (const unit of ["区教育局", "区委社工部", "工业路街道"]) expect(counts[unit], unit).toBe(5);
    for (const unit of ["区公安局", "新安路街道", "区农委", "峡窝镇", "区应急管理局", "区市场监管局", "区医保局"]) expect(counts[unit], unit).toBe(3);
    for (const unit of ["区司法局", "区委宣传部", "区人社局"]) expect(counts[unit], unit).toBe(2);
    expect(report.ranking.filter((entry) => entry.items === 1)).toHaveLength(18);
    expect(report.ranking.reduce((sum, entry) => sum + entry.items, 0)).toBe(60);
    // Newspaper articles carry no unit and are never counted.
    expect(report.ranking.map((entry) => entry.rank).slice(0, 4)).toEqual([1, 1, 1, 4]);
  });

  it("counts each year as by hand: 16, 14, 20 and 9 items; 12 △ briefs in all", () => {
    const years = application.statistics.trend({ by: "year" }).map((point) => [point.bucket, point.items]);
    expect(years).toEqual([["2023", 16], ["2024", 14], ["2025", 20], ["2026", 9]]);
    expect(application.statistics.totals({ kinds: ["brief"] }).items).toBe(12);
  });

  it("ranks 2025 with the ties explained, the issues of each unit, and the quarters with no issue shown as 0", () => {
    const report = buildStatisticsReport({ statistics: application.statistics, range: YEAR_2025, by: "quarter" });
    expect(report.ranking.slice(0, 5).map((entry) => [entry.rank, entry.unit, entry.items, entry.tied])).toEqual([
      [1, "区委社工部", 3, false], [2, "工业路街道", 2, true], [2, "区公安局", 2, true], [2, "区教育局", 2, true], [2, "区医保局", 2, true],
    ]);
    expect(report.ranking[5]!.rank).toBe(6);
    expect(report.ranking[0]!.issueList.map((issue) => [issue.year, issue.issue, issue.date])).toEqual([[2025, 18, "2025-04-17"], [2025, 57, "2025-10-30"], [2025, 64, "2025-11-27"]]);
    expect(report.trend.points.map((point) => [point.label, point.items])).toEqual([["2025年第一季度", 0], ["2025年第二季度", 6], ["2025年第三季度", 0], ["2025年第四季度", 14]]);
    expect(report.periods!.find((period) => period.bucket === "2025-Q2")!.units).toHaveLength(7);
    expect(report.rules.joint).toBe("联合报送的信息给每个署名单位各记一条");
    const json = statisticsJson(report);
    expect(json.ranking[0]).toMatchObject({ rank: 1, department: "区委社工部", items: 3 });
    expect(json.ranking[0]!.issueList[0]).toEqual({ year: 2025, issue: 18, date: "2025-04-17", name: "2025年第18期" });
  });

  it("lists the units seen before a period that carried nothing in it, latest first", () => {
    const silent = application.statistics.silentUnits({ from: "2026-01-01", to: "2026-12-31" });
    expect(silent).toHaveLength(23);
    expect(silent.slice(0, 2)).toEqual([{ unit: "区公安局", itemsBefore: 3, lastSeen: "2025-11-27" }, { unit: "区司法局", itemsBefore: 2, lastSeen: "2025-11-27" }]);
    expect(silent.map((entry) => entry.unit)).not.toContain("区委社工部");
    expect(application.statistics.silentUnits({})).toEqual([]);
  });
});
