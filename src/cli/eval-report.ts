import type { EvalReport } from "../eval/run-eval.js";
import { formatTable } from "./format-table.js";

const percent = (value: number | null) => (value === null ? "-" : `${(value * 100).toFixed(1)}%`);

/** The evaluation as a table per system, then the product's failures one per line. */
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
