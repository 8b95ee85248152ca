import type { Command } from "commander";
import { openEngine } from "../app/open-engine.js";
import { clearSearchIndex } from "../search/search-index.js";
import { createBulletinStore } from "../store/bulletin-store.js";
import type { CliContext } from "./cli-context.js";

export function registerReindexCommand(program: Command, context: () => CliContext): void {
  program
    .command("reindex")
    .description("重建检索索引（更换向量模型或分词词典后运行）")
    .option("--json", "只在标准输出打印 JSON")
    .action(async (options: { json?: boolean }) => {
      const ctx = context();
      const store = createBulletinStore({ dataDir: ctx.dataDir });
      try {
        await clearSearchIndex({ store, dataDir: ctx.dataDir });
      } finally {
        store.close();
      }
      const started = performance.now();
      const engine = await openEngine({ config: ctx.config, dataDir: ctx.dataDir });
      const summary = {
        items: engine.store.counts().items,
        chunks: engine.index.vectors.size(),
        embedder: `${engine.index.embedder.provider}/${engine.index.embedder.model}`,
        dimensions: engine.index.embedder.dimensions,
        seconds: Math.round((performance.now() - started) / 10) / 100,
      };
      engine.close();
      if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else process.stdout.write(`已重建索引：${summary.items} 条信息，${summary.chunks} 个检索片段，向量模型 ${summary.embedder}（${summary.dimensions} 维），用时 ${summary.seconds} 秒。\n`);
    });
}
