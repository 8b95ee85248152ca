import type { EvalReport } from "../eval/run-eval.js";
import { formatTable } from "./format-table.js";

const percent = (value: number | null) => (value === null ? "-" : `${(value * 100).toFixed(1)}%`);

/** The evaluation as a table per system, pass rates per category, then the product's failures one per line. */
export function formatEvalReport(report: EvalReport): string {
  const rows = report.systems.map(({ name, metrics }) => [
    name,
    `${metrics.passed}/${metrics.questions}`,
    percent(metrics.questions === 0 ? null : metrics.passed / metrics.questions),
    percent(metrics.hitAt1),
    percent(metrics.hitAt5),
    metrics.mrr.toFixed(3),
    percent(metrics.summaryRecall),
    percent(metrics.falseRefusals),
    percent(metrics.falseAnswers),
  ]);
  const lines = [formatTable({ headers: ["system", "pass", "pass %", "hit@1", "hit@5", "MRR", "summary recall", "false refusals", "false answers"], rows })];
  const categories = [...new Set(report.systems.flatMap((system) => Object.keys(system.metrics.byCategory)))].sort();
  if (categories.length > 0) {
    lines.push("", "按类别（通过/题数）：");
    lines.push(formatTable({
      headers: ["category", ...report.systems.map((system) => system.name)],
      rows: categories.map((category) => [category, ...report.systems.map((system) => {
        const entry = system.metrics.byCategory[category];
        return entry ? `${entry.passed}/${entry.questions}` : "-";
      })]),
    }));
  }
  const hybrid = report.systems[0];
  if (hybrid) {
    const failed = hybrid.results.filter((result) => !result.passed);
    if (failed.length > 0) {
      lines.push("", `${hybrid.name} 未通过：`);
      for (const result of failed) {
        const why = result.firstHit !== undefined || result.answerOk === false && !result.refused
          ? result.answerOk === false ? "（引用正确，回答缺少关键词）" : `（首个正确引用：${result.firstHit ?? "无"}）`
          : result.refused ? "（未给出引用）" : "（引用不对）";
        lines.push(`  ${result.id}${result.category ? ` [${result.category}]` : ""} ${result.question}${why}`);
      }
    }
    const withWords = hybrid.results.filter((result) => result.answerOk !== null);
    if (withWords.length > 0) lines.push(`回答含关键词：${withWords.filter((result) => result.answerOk).length}/${withWords.length}`);
  }
  return lines.join("\n");
}
