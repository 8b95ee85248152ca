import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { createBulletinStore } from "../store/bulletin-store.js";
import type { CliContext } from "./cli-context.js";
import { formatTable } from "./format-table.js";
import { formatIngestReport, runIngest, syncSearchIndex } from "./ingest-command.js";
import { serve } from "./serve-command.js";

/** The bundled fictional sample bulletins used by the quick start. */
export const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../data/samples");

export function registerStartCommand(program: Command, context: () => CliContext): void {
  program
    .command("start")
    .description("主任务：本地库为空时导入 data/samples 中的示例简报，列出库中内容，然后启动本地问答网页")
    .option("--no-serve", "只导入和列出，不启动网页")
    .action(async (options: { serve: boolean }) => {
      const ctx = context();
      const store = createBulletinStore({ dataDir: ctx.dataDir });
      const empty = store.counts().documents === 0;
      store.close();
      if (empty) {
        process.stdout.write(`本地库为空，正在导入示例简报：${SAMPLES_DIR}\n`);
        const report = await runIngest(ctx, [SAMPLES_DIR]);
        process.stdout.write(`${formatIngestReport(report)}\n`);
        if (report.failed.length > 0) process.exitCode = 1;
      }
      if (!(await syncSearchIndex(ctx))) process.exitCode = 1;
      const reopened = createBulletinStore({ dataDir: ctx.dataDir });
      try {
        const documents = reopened.listDocuments();
        const rows = documents.map((document) => [
          document.issue === null ? "-" : `${document.year ?? ""}年第${document.issue}期`,
          document.date ?? "-",
          String(document.itemCount),
          document.source,
        ]);
        const { items } = reopened.counts();
        process.stdout.write(`\n本地库 ${path.join(ctx.dataDir, "bulletins.db")}：${documents.length} 份文件，${items} 条信息\n`);
        process.stdout.write(`${formatTable({ headers: ["期号", "日期", "条目", "文件"], rows })}\n`);
        const units = reopened.listUnits();
        process.stdout.write(`\n报送单位（${units.length} 个）：${units.map((unit) => `${unit.unit}(${unit.items})`).join("、")}\n`);
      } finally {
        reopened.close();
      }
      if (options.serve) await serve(ctx);
    });
}
