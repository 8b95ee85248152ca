import type { Command } from "commander";
import { answerQuestion, type Answer } from "../answer/answer-question.js";
import { answerJson } from "../answer/answer-json.js";
import { formatCitation } from "../answer/citation.js";
import { openEngine } from "../app/open-engine.js";
import { UsageError } from "../errors.js";
import { readJsonLines } from "../read-json-lines.js";
import { createChatModel } from "../models/create-chat-model.js";
import { createLinks, publicBaseUrl } from "../web/create-links.js";
import type { CliContext } from "./cli-context.js";

/** The JSON contract of `ask --json` (other tools depend on it). */
function answerLine(answer: Answer, id?: string) {
  return { ...(id !== undefined ? { id } : {}), ...answerJson(answer) };
}

const BATCH_HINT = '每行一个对象，如 {"id":"q1","question":"…"}';

function readBatch(file: string): { id?: string; question: string }[] {
  return readJsonLines({ file, what: "批量问题文件", hint: BATCH_HINT }).map(({ line, value }) => {
    const record = value as { id?: unknown; question?: unknown };
    if (typeof record.question !== "string" || record.question.trim() === "") {
      throw new UsageError({ message: `${file} 第 ${line} 行缺少 question 字段`, hint: BATCH_HINT });
    }
    return { question: record.question, ...(record.id !== undefined ? { id: String(record.id) } : {}) };
  });
}

export function registerAskCommand(program: Command, context: () => CliContext): void {
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
      if (options.today && !/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new UsageError({ message: `--today ${options.today} 不是 YYYY-MM-DD`, hint: "例如 --today 2026-11-23" });
      const ctx = context();
      const engine = await openEngine({ config: ctx.config, dataDir: ctx.dataDir, ...(options.today ? { today: options.today } : {}) });
      const { links } = createLinks({ config: ctx.config, dataDir: ctx.dataDir, baseUrl: publicBaseUrl(ctx.config) });
      const chatModel = createChatModel(ctx.config);
      const streaming = !options.json && !options.batch && process.stderr.isTTY;
      try {
        const questions = options.batch ? readBatch(options.batch) : [{ question }];
        for (const entry of questions) {
          const answer = await answerQuestion({
            engine,
            question: entry.question,
            links,
            // With an LLM the draft streams to stderr; the cleaned, cited answer is printed on stdout.
            ...(chatModel ? { generation: { chatModel, logger: ctx.logger, ...(streaming ? { onToken: (token: string) => process.stderr.write(token) } : {}) } } : {}),
          });
          if (streaming && chatModel) process.stderr.write("\n\n");
          if (options.json || options.batch) {
            process.stdout.write(`${JSON.stringify(answerLine(answer, entry.id))}\n`);
          } else {
            process.stdout.write(`${answer.answer}\n`);
            if (answer.citations.length > 0) process.stdout.write(`\n${answer.citations.map(formatCitation).join("\n")}\n`);
          }
        }
      } finally {
        engine.close();
      }
    });
}
