import type { Command } from "commander";
import type { ContextProvider } from "./cli-context.js";

export function registerIngestCommand(program: Command, provide: ContextProvider): void {
  program
    .command("ingest")
    .description("导入简报文件（.txt/.md/.pdf/.docx，目录会递归读取）到本地库，并更新检索索引")
    .argument("<path...>", "文件或目录")
    .option("--json", "只在标准输出打印 JSON 结果")
    .action(async (paths: string[], options: { json?: boolean }) => {
      const context = await provide();
      const { formatIngestReport, ingestReportJson, runIngest } = await import("./ingest-report.js");
      const result = await runIngest({ context, application: await context.openApplication(), paths });
      context.io.stdout.write(options.json ? `${JSON.stringify(ingestReportJson(result))}\n` : `${formatIngestReport(result)}\n`);
    });
}
