import type { Command } from "commander";
import type { ContextProvider } from "./cli-context.js";

export function registerReindexCommand(program: Command, provide: ContextProvider): void {
  program
    .command("reindex")
    .description("重建检索索引（更换向量模型或分词词典后运行）")
    .option("--json", "只在标准输出打印 JSON")
    .action(async (options: { json?: boolean }) => {
      const context = await provide();
      const application = await context.openApplication();
      const started = performance.now();
      const { index } = await application.reindex();
      const summary = {
        items: application.catalog.counts().items,
        chunks: index.vectors.size(),
        embedder: `${index.embedder.provider}/${index.embedder.model}`,
        dimensions: index.embedder.dimensions,
        seconds: Math.round((performance.now() - started) / 10) / 100,
      };
      const { stdout } = context.io;
      if (options.json) stdout.write(`${JSON.stringify(summary)}\n`);
      else stdout.write(`已重建索引：${summary.items} 条信息，${summary.chunks} 个检索片段，向量模型 ${summary.embedder}（${summary.dimensions} 维），用时 ${summary.seconds} 秒。\n`);
    });
}
