import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { UsageError } from "../errors.js";
import type { ExportRequest } from "../export/export-request.js";
import type { ContextProvider } from "./cli-context.js";
import { readRangeOptions } from "./stats-command.js";

export function registerExportCommand(program: Command, provide: ContextProvider): void {
  program
    .command("export")
    .description("导出为 Word 文档（.docx）：一个单位在某时间段被采用的全部信息，或整期简报")
    .option("--unit <unit>", "单位名称、简称或别名")
    .option("--from <date>", "起始日期 YYYY-MM-DD")
    .option("--to <date>", "截止日期 YYYY-MM-DD")
    .option("--year <year>", "某一年（与 --unit 一起用）；与 --issue 一起用时指定哪一年的那一期")
    .option("--issue <number>", "导出整期简报，如 --issue 64 --year 2025")
    .requiredOption("--out <file>", "输出文件，如 工业路街道-2025年.docx")
    .action(async (options: { unit?: string; from?: string; to?: string; year?: string; issue?: string; out: string }) => {
      if ((options.unit === undefined) === (options.issue === undefined)) throw new UsageError({ message: "请指定 --unit 或 --issue 其中一个", hint: "例如 export --unit 工业路街道 --year 2025 --out 工业路街道.docx" });
      if (options.issue !== undefined && !/^\d{1,4}$/.test(options.issue)) throw new UsageError({ message: `--issue ${options.issue} 不是期号`, hint: "例如 --issue 64 --year 2025" });
      if (options.issue !== undefined && options.year !== undefined && !/^\d{4}$/.test(options.year)) throw new UsageError({ message: `--year ${options.year} 不是四位年份`, hint: "例如 --year 2025" });
      const range = options.unit !== undefined ? readRangeOptions(options) : {};
      const context = await provide();
      const application = await context.openApplication();
      let request: ExportRequest;
      if (options.unit !== undefined) {
        const resolved = application.units().resolve(options.unit);
        if (!("unit" in resolved)) throw new UsageError({ message: `没有找到单位“${options.unit}”`, hint: resolved.suggestions.length > 0 ? `您是不是要找：${resolved.suggestions.join("、")}` : "用 stats 查看全部报送单位" });
        request = { kind: "unit", units: [resolved.unit], ranges: range.from || range.to ? [range] : [] };
      } else {
        request = { kind: "issue", issue: Number(options.issue), ...(options.year ? { year: Number(options.year) } : {}) };
      }
      const { selectExport } = await import("../export/export-request.js");
      const content = selectExport({ catalog: application.catalog, request, series: context.config.bulletinSeries });
      if (!content) throw new UsageError({ message: `没有收录${options.year ? `${options.year}年` : ""}第${options.issue}期`, hint: "核对期号和年份" });
      if (content.items.length === 0) throw new UsageError({ message: `${content.subject}在${content.period}没有被采用的信息，没有生成文件`, hint: "放宽时间段再试" });
      const { writeExportDocx, closingLine } = await import("../export/write-docx.js");
      const file = path.resolve(options.out);
      writeFileSync(file, await writeExportDocx(content));
      context.io.stdout.write(`已导出 ${content.title}（${content.period}）：${closingLine(content)}\n文件：${file}\n`);
    });
}
