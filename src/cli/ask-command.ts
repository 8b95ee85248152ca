import type { Command } from "commander";
import type { Answer } from "../answer/answer-question.js";
import { UsageError } from "../errors.js";
import type { ContextProvider } from "./cli-context.js";

const BATCH_HINT = '每行一个对象，如 {"id":"q1","question":"…"}';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerAskCommand(program: Command, provide: ContextProvider): void {
  program
    .command("ask")
    .description("提问：从简报中检索并给出带出处的回答")
    .argument("[question...]", "问题，如：上街区注册志愿者有多少人？")
    .option("--batch <file>", "批量提问：JSONL 文件，每行含 question（可选 id），按行输出 JSON")
    .option("--json", "只在标准输出打印 JSON")
    .option("--today <date>", "把“今天”固定为 YYYY-MM-DD（解析“今年”“近三个月”等）")
    .action(async (words: string[], options: { batch?: string; json?: boolean; today?: string }) => {
      const question = words.join(" ").trim();
      if (!options.batch && !question) throw new UsageError({ message: "缺少问题", hint: "用法：ask <问题> 或 ask --batch <文件> --json" });
      if (options.today && !DATE.test(options.today)) throw new UsageError({ message: `--today ${options.today} 不是 YYYY-MM-DD`, hint: "例如 --today 2026-11-23" });
      const questions = options.batch ? await readBatch(options.batch) : [{ question }];
      const context = await provide();
      const { stdout, stderr } = context.io;
      const { answerJson } = await import("../answer/answer-json.js");
      const { formatCitation } = await import("../answer/citation.js");
      const { createLinks, publicBaseUrl } = await import("../web/create-links.js");
      const application = await context.openApplication(options.today ? { today: options.today } : {});
      const { links } = createLinks({ config: context.config, dataDir: context.dataDir, baseUrl: publicBaseUrl(context.config) });
      const answer = application.answerer({ links });
      // With an LLM the draft streams to stderr; the cleaned, cited answer is printed on stdout.
      const streaming = application.writtenByModel && !options.json && !options.batch && stderr.isTTY === true;
      for (const entry of questions) {
        const result = await answer({ question: entry.question, ...(streaming ? { onToken: (token: string) => stderr.write(token) } : {}) });
        if (streaming) stderr.write("\n\n");
        if (options.json || options.batch) {
          stdout.write(`${JSON.stringify({ ...(entry.id !== undefined ? { id: entry.id } : {}), ...answerJson(result) })}\n`);
        } else {
          stdout.write(`${result.answer}\n`);
          if (result.citations.length > 0) stdout.write(`\n${result.citations.map(formatCitation).join("\n")}\n`);
          if (result.export) stdout.write(`\n导出 Word 文档：${exportCommand(result.export)}\n`);
        }
      }
    });
}

/** The `export` command that writes an export answer's document. */
function exportCommand(request: NonNullable<Answer["export"]>): string {
  if (request.kind === "issue") return `bulletin-bot export --issue ${request.issue}${request.year ? ` --year ${request.year}` : ""} --out 第${request.issue}期.docx`;
  const from = request.ranges.map((range) => range.from).filter(Boolean).sort()[0];
  const to = request.ranges.map((range) => range.to).filter(Boolean).sort().at(-1);
  const unit = request.units[0] ?? "";
  return `bulletin-bot export --unit ${unit}${from ? ` --from ${from}` : ""}${to ? ` --to ${to}` : ""} --out ${unit}.docx`;
}

async function readBatch(file: string): Promise<{ id?: string; question: string }[]> {
  const { readJsonLines } = await import("../read-json-lines.js");
  return readJsonLines({ file, what: "批量问题文件", hint: BATCH_HINT }).map(({ line, value }) => {
    const record = value as { id?: unknown; question?: unknown };
    if (typeof record.question !== "string" || record.question.trim() === "") {
      throw new UsageError({ message: `${file} 第 ${line} 行缺少 question 字段`, hint: BATCH_HINT });
    }
    return { question: record.question, ...(record.id !== undefined ? { id: String(record.id) } : {}) };
  });
}
