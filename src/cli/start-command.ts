import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import type { ContextProvider } from "./cli-context.js";

/** The bundled fictional sample bulletins used by the quick start. */
export const SAMPLES_DIR = fileURLToPath(new URL("../../data/samples", import.meta.url));

export function registerStartCommand(program: Command, provide: ContextProvider): void {
  program
    .command("start")
    .description("主任务：本地库为空时导入 data/samples 中的示例简报，列出库中内容，然后启动本地问答网页")
    .option("--no-serve", "只导入和列出，不启动网页")
    .action(async (options: { serve: boolean }) => {
      const context = await provide();
      const { stdout } = context.io;
      const { formatIngestReport, runIngest } = await import("./ingest-report.js");
      const { formatTable } = await import("./format-table.js");
      const application = await context.openApplication();
      if (application.catalog.counts().documents === 0) {
        stdout.write(`本地库为空，正在导入示例简报：${SAMPLES_DIR}\n`);
        stdout.write(`${formatIngestReport(await runIngest({ context, application, paths: [SAMPLES_DIR] }))}\n`);
      }
      // Builds the index now rather than at the first question (and reports an embedder that is down).
      await application.search().catch((error: unknown) => {
        context.io.stderr.write(`检索索引未能更新：${error instanceof Error ? error.message : String(error)}\n`);
        context.fail();
      });
      const documents = application.catalog.listDocuments();
      const rows = documents.map((document) => [
        document.issue === null ? "-" : `${document.year ?? ""}年第${document.issue}期`,
        document.date ?? "-",
        String(document.itemCount),
        document.source,
      ]);
      const { items } = application.catalog.counts();
      stdout.write(`\n本地库 ${path.join(context.dataDir, "bulletins.db")}：${documents.length} 份文件，${items} 条信息\n`);
      stdout.write(`${formatTable({ headers: ["期号", "日期", "条目", "文件"], rows })}\n`);
      const units = application.catalog.listUnits();
      stdout.write(`\n报送单位（${units.length} 个）：${units.map((unit) => `${unit.unit}(${unit.items})`).join("、")}\n`);
      if (options.serve) {
        const { serve } = await import("./serve.js");
        await serve({ context, application });
      }
    });
}
