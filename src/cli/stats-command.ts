import type { Command } from "commander";
import { UsageError } from "../errors.js";
import type { ContextProvider } from "./cli-context.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const GRANULARITIES = ["month", "quarter", "year"] as const;

/** Checks --from/--to/--year and turns them into a date range. */
export function readRangeOptions(options: { from?: string; to?: string; year?: string }): { from?: string; to?: string } {
  for (const [flag, value] of [["--from", options.from], ["--to", options.to]] as const) {
    if (value !== undefined && !DATE.test(value)) throw new UsageError({ message: `${flag} ${value} 不是 YYYY-MM-DD`, hint: `例如 ${flag} 2025-01-01` });
  }
  if (options.year !== undefined) {
    if (!/^\d{4}$/.test(options.year)) throw new UsageError({ message: `--year ${options.year} 不是四位年份`, hint: "例如 --year 2025" });
    if (options.from || options.to) throw new UsageError({ message: "--year 不能与 --from/--to 同时使用", hint: "只用其中一种方式指定时间段" });
    return { from: `${options.year}-01-01`, to: `${options.year}-12-31` };
  }
  if (options.from && options.to && options.from > options.to) throw new UsageError({ message: `--from ${options.from} 晚于 --to ${options.to}`, hint: "交换两个日期" });
  return { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) };
}

export function registerStatsCommand(program: Command, provide: ContextProvider): void {
  program
    .command("stats")
    .description("统计各单位被采用的信息条数（报送与△短讯分开、出现的期数）、排名、趋势和未报送单位")
    .option("--unit <unit>", "只统计这个单位（名称、简称或别名）")
    .option("--from <date>", "起始日期 YYYY-MM-DD")
    .option("--to <date>", "截止日期 YYYY-MM-DD")
    .option("--year <year>", "某一年，等于 --from YYYY-01-01 --to YYYY-12-31")
    .option("--by <period>", "再按时间分组：month、quarter 或 year")
    .option("--json", "只在标准输出打印 JSON")
    .option("--csv", "只在标准输出打印 CSV（带 BOM，Excel 可直接打开）")
    .action(async (options: { unit?: string; from?: string; to?: string; year?: string; by?: string; json?: boolean; csv?: boolean }) => {
      const range = readRangeOptions(options);
      if (options.by !== undefined && !(GRANULARITIES as readonly string[]).includes(options.by)) throw new UsageError({ message: `--by ${options.by} 不认识`, hint: "可选 month、quarter、year" });
      if (options.json && options.csv) throw new UsageError({ message: "--json 与 --csv 只能选一个", hint: "分两次运行" });
      const context = await provide();
      const application = await context.openApplication();
      let units: string[] = [];
      if (options.unit !== undefined) {
        const resolved = application.units().resolve(options.unit);
        if (!("unit" in resolved)) {
          throw new UsageError({ message: `没有找到单位“${options.unit}”`, hint: resolved.suggestions.length > 0 ? `您是不是要找：${resolved.suggestions.join("、")}` : "不加 --unit 运行 stats 查看全部单位" });
        }
        units = [resolved.unit];
      }
      const { buildStatisticsReport } = await import("../stats/statistics-report.js");
      const report = buildStatisticsReport({ statistics: application.statistics, range, units, ...(options.by ? { by: options.by as (typeof GRANULARITIES)[number] } : {}) });
      const { stdout } = context.io;
      if (options.json) {
        const { statisticsJson } = await import("../stats/statistics-json.js");
        stdout.write(`${JSON.stringify(statisticsJson(report))}\n`);
      } else if (options.csv) {
        const { statisticsCsv } = await import("../stats/statistics-csv.js");
        stdout.write(statisticsCsv(report));
      } else {
        const { formatStatisticsReport } = await import("./stats-table.js");
        stdout.write(`${formatStatisticsReport(report)}\n`);
      }
    });
}
