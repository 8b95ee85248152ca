import type { Command } from "commander";
import { UsageError } from "../errors.js";
import type { ContextProvider } from "./cli-context.js";

export function registerEvalCommand(program: Command, provide: ContextProvider): void {
  program
    .command("eval")
    .description("评测：在同一个库上对比本系统与基线（BM25、向量、LangChain 教科书切分）的命中率")
    .requiredOption("--questions <file>", "问题集 JSONL（格式同 ../shared/eval/questions.jsonl）")
    .option("--json", "只在标准输出打印 JSON")
    .option("--today <date>", "把“今天”固定为 YYYY-MM-DD")
    .action(async (options: { questions: string; json?: boolean; today?: string }) => {
      if (options.today && !/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new UsageError({ message: `--today ${options.today} 不是 YYYY-MM-DD`, hint: "例如 --today 2026-11-23" });
      const { readEvalQuestions } = await import("../eval/eval-question.js");
      const questions = readEvalQuestions(options.questions);
      const context = await provide();
      const application = await context.openApplication(options.today ? { today: options.today } : {});
      if (application.catalog.counts().documents === 0) throw new UsageError({ message: `${context.dataDir} 中还没有简报`, hint: "先运行 ingest 导入问题集对应的简报" });
      const { runEval } = await import("../eval/run-eval.js");
      const { formatEvalReport } = await import("./eval-report.js");
      const report = await runEval({ application, questions });
      context.io.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatEvalReport(report)}\n`);
    });
}
