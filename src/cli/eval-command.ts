import type { Command } from "commander";
import { openEngine } from "../app/open-engine.js";
import { readEvalQuestions } from "../eval/eval-question.js";
import { runEval, type EvalReport } from "../eval/run-eval.js";
import { UsageError } from "../errors.js";
import type { CliContext } from "./cli-context.js";
import { formatTable } from "./format-table.js";

const percent = (value: number | null) => (value === null ? "-" : `${(value * 100).toFixed(1)}%`);

export function formatEvalReport(report: EvalReport): string {
  const rows = report.systems.map(({ name, metrics }) => [
    name,
    `${metrics.passed}/${metrics.questions}`,
    percent(metrics.hitAt1),
    percent(metrics.hitAt5),
    metrics.mrr.toFixed(3),
    percent(metrics.top1Accuracy),
    percent(metrics.summaryRecall),
    percent(metrics.refusalRate),
  ]);
  const lines = [formatTable({ headers: ["system", "pass", "hit@1", "hit@5", "MRR", "top1", "summary recall", "refusal"], rows })];
  const hybrid = report.systems[0];
  if (hybrid) {
    const failed = hybrid.results.filter((result) => !result.passed || result.answerOk === false);
    if (failed.length > 0) {
      lines.push("", `${hybrid.name} 未通过：`);
      for (const result of failed) lines.push(`  ${result.id} ${result.question}${result.passed ? "（引用正确，回答缺少关键词）" : result.refused ? "（未给出引用）" : `（首个正确引用：${result.firstHit ?? "无"}）`}`);
    }
    const withWords = hybrid.results.filter((result) => result.answerOk !== null);
    if (withWords.length > 0) lines.push(`回答含关键词：${withWords.filter((result) => result.answerOk).length}/${withWords.length}`);
  }
  return lines.join("\n");
}

export function registerEvalCommand(program: Command, context: () => CliContext): void {
  program
    .command("eval")
    .description("评测：在同一个库上对比本系统与基线（BM25、向量、LangChain 教科书切分）的命中率")
    .requiredOption("--questions <file>", "问题集 JSONL（格式同 ../shared/eval/questions.jsonl）")
    .option("--json", "只在标准输出打印 JSON")
    .option("--today <date>", "把“今天”固定为 YYYY-MM-DD")
    .action(async (options: { questions: string; json?: boolean; today?: string }) => {
      if (options.today && !/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new UsageError({ message: `--today ${options.today} 不是 YYYY-MM-DD`, hint: "例如 --today 2026-11-23" });
      const questions = readEvalQuestions(options.questions);
      const ctx = context();
      const engine = await openEngine({ config: ctx.config, dataDir: ctx.dataDir, ...(options.today ? { today: options.today } : {}) });
      try {
        if (engine.store.counts().documents === 0) throw new UsageError({ message: `${ctx.dataDir} 中还没有简报`, hint: "先运行 ingest 导入问题集对应的简报" });
        const report = await runEval({ engine, questions });
        process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatEvalReport(report)}\n`);
      } finally {
        engine.close();
      }
    });
}
