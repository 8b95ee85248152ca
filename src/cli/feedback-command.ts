import type { Command } from "commander";
import type { ContextProvider } from "./cli-context.js";

export function registerFeedbackCommand(program: Command, provide: ContextProvider): void {
  program
    .command("feedback")
    .description("列出飞书回答卡片上的 👍/👎 反馈（含问题、回答和出处）")
    .option("--rating <up|down>", "只看有用（up）或没用（down）")
    .option("--limit <n>", "最多条数", "50")
    .option("--json", "只在标准输出打印 JSON")
    .action(async (options: { rating?: string; limit: string; json?: boolean }) => {
      const rating = options.rating === "up" || options.rating === "down" ? options.rating : undefined;
      const context = await provide();
      const application = await context.openApplication();
      const entries = application.feedback.list({ ...(rating ? { rating } : {}), limit: Number(options.limit) || 50 });
      const { stdout } = context.io;
      if (options.json) {
        stdout.write(`${JSON.stringify(entries)}\n`);
        return;
      }
      if (entries.length === 0) {
        stdout.write("还没有反馈。\n");
        return;
      }
      const { formatTable } = await import("./format-table.js");
      const rows = entries.map((entry) => [
        entry.createdAt.slice(0, 16).replace("T", " "),
        entry.rating === "up" ? "👍" : "👎",
        entry.question,
        entry.answer.replace(/\s+/g, " ").slice(0, 40),
        entry.citations.map((citation) => `${citation.issue ?? citation.source}/${citation.item}`).join(" "),
      ]);
      stdout.write(`${formatTable({ headers: ["时间", "评价", "问题", "回答", "出处（期/条）"], rows })}\n`);
    });
}
