import type { Command } from "commander";
import { UsageError } from "../errors.js";
import type { ContextProvider } from "./cli-context.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerSummaryCommand(program: Command, provide: ContextProvider): void {
  program
    .command("summary")
    .description("汇总一个单位报送的全部信息（按日期排列，可限定时间段）")
    .argument("<unit>", "单位名称、简称或别名，如 区委社工部、社工部")
    .option("--from <date>", "起始日期 YYYY-MM-DD")
    .option("--to <date>", "截止日期 YYYY-MM-DD")
    .option("--json", "只在标准输出打印 JSON（与 ask --json 同格式）")
    .action(async (unitName: string, options: { from?: string; to?: string; json?: boolean }) => {
      for (const [flag, value] of [["--from", options.from], ["--to", options.to]] as const) {
        if (value !== undefined && !DATE.test(value)) throw new UsageError({ message: `${flag} ${value} 不是 YYYY-MM-DD`, hint: `例如 ${flag} 2025-01-01` });
      }
      const context = await provide();
      const application = await context.openApplication();
      const resolved = application.units().resolve(unitName);
      if (!("unit" in resolved)) {
        throw new UsageError({
          message: `没有找到单位“${unitName}”`,
          hint: resolved.suggestions.length > 0 ? `您是不是要找：${resolved.suggestions.join("、")}` : "用 npm run cli -- start --no-serve 查看已收录的报送单位",
        });
      }
      const { summarizeUnit, unitItems } = await import("../answer/summarize-unit.js");
      const { citationJson, formatCitation } = await import("../answer/citation.js");
      const { createLinks, publicBaseUrl } = await import("../web/create-links.js");
      const from = options.from ?? "0000-01-01";
      const to = options.to ?? "9999-12-31";
      const label = options.from || options.to ? `${options.from ?? "最早"} 至 ${options.to ?? "最新"}` : "";
      const { links } = createLinks({ config: context.config, dataDir: context.dataDir, baseUrl: publicBaseUrl(context.config) });
      const question = `总结${resolved.unit}${label ? `（${label}）` : ""}的工作`;
      const understanding = {
        text: question, intent: "summary" as const, units: [resolved.unit], unitMentions: [], keywords: "", carriedOver: [],
        ...(label ? { period: { from, to, label, explicit: true } } : {}),
      };
      const summary = summarizeUnit({ items: unitItems({ catalog: application.catalog, understanding }), understanding, links, series: context.config.bulletinSeries });
      const { stdout } = context.io;
      if (options.json) stdout.write(`${JSON.stringify({ question, intent: summary.intent, answer: summary.answer, citations: summary.citations.map(citationJson) })}\n`);
      else stdout.write(`${summary.answer}\n\n${summary.citations.map(formatCitation).join("\n")}\n`);
    });
}
